// Live mode (`--base-url`) against a loopback server posing as the live one: a real mock behind a
// proxy that counts what it is sent. Read-only by default; --allow-writes lists the planned writes
// first; a host that is not loopback also needs --yes, and without it nothing at all is sent; the
// token is sent but never printed or written.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { connect } from "node:net";
import { createServer as createTlsServer, type Server } from "node:tls";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { formatFixtures } from "../../src/contract/fixtures.js";
import { plannedWrites } from "../../src/contract/suite.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { startBrokenProxy } from "../helpers/broken-proxy.js";
import { runCli } from "./cli.js";

// The onet mock accepts any `sk-onetsolutions-` key; this one must never show up in any output.
const TOKEN = "sk-onetsolutions-live-Zq81rXv0Wm3d";
const scratch = mkdtempSync(join(tmpdir(), "specwright-live-"));
const FIXTURES = join(mkdtempSync(join(tmpdir(), "specwright-live-fixtures-")), "fixtures.json");

let mock: MockServer;
let proxy: { url: string; close(): Promise<void> };
const sent = new Map<string, number>();
// A whole API through a proxy, on a 2-core CI machine busy with other test files.
const LONG = 300_000;

beforeAll(async () => {
  mock = await startMock("onet");
  proxy = await startBrokenProxy(
    "onet",
    mock.url,
    () => undefined,
    (method) => sent.set(method, (sent.get(method) ?? 0) + 1),
  );
  // The ids a user of this account knows from its console (no list in the API gives a project id).
  writeFileSync(FIXTURES, formatFixtures(mock.fixtures()));
});
afterAll(async () => {
  await proxy.close();
  await mock.close();
});
beforeEach(() => {
  mock.reset();
  sent.clear();
});

/** `specwright contract onet` against `baseUrl`, with the account's fixtures and one generated request per operation, authenticated from ONET_TOKEN. */
const liveRun = (baseUrl: string, args: string[], env: Record<string, string> = {}) =>
  runCli(["contract", "onet", "--fixtures", FIXTURES, "--base-url", baseUrl, "--runs", "1", ...args], { env: { ONET_TOKEN: TOKEN, ...env } });

const writesSent = () => [...sent].filter(([method]) => !["GET", "HEAD", "OPTIONS"].includes(method));

function expectNoSecret(texts: string[]): void {
  for (const text of texts) expect(text).not.toContain(TOKEN);
  for (const file of readdirSync(scratch)) expect(readFileSync(join(scratch, file), "utf8")).not.toContain(TOKEN);
}

describe("a live run (--base-url) against a loopback server", () => {
  it(
    "sends only reads by default, authenticated from ONET_TOKEN, and never prints the token",
    async () => {
      const output = join(scratch, "read-only.json");
      const run = await liveRun(proxy.url, ["--output", output]);
      expect(run.stderr).not.toContain("could not complete");
      expect(sent.get("GET") ?? 0).toBeGreaterThan(10);
      expect(writesSent()).toEqual([]);
      expect(run.stdout).toContain("(live, read-only)");
      const report = JSON.parse(readFileSync(output, "utf8")) as {
        ok: boolean;
        apis: { target: string; failed: number; skipped: number; cases: { method: string; outcome: string }[] }[];
      };
      expect(report.apis[0]).toMatchObject({ target: "live", failed: 0 });
      // The writes are in the report, skipped, not sent.
      expect(report.apis[0]!.cases.filter((result) => result.method !== "GET").every((result) => result.outcome === "skip")).toBe(true);
      expect(report.apis[0]!.skipped).toBeGreaterThan(0);
      // Coverage gaps are reported but do not fail a live run.
      expect(run.stdout).toContain("not exercised (live run: reported, not a failure)");
      expect(run.code).toBe(0);
      expectNoSecret([run.stdout, run.stderr]);
    },
    LONG,
  );

  it("with --allow-writes lists the planned writes first, needs no --yes on loopback, and sends them", async () => {
    const output = join(scratch, "writes.xml");
    const run = await liveRun(proxy.url, ["--allow-writes", "--only", "listWebHosting,cancelWebHosting", "--reporter", "junit", "--output", output]);
    expect(run.stderr).toContain(`--allow-writes: this run may send these ${plannedWrites("onet").length} kinds of write to ${proxy.url}`);
    for (const write of plannedWrites("onet")) expect(run.stderr).toContain(`${write.path}  ${write.operationId}`);
    expect(run.stderr.indexOf("--allow-writes: this run may send")).toBeLessThan(run.stderr.indexOf("onet against"));
    expect(sent.get("POST") ?? 0).toBeGreaterThan(0);
    expect(run.stdout).toContain("(live, writes allowed)");
    expect(run.code).toBe(0);
    expectNoSecret([run.stdout, run.stderr]);
  });

  it("reports the failures a lying server causes, in JUnit XML too, still without the token", async () => {
    const liar = await startBrokenProxy("onet", mock.url, ({ operationId, status, body }) =>
      operationId === "listWebHosting" && status === 200 ? { body: { ...(body as object), count: "many" } } : undefined,
    );
    try {
      const output = join(scratch, "lying.xml");
      const run = await liveRun(liar.url, ["--only", "listWebHosting", "--reporter", "junit", "--output", output]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/FAIL listWebHosting 200 \(got 200\): .*count/);
      const xml = readFileSync(output, "utf8");
      expect(xml).toMatch(/<testcase classname="onet\.listWebHosting" name="dredd 200" time="\d+\.\d{3}">\s*<failure message="[^"]*count/);
      expectNoSecret([run.stdout, run.stderr]);
    } finally {
      await liar.close();
    }
  });
});

