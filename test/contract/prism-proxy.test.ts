// A second, independent judge of the mocks against the specs: Stoplight Prism's validating proxy
// (`prism proxy <spec> <mock url>`, without --errors) between the contract runner and each mock. The
// contract's success cases (and the set-up requests their drivers send) go through it, and every
// violation Prism reports in an `sl-violations` response header fails the test, listed.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { SkipCase } from "../../src/contract/scenarios/drivers.js";
import { runDreddPass } from "../../src/contract/dredd/run.js";
import { scenarios } from "../../src/contract/scenarios/index.js";
import type { Driver, Scenario } from "../../src/contract/types.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { API_NAMES, type ApiName } from "../../src/spec/apis.js";
import { getOperations } from "../../src/spec/operations.js";
import { exhaustively } from "../helpers/exhaustive.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const PRISM = `${ROOT}node_modules/.bin/prism`;
/** A hang guard: Prism takes a few seconds to start and a run adds dredd's parse; Commet's took 378 s on a busy 2-core machine. */
const PER_API_MS = 900_000;

interface Violation {
  request: string;
  status: number;
  violations: unknown;
}

/**
 * The API's scenario reduced to its success cases: every other documented status is skipped. The
 * drivers' set-up requests go straight to the mock (`setUpUrl`): only the cases themselves pass Prism.
 */
function successOnly<Client>(scenario: Scenario<Client>, setUpUrl: string): Scenario<Client> {
  const skip: Driver<Client> = () => {
    throw new SkipCase("not a success case (the Prism run sends success cases only)");
  };
  const drivers: Scenario<Client>["drivers"] = {};
  for (const operation of getOperations(scenario.api).operations) {
    const own = scenario.drivers[operation.operationId] ?? {};
    const entries = Object.entries(own).map(([key, driver]) => [key, key.startsWith("2") ? driver : skip] as const);
    for (const status of operation.statuses) if (!status.startsWith("2") && !(status in own)) entries.push([status, skip]);
    drivers[operation.operationId] = Object.fromEntries(entries);
  }
  return { ...scenario, drivers, createClient: (target, fetch) => scenario.createClient({ ...target, baseUrl: setUpUrl }, fetch) };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts `prism proxy` in front of the mock; resolves once it listens, with its output so far on failure. */
async function startPrism(api: ApiName, upstream: string): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const port = await freePort();
  const child = spawn(PRISM, ["proxy", `specs/${api}/openapi.yaml`, upstream, "--host", "127.0.0.1", "--port", String(port)], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`prism did not start in 180 s:\n${output}`)), 180_000);
    const check = () => {
      if (/Prism is listening/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`prism exited with ${code}:\n${output}`));
    });
  });
  return { url: `http://127.0.0.1:${port}`, child, output: () => output };
}

/** A pass-through proxy in front of Prism that keeps every `sl-violations` header Prism sends. */
async function startRecorder(upstream: string): Promise<{ url: string; violations: Violation[]; requests: () => number; close(): Promise<void> }> {
  const violations: Violation[] = [];
  let requests = 0;
  const server: Server = createServer(async (request, response) => {
    requests += 1;
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => !["host", "content-length", "connection"].includes(name))) as Record<
      string,
      string
    >;
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    try {
      const real = await fetch(new URL(request.url ?? "/", upstream), {
        method: request.method ?? "GET",
        headers,
        ...(body && body.length > 0 ? { body } : {}),
      });
      const reported = real.headers.get("sl-violations");
      if (reported) violations.push({ request: `${request.method} ${request.url}`, status: real.status, violations: JSON.parse(reported) });
      const passed = Object.fromEntries(
        [...real.headers].filter(([name]) => !["content-length", "transfer-encoding", "connection", "keep-alive", "content-encoding"].includes(name)),
      );
      response.writeHead(real.status, passed).end(Buffer.from(await real.arrayBuffer()));
    } catch (error) {
      response.writeHead(502, { "content-type": "text/plain" }).end(`recorder: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    violations,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

// Prism parses a whole spec before it listens (15 s of CPU for Commet's): one API by default, every
// API in the exhaustive run (test/helpers/exhaustive.ts).
describe("Prism's validating proxy finds no violation in the contract's success cases", () => {
  it.each(exhaustively<ApiName>(["onet", ...API_NAMES.filter((api) => api !== "onet")]))(
    "%s",
    async (api) => {
      const mock: MockServer = await startMock(api);
      cleanups.push(() => mock.close());
      const prism = await startPrism(api, mock.url);
      cleanups.push(() => prism.child.kill());
      const recorder = await startRecorder(prism.url);
      cleanups.push(() => recorder.close());

      const scenario = scenarios[api];
      const report = await runDreddPass(successOnly(scenario, mock.url), {
        api,
        baseUrl: recorder.url,
        credentials: scenario.mockCredentials,
        controlUrl: mock.controlUrl,
      });

      const passed = report.cases.filter((result) => result.outcome === "pass");
      // Every operation's success case went through Prism and passed the contract's own checks too.
      expect(new Set(passed.map((result) => result.operationId))).toEqual(new Set(getOperations(api).operations.map((operation) => operation.operationId)));
      expect(report.cases.filter((result) => result.outcome === "fail").map((result) => result.message)).toEqual([]);
      expect(recorder.requests()).toBe(passed.length);
      expect(recorder.violations, `Prism reported violations:\n${JSON.stringify(recorder.violations, null, 2)}`).toEqual([]);

      // The judge is awake: an HTML page where the spec promises JSON is reported, and recorded.
      const read = getOperations(api).operations.find((operation) => operation.method === "get" && !operation.path.includes("{"))!;
      const query = new URLSearchParams(
        read.parameters
          .filter((parameter) => parameter.in === "query" && parameter.required)
          .map((parameter): [string, string] => [parameter.name, String(parameter.example)]),
      ).toString();
      const url = `${read.path}${query ? `?${query}` : ""}`;
      mock.injectFault({ operationId: read.operationId, status: 200, body: "html" });
      const broken = await fetch(`${recorder.url}${url}`, { headers: scenario.mockCredentials });
      expect(broken.status).toBe(200);
      expect(recorder.violations.map((violation) => violation.request)).toEqual([`GET ${url}`]);
      expect(JSON.stringify(recorder.violations[0]!.violations)).toMatch(/media type/);
    },
    PER_API_MS,
  );
});
