// Credentials stay where they belong: never in an error (message, toString, JSON, cause) or a log,
// never sent to another origin by a redirect, never over plain http to a remote host.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createCommetClient, RedirectError, unwrap } from "../../src/commet/index.js";
import { createOnetClient } from "../../src/onet/index.js";
import { createCloudPlansClient } from "../../src/cloudplans/index.js";
import { connectionReset, json, scriptedFetch } from "../helpers/scripted-fetch.js";

const SECRET = "ck_live_PLANTED-SECRET-9f8e7d6c5b4a";
const TOKEN = "sk-onetsolutions-PLANTED-SECRET-1a2b3c";

/** Every way an error can be shown: message, toString, stack, JSON, and its cause chain, recursively. */
function everySerialisation(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    if (current instanceof Error) parts.push(current.message, String(current), String(current.stack));
    parts.push(JSON.stringify(current, (_, value: unknown) => (typeof value === "bigint" ? String(value) : value)) ?? "");
    try {
      parts.push(JSON.stringify(Object.getOwnPropertyDescriptors(current)));
    } catch {
      // circular: the other forms are enough
    }
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join("\n");
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

describe("a planted secret appears in no error and no log", () => {
  const logs: unknown[][] = [];
  beforeAll(() => {
    for (const level of ["log", "info", "warn", "error", "debug"] as const)
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logs.push(args));
  });
  afterAll(() => vi.restoreAllMocks());
  afterEach(() => expect(JSON.stringify(logs)).not.toContain("PLANTED-SECRET"));

  it.each<[string, () => Promise<unknown>]>([
    [
      "an API error (401)",
      () =>
        createCommetClient({ apiKey: SECRET, fetch: scriptedFetch(json(401, { success: false, error: { code: "unauthorized", message: "bad key" } })).fetch })
          .GET("/addons")
          .then((result) => unwrap(result)),
    ],
    ["a network error", () => createCommetClient({ apiKey: SECRET, retries: 0, fetch: scriptedFetch(connectionReset()).fetch }).GET("/addons")],
    ["a timeout", () => createOnetClient({ token: TOKEN, retries: 0, timeoutMs: 10, fetch: scriptedFetch("hang").fetch }).GET("/v1/organizations")],
    [
      "a refused redirect",
      () =>
        createOnetClient({
          token: TOKEN,
          fetch: scriptedFetch(new Response(null, { status: 302, headers: { location: "https://evil.test/steal" } })).fetch,
        }).GET("/v1/organizations"),
    ],
    ["a bad option", async () => createCommetClient({ apiKey: SECRET, baseUrl: SECRET })],
    // @ts-expect-error a JavaScript caller's mistake: refused at compile time, and at run time too
    ["a bad per-request option", () => createCommetClient({ apiKey: SECRET, fetch: scriptedFetch(json(200, {})).fetch }).GET("/addons", { retries: "many" })],
    [
      "a bad path parameter",
      () => createCommetClient({ apiKey: SECRET, fetch: scriptedFetch(json(200, {})).fetch }).DELETE("/addons/{id}", { params: { path: { id: ".." } } }),
    ],
  ])("%s", async (_, action) => {
    const error = await rejection(Promise.resolve().then(action));
    expect(error).toBeInstanceOf(Error);
    expect(everySerialisation(error)).not.toContain("PLANTED-SECRET");
  });
});

describe("redirects", () => {
  let other: Server;
  let otherOrigin = "";
  const seenByOther: IncomingHttpHeaders[] = [];
  let home: Server;
  let homeOrigin = "";
  const seenAtHome: string[] = [];

  beforeAll(async () => {
    other = createServer((request, response) => {
      seenByOther.push(request.headers);
      response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    home = createServer((request, response) => {
      seenAtHome.push(`${request.method} ${request.url} ${request.headers["x-api-key"] ?? "-"}`);
      if (request.url?.startsWith("/api/v1/addons/moved")) return void response.writeHead(307, { location: "/api/v1/addons/here" }).end();
      if (request.url?.startsWith("/api/v1/addons/away")) return void response.writeHead(302, { location: `${otherOrigin}/api/v1/addons/stolen` }).end();
      if (request.url?.startsWith("/api/v1/addons/loop")) return void response.writeHead(302, { location: "/api/v1/addons/loop" }).end();
      response.writeHead(200, { "content-type": "application/json" }).end('{"success":true,"data":{"id":"here"}}');
    });
    for (const server of [other, home]) await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    // Another port is another origin.
    otherOrigin = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    homeOrigin = `http://127.0.0.1:${(home.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const server of [other, home]) await new Promise((resolve) => server.close(resolve));
  });

  const client = () => createCommetClient({ apiKey: SECRET, baseUrl: `${homeOrigin}/api/v1`, retries: 0 });

  it("follows a same-origin redirect, with the credentials", async () => {
    const { data } = await client().GET("/addons/{id}", { params: { path: { id: "moved" } } });
    expect(data).toEqual({ success: true, data: { id: "here" } });
    expect(seenAtHome.slice(-2)).toEqual([`GET /api/v1/addons/moved ${SECRET}`, `GET /api/v1/addons/here ${SECRET}`]);
  });

  it("refuses a cross-origin redirect and sends nothing to the other origin", async () => {
    const error = await rejection(client().GET("/addons/{id}", { params: { path: { id: "away" } } }));
    expect(error).toBeInstanceOf(RedirectError);
    expect(error).toMatchObject({ status: 302, targetOrigin: otherOrigin });
    expect(seenByOther).toEqual([]);
  });

  it("stops a redirect loop", async () => {
    await expect(client().GET("/addons/{id}", { params: { path: { id: "loop" } } })).rejects.toThrow(/more than 5 redirects/);
  });
});

describe("plain http", () => {
  it.each(["http://api.example.com", "http://10.0.0.5:8080/api/v1", "http://commet.co/api/v1"])("refuses %s, which would send the key in clear", (baseUrl) => {
    expect(() => createCommetClient({ apiKey: SECRET, baseUrl })).toThrow(/plain http.*allowInsecureHttp/);
  });

  it.each(["http://127.0.0.1:4010/api/v1", "http://localhost:4010", "http://[::1]:4010"])("allows loopback %s", (baseUrl) => {
    expect(() => createCommetClient({ apiKey: SECRET, baseUrl })).not.toThrow();
  });

  it("allows a remote http host only when the caller opts in", () => {
    expect(() => createOnetClient({ token: TOKEN, baseUrl: "http://onet.internal", allowInsecureHttp: true })).not.toThrow();
    expect(() => createCloudPlansClient({ token: TOKEN, baseUrl: "http://cloudplans.internal" })).toThrow(/allowInsecureHttp/);
  });

  it("refuses credentials inside the URL", () => {
    expect(() => createCommetClient({ apiKey: SECRET, baseUrl: "https://user:pass@commet.co/api/v1" })).toThrow(/user name or password/);
  });
});