describe("a live server that echoes the credentials back", () => {
  it("gets them redacted from every failure message, on the console and in the report", async () => {
    // Every answer is a 200 whose "JSON" body is the Authorization header it was sent.
    const echo = createHttpServer((request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(`echo ${request.headers.authorization ?? "(none)"}`);
    });
    await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
    try {
      const output = join(scratch, "echo.json");
      const url = `http://127.0.0.1:${(echo.address() as { port: number }).port}`;
      const run = await liveRun(url, ["--only", "listWebHosting", "--output", output]);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("echo Bearer [REDACTED]");
      expect(readFileSync(output, "utf8")).toContain("echo Bearer [REDACTED]");
      expectNoSecret([run.stdout, run.stderr]);
    } finally {
      await new Promise((resolve) => echo.close(resolve));
    }
  });
});

/** This machine's first IPv4 address that is not loopback, if it has one. */
function externalAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((address) => address && address.family === "IPv4" && !address.internal)?.address;
}

/** A throwaway self-signed certificate, if openssl is at hand. */
function selfSignedCertificate(): { key: string; cert: string } | undefined {
  try {
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=specwright-test",
        "-keyout",
        join(scratch, "key.pem"),
        "-out",
        join(scratch, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    return { key: readFileSync(join(scratch, "key.pem"), "utf8"), cert: readFileSync(join(scratch, "cert.pem"), "utf8") };
  } catch {
    return undefined;
  }
}

describe("writes to a host that is not loopback", () => {
  const address = externalAddress();
  const certificate = address ? selfSignedCertificate() : undefined;
  let relay: Server;
  let connections = 0;
  let relayUrl: string;

  // An https relay on this machine's external address to the proxy: a "remote" server the test can
  // watch. The CLI trusts its certificate through NODE_TLS_REJECT_UNAUTHORIZED=0 (this test only).
  beforeAll(async () => {
    if (!certificate) return;
    const target = new URL(proxy.url);
    relay = createTlsServer(certificate, (socket) => {
      const upstream = connect(Number(target.port), target.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on("error", () => upstream.destroy());
      upstream.on("error", () => socket.destroy());
    });
    relay.on("connection", () => (connections += 1));
    await new Promise<void>((resolve) => relay.listen(0, address, resolve));
    relayUrl = `https://${address}:${(relay.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    if (relay) await new Promise((resolve) => relay.close(resolve));
  });

  it.skipIf(!certificate)("are refused without --yes, after the listing and before anything is sent", async () => {
    const run = await runCli(["contract", "onet", "--base-url", relayUrl, "--allow-writes", "--output", join(scratch, "refused.json")], {
      env: { ONET_TOKEN: TOKEN },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--allow-writes: this run may send");
    expect(run.stderr).toContain(
      `refusing to send writes to ${new URL(relayUrl).host}, which is not a loopback host: review the list above, then add --yes to confirm.`,
    );
    expect(connections).toBe(0);
    expect(sent.size).toBe(0);
    expect(readdirSync(scratch)).not.toContain("refused.json");
    expectNoSecret([run.stdout, run.stderr]);
  });

  it.skipIf(!certificate)("go ahead with --yes", async () => {
    const run = await liveRun(relayUrl, ["--allow-writes", "--yes", "--only", "cancelWebHosting", "--output", join(scratch, "confirmed.json")], {
      NODE_TLS_REJECT_UNAUTHORIZED: "0",
    });
    expect(run.stderr).toContain(`writes to ${new URL(relayUrl).host} confirmed with --yes`);
    expect(connections).toBeGreaterThan(0);
    expect(sent.get("POST") ?? 0).toBeGreaterThan(0);
    expect(run.code).toBe(0);
    expectNoSecret([run.stdout, run.stderr]);
  });

  it("are refused without --yes even when nothing listens there (a TEST-NET address)", async () => {
    const run = await runCli(["contract", "onet", "--base-url", "https://192.0.2.1:8443/api", "--allow-writes"], { env: { ONET_TOKEN: TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("refusing to send writes to 192.0.2.1:8443");
  });

  it("plain http to such a host is refused outright: the token would travel in clear", async () => {
    const run = await runCli(["contract", "onet", "--base-url", "http://192.0.2.1:8080/api"], { env: { ONET_TOKEN: TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--base-url uses plain http to 192.0.2.1:8080, which is not a loopback host");
    expectNoSecret([run.stdout, run.stderr]);
  });
});
