// Which base URLs count as loopback for a client, where plain http is allowed without
// allowInsecureHttp: only `localhost`, 127.0.0.0/8 and ::1, in whatever spelling the URL parser
// normalises to them. A name is never resolved at construction, so `*.localhost` counts as remote.
import { describe, expect, it } from "vitest";
import { createCommetClient } from "../../src/commet/index.js";
import { isLoopbackHost } from "../../src/core/options.js";

const hostOf = (url: string) => new URL(url).hostname;

describe("isLoopbackHost, on hosts as the URL parser gives them", () => {
  it.each([
    "http://localhost",
    "http://LOCALHOST:4010",
    "http://127.0.0.1",
    "http://127.1",
    "http://0x7f.1",
    "http://127.255.255.254",
    "http://[::1]",
    "http://[0:0:0:0:0:0:0:1]",
  ])("%s is loopback", (url) => {
    expect(isLoopbackHost(hostOf(url))).toBe(true);
  });

  it.each([
    "http://api.localhost",
    "http://localhost.localhost",
    "http://localhost.",
    "http://localhost.example.com",
    "http://127.0.0.1.nip.io",
    "http://128.0.0.1",
    "http://10.0.0.5",
    "http://[::ffff:127.0.0.1]",
    "http://[::2]",
    "http://example.com",
  ])("%s is not", (url) => {
    expect(isLoopbackHost(hostOf(url))).toBe(false);
  });
});

describe("a client's plain-http base URL", () => {
  it("to a *.localhost name is refused, since the name could resolve anywhere", () => {
    expect(() => createCommetClient({ apiKey: "ck_sandbox_l", baseUrl: "http://api.localhost:4010/api/v1" })).toThrow(
      /plain http to a host that is not loopback.*allowInsecureHttp/,
    );
  });

  it("to a *.localhost name is allowed when the caller opts in", () => {
    expect(() => createCommetClient({ apiKey: "ck_sandbox_l", baseUrl: "http://api.localhost:4010/api/v1", allowInsecureHttp: true })).not.toThrow();
  });

  it.each(["http://127.1:4010", "http://[0::1]:4010", "http://LocalHost:4010"])("to %s is allowed as loopback", (baseUrl) => {
    expect(() => createCommetClient({ apiKey: "ck_sandbox_l", baseUrl })).not.toThrow();
  });
});
