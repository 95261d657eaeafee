// The runner's loopback rule for a live --base-url: plain http and writes without --yes are only for
// loopback, and a `*.localhost` name is loopback only when every address it resolves to is. The
// resolver is a stand-in here, so that the test does not depend on this machine's /etc/hosts.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseCommandLine, type ContractCommand } from "../../src/cli/arguments.js";
import { prepareLive } from "../../src/cli/contract-command.js";
import { resolvesToLoopback, type Lookup } from "../../src/cli/loopback.js";
import { UsageError } from "../../src/cli/usage-error.js";
import { scenarios } from "../../src/contract/scenarios/index.js";

/** A resolver that answers every name with these addresses, and counts what it was asked. */
function resolver(...addresses: string[]): Lookup & { asked: string[] } {
  const asked: string[] = [];
  const lookup = async (hostname: string) => {
    asked.push(hostname);
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  return Object.assign(lookup, { asked });
}

const failing: Lookup = async () => {
  throw Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" });
};

describe("resolvesToLoopback", () => {
  it.for([["127.0.0.1"], ["::1"], ["127.0.0.1", "::1"], ["127.53.0.9", "0:0:0:0:0:0:0:1"]])(
    "takes a *.localhost name that resolves only to loopback: %j",
    async (addresses) => {
      expect(await resolvesToLoopback("app.localhost", resolver(...addresses))).toBe(true);
    },
  );

  it.for([["10.0.0.5"], ["127.0.0.1", "203.0.113.7"], ["::1", "2001:db8::1"], ["::ffff:127.0.0.1"], ["fe80::1%eth0"], []])(
    "refuses a *.localhost name that resolves to %j",
    async (addresses) => {
      expect(await resolvesToLoopback("app.localhost", resolver(...addresses))).toBe(false);
    },
  );

  it("refuses a *.localhost name that does not resolve", async () => {
    expect(await resolvesToLoopback("app.localhost", failing)).toBe(false);
  });

  it("does not resolve other names: a literal loopback host is loopback, any other name remote", async () => {
    const lookup = resolver("127.0.0.1");
    expect(await resolvesToLoopback("127.0.0.1", lookup)).toBe(true);
    expect(await resolvesToLoopback("localhost", lookup)).toBe(true);
    expect(await resolvesToLoopback("[::1]", lookup)).toBe(true);
    expect(await resolvesToLoopback("dev.example.com", lookup)).toBe(false);
    expect(lookup.asked).toEqual([]);
  });
});

describe("a live run's gates", () => {
  const TOKEN = "sk-onetsolutions-loopback-test";
  beforeEach(() => {
    vi.stubEnv("ONET_TOKEN", TOKEN);
    // The write listing goes to stderr; it is not what these tests look at.
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  function contract(...args: string[]): ContractCommand {
    return parseCommandLine(["contract", "onet", ...args]) as ContractCommand;
  }

  async function gate(command: ContractCommand, lookup: Lookup): Promise<unknown> {
    return prepareLive(command, command.baseUrl!, lookup).catch((error: unknown) => error);
  }

  it("plain http to a *.localhost name that resolves to loopback only goes ahead", async () => {
    const lookup = resolver("127.0.0.1", "::1");
    expect(await gate(contract("--base-url", "http://app.localhost:4010/api"), lookup)).toMatchObject({ loopback: true });
    expect(lookup.asked).toEqual(["app.localhost"]);
  });

  it.each(Object.values(scenarios))("the $api contract client takes plain http to a *.localhost name only when the runner vouches for it", (scenario) => {
    const target = { api: scenario.api, baseUrl: "http://app.localhost:4010/api", credentials: scenario.mockCredentials, live: true };
    expect(() => scenario.createClient(target)).toThrow(/plain http to a host that is not loopback/);
    expect(() => scenario.createClient({ ...target, allowInsecureHttp: true })).not.toThrow();
  });

  it("plain http to a *.localhost name that resolves elsewhere is refused", async () => {
    const command = contract("--base-url", "http://app.localhost:4010/api");
    const error = await gate(command, resolver("127.0.0.1", "203.0.113.7"));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain("--base-url uses plain http to app.localhost:4010, which is not a loopback host");
  });

  it("plain http to a remote name is still refused while parsing, before anything is resolved", () => {
    expect(() => contract("--base-url", "http://dev.example.com/api")).toThrow(/plain http to dev\.example\.com/);
  });

  it("writes to a *.localhost name that resolves elsewhere need --yes", async () => {
    const refused = await gate(contract("--base-url", "https://app.localhost/api", "--allow-writes"), resolver("198.51.100.4"));
    expect(refused).toBeInstanceOf(UsageError);
    expect((refused as Error).message).toContain("refusing to send writes to app.localhost, which is not a loopback host");
    const confirmed = await gate(contract("--base-url", "https://app.localhost/api", "--allow-writes", "--yes"), resolver("198.51.100.4"));
    expect(confirmed).toMatchObject({ loopback: false });
  });

  it("writes to a *.localhost name that resolves to loopback only need no --yes", async () => {
    const live = await gate(contract("--base-url", "https://app.localhost/api", "--allow-writes"), resolver("127.0.0.1"));
    expect(live).toMatchObject({ loopback: true });
  });
});
