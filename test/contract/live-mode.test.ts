// A contract run against a "live" server (here a mock started on its own, posing as one, reached
// through a proxy that records every request): read-only unless writes are allowed, mock-only
// drivers skipped with their reason, and no write ever reaching the server without permission.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { runDreddPass, type ContractReport } from "../../src/contract/dredd/run.js";
import { onetScenario } from "../../src/contract/scenarios/onet.js";
import { cloudplansScenario } from "../../src/contract/scenarios/cloudplans.js";
import { startBrokenProxy } from "../helpers/broken-proxy.js";

let onet: MockServer;
let cloudplans: MockServer;
beforeAll(async () => {
  [onet, cloudplans] = await Promise.all([startMock("onet"), startMock("cloudplans")]);
});
afterAll(async () => {
  await Promise.all([onet.close(), cloudplans.close()]);
});

async function liveRun(api: "onet" | "cloudplans", allowWrites: boolean): Promise<{ report: ContractReport; methods: string[] }> {
  const mock = api === "onet" ? onet : cloudplans;
  const scenario = api === "onet" ? onetScenario : cloudplansScenario;
  mock.reset();
  const methods: string[] = [];
  const proxy = await startBrokenProxy(
    api,
    mock.url,
    () => undefined,
    (method) => void methods.push(method),
  );
  try {
    // No controlUrl: a live server has none. The account's ids are what its user would give.
    const report = await runDreddPass(scenario as never, {
      api,
      baseUrl: proxy.url,
      credentials: scenario.mockCredentials,
      live: true,
      allowWrites,
      fixtures: mock.fixtures(),
    });
    return { report, methods };
  } finally {
    await proxy.close();
  }
}

describe("a live run without --allow-writes", () => {
  it("sends only reads, and skips every write operation and every set-up that writes, saying why", async () => {
    const { report, methods } = await liveRun("cloudplans", false);
    expect(new Set(methods)).toEqual(new Set(["GET"]));
    const skipped = report.cases.filter((result) => result.outcome === "skip");
    for (const result of report.cases.filter((candidate) => candidate.method === "POST")) {
      expect(result.outcome, `${result.operationId} ${result.status}`).toBe("skip");
      expect(result.message).toMatch(/needs --allow-writes|mock only/);
    }
    expect(skipped.some((result) => result.message === "mock only: the mock's viewer token")).toBe(true);
    expect(report.failed).toBe(0);
    expect(report.passed).toBeGreaterThan(0);
  });
});

describe("a live run with --allow-writes", () => {
  it("runs the writes too, still skipping what only a mock can do", async () => {
    const { report, methods } = await liveRun("onet", true);
    expect(methods).toContain("POST");
    const skipped = report.cases.filter((result) => result.outcome === "skip");
    expect(skipped.map((result) => `${result.operationId} ${result.status}`)).toContain("activateInstanceAddon 201");
    expect(skipped.find((result) => result.status === "403")?.message).toBe("mock only: an unsigned JWT without scopes");
    // 429 and 500 need the mock's fault injection.
    expect(
      report.cases.filter((result) => result.status === "429").every((result) => result.outcome === "skip" && /only a mock server/.test(result.message ?? "")),
    ).toBe(true);
    expect(report.failed).toBe(0);
  });
});
