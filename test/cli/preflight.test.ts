// A live run's first request: a server that cannot be reached, a TLS failure or refused credentials
// end the run at once with one line that says which, before any case is sent.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preflight, probeOperation } from "../../src/cli/preflight.js";
import { startCli } from "./cli.js";

const TOKEN = "sk-onetsolutions-preflight-0123456789";
const AUTH = { Authorization: `Bearer ${TOKEN}` };

/** A server that answers every request with `status`, and records what it was sent. */
async function answering(status: number): Promise<{ url: string; seen: IncomingMessage[]; close(): Promise<void> }> {
  const seen: IncomingMessage[] = [];
  const server: Server = createServer((request, response) => {
    seen.push(request);
    response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ detail: "no" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A loopback port with nothing listening: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("the probe", () => {
  it("is a GET without path parameters, its required query filled from the spec's constraints", () => {
    for (const api of ["commet", "onet", "cloudplans"] as const) {
      const probe = probeOperation(api)!;
      expect(probe.operation.method).toBe("get");
      expect(probe.operation.parameters.some((parameter) => parameter.in === "path")).toBe(false);
    }
    // Cloud Plans needs its `action` discriminator.
    expect(probeOperation("cloudplans")!.query.get("action")).toBeTruthy();
  });
});

describe("preflight", () => {
  let refusing: Awaited<ReturnType<typeof answering>>;
  let open: Awaited<ReturnType<typeof answering>>;
  beforeAll(async () => {
    [refusing, open] = await Promise.all([answering(401), answering(200)]);
  });
  afterAll(async () => {
    await Promise.all([refusing.close(), open.close()]);
  });

  it("names an unreachable server and the socket's error code", async () => {
    const port = await closedPort();
    const problem = await preflight("onet", `http://127.0.0.1:${port}/api`, AUTH, "ONET_TOKEN");
    expect(problem).toMatchObject({ kind: "unreachable" });
    expect(problem!.message).toMatch(new RegExp(`^127\\.0\\.0\\.1:${port} is unreachable \\(ECONNREFUSED`));
  });

  it("names refused credentials and where they came from", async () => {
    const problem = await preflight("onet", refusing.url, AUTH, "ONET_TOKEN");
    expect(problem).toMatchObject({ kind: "credentials" });
    expect(problem!.message).toContain("refused the credentials from ONET_TOKEN: 401 on GET");
    expect(refusing.seen.at(-1)!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("says TLS when the connection failed on a certificate", async () => {
    // What node:https rejects with for a self-signed certificate.
    const tlsFailure = async (): Promise<number> => {
      throw Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" });
    };
    const problem = await preflight("commet", "https://sandbox.example.test/api/v1", { "x-api-key": "ck_x" }, "COMMET_API_KEY", tlsFailure);
    expect(problem).toEqual({
      kind: "tls",
      message: "sandbox.example.test: TLS error (DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate); nothing was sent.",
    });
  });

  it("lets the run go on when the server answers, sending one GET", async () => {
    expect(await preflight("onet", open.url, AUTH, "ONET_TOKEN")).toBeUndefined();
    expect(open.seen.map((request) => request.method)).toEqual(["GET"]);
  });
});

describe("specwright contract --base-url", () => {
  it("ends at once against an unreachable server: exit 1, one line naming the error, no case run", async () => {
    const port = await closedPort();
    const run = await startCli(["contract", "onet", "--base-url", `http://127.0.0.1:${port}/api`], { env: { ONET_TOKEN: TOKEN } }).done;
    expect(run.code).toBe(1);
    const problems = run.stderr.split("\n").filter((line) => line.includes("unreachable"));
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^specwright contract: onet: 127\\.0\\.0\\.1:${port} is unreachable \\(ECONNREFUSED`))]);
    expect(run.stdout).not.toMatch(/FAIL/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(TOKEN);
  });

  it("ends at once when the server refuses the credentials", async () => {
    const server = await answering(401);
    try {
      const run = await startCli(["contract", "onet", "--base-url", server.url], { env: { ONET_TOKEN: TOKEN } }).done;
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("refused the credentials from ONET_TOKEN");
      expect(server.seen).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
