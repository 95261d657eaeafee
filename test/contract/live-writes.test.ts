// `--allow-writes` against an account the runner does not know: a seeded mock (no spec example value
// survives) behind a proxy that, like a real server, has no control routes. Every documented
// (operation, status) pair a real server can be made to produce is exercised, nothing fails, every
// pair left out says why, and the account's lists read exactly the same afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isFixedValue } from "../../src/contract/live/account.js";
import { coverageOf } from "../../src/contract/report/coverage.js";
import { asText, exampleOf, send, type CaseRequest } from "../../src/contract/cases/request-base.js";
import type { ContractReport } from "../../src/contract/report/results.js";
import { scenarios } from "../../src/contract/scenarios/index.js";
import { runSuite } from "../../src/contract/suite.js";
import type { ContractTarget } from "../../src/contract/types.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import type { ApiName } from "../../src/spec/apis.js";
import { getOperations } from "../../src/spec/operations.js";
import { startBrokenProxy } from "../helpers/broken-proxy.js";
import { exhaustively } from "../helpers/exhaustive.js";

/** The reads whose answers must not change: each list, with the fixtures' values for its parameters. */
const LISTS: Record<ApiName, string[]> = {
  commet: ["listAddons", "listFeatures", "listCustomers", "listSubscriptions", "listActiveAddons", "getActiveSubscription", "getCustomer"],
  onet: ["listOrganizations", "listWebHosting"],
  cloudplans: ["listOrganizations", "listOrganizationUsers", "listCredentials", "listPlans", "describeBilling"],
};

/**
 * Why a documented pair may stay unexercised against a real server; anything else is a gap. A value
 * only the account's user knows (a plan to upgrade to) is named as the fixture to add.
 */
const EXCUSES = /mock only|cannot be undone|only a mock server can be made to answer|in --fixtures/;

async function snapshot(api: ApiName, target: ContractTarget): Promise<Record<string, unknown>> {
  const index = getOperations(api);
  const seen: Record<string, unknown> = {};
  for (const operationId of LISTS[api]) {
    const operation = index.byId(operationId);
    const request: CaseRequest = { path: {}, query: {}, headers: {} };
    for (const parameter of operation.parameters) {
      if (parameter.in !== "path" && parameter.in !== "query") continue;
      const fixture = target.fixtures?.values[parameter.name] ?? (parameter.name === "customerId" ? target.fixtures?.values.customerId : undefined);
      const value =
        fixture ??
        (parameter.name === "id" ? target.fixtures?.values.customerId : undefined) ??
        (parameter.required && isFixedValue(parameter) ? asText(exampleOf(parameter.schema)) : undefined);
      if (value !== undefined) request[parameter.in][parameter.name] = value;
      else if (parameter.name === "limit") request.query.limit = "100";
    }
    const response = await send(target, operation, request);
    seen[operationId] = { status: response.statusCode, body: JSON.parse(response.body) as unknown };
  }
  return seen;
}

// Each account is a whole contract run: the default run takes one per mode, the exhaustive run every
// API and seed (test/helpers/exhaustive.ts).
describe.each(
  exhaustively([
    ["onet", 7],
    ["commet", 7],
    ["commet", 90210],
    ["cloudplans", 7],
  ] as const),
)("%s, seed %i, --allow-writes through a proxy without control routes", (api, seed) => {
  let mock: MockServer;
  let proxy: { url: string; close(): Promise<void> };
  let target: ContractTarget;
  let before: Record<string, unknown>;
  let report: ContractReport;
  beforeAll(async () => {
    mock = await startMock(api, { seed });
    proxy = await startBrokenProxy(api, mock.url, () => undefined);
    target = { api, baseUrl: proxy.url, credentials: scenarios[api].mockCredentials, live: true, allowWrites: true, fixtures: mock.fixtures() };
    before = await snapshot(api, target);
    report = await runSuite(api, target, { runs: 3 });
  }, 900_000);
  afterAll(async () => {
    await proxy?.close();
    await mock?.close();
  });

  it("fails nothing, and leaves nothing behind", () => {
    const failures = report.cases
      .filter((result) => result.outcome === "fail")
      .map((result) => `${result.kind} ${result.operationId} ${result.status} ${result.variant ?? ""}: ${result.message}`);
    expect(failures).toEqual([]);
  });

  it("exercises every documented pair a real server can be made to produce; each one left out says why", () => {
    const coverage = coverageOf(report);
    const unexplained = coverage.missing.filter((pair) => {
      const [operationId, status] = pair.split(" ");
      if (status === "429" || status === "500") return false;
      const skipped = report.cases.filter((result) => result.operationId === operationId && result.status === status && result.outcome === "skip");
      return !skipped.some((result) => EXCUSES.test(result.message ?? ""));
    });
    expect(unexplained).toEqual([]);
    // Most of the spec is exercised, not merely excused.
    expect(coverage.pairs.exercised).toBeGreaterThan(coverage.pairs.documented / 2);
  });

  it("leaves every list answering exactly as before", async () => {
    expect(await snapshot(api, target)).toEqual(before);
  });
});

describe.each(
  exhaustively([
    ["onet", 31],
    ["commet", 31],
    ["cloudplans", 31],
  ] as const),
)("%s, seed %i, read-only through a proxy without control routes, with the account's fixtures", (api, seed) => {
  let mock: MockServer;
  let proxy: { url: string; close(): Promise<void> };
  const methods = new Set<string>();
  let report: ContractReport;
  beforeAll(async () => {
    mock = await startMock(api, { seed });
    proxy = await startBrokenProxy(
      api,
      mock.url,
      () => undefined,
      (method) => void methods.add(method),
    );
    report = await runSuite(api, { api, baseUrl: proxy.url, credentials: scenarios[api].mockCredentials, live: true, fixtures: mock.fixtures() }, { runs: 2 });
  }, 900_000);
  afterAll(async () => {
    await proxy?.close();
    await mock?.close();
  });

  it("sends only reads, fails nothing, and exercises every read's success whose ids the account gives", () => {
    expect([...methods].sort()).toEqual(["GET"]);
    expect(report.cases.filter((result) => result.outcome === "fail").map((result) => `${result.operationId} ${result.status}: ${result.message}`)).toEqual([]);
    const reads = getOperations(api).operations.filter((operation) => operation.method === "get");
    const succeeded = new Set(
      report.cases.filter((result) => result.outcome === "pass" && result.schemaValidated && /^2/.test(result.status)).map((result) => result.operationId),
    );
    // What the account cannot name (a seeded Commet account has no add-on to list) is a skip naming the fixture.
    const unnamed = (operationId: string) =>
      report.cases.some(
        (result) =>
          result.operationId === operationId &&
          result.kind === "dredd" &&
          /^2/.test(result.status) &&
          /nothing lists it; add .* to --fixtures/.test(result.message ?? ""),
      );
    expect(reads.map((operation) => operation.operationId).filter((operationId) => !succeeded.has(operationId) && !unnamed(operationId))).toEqual([]);
    expect(reads.filter((operation) => succeeded.has(operation.operationId)).length).toBeGreaterThan(reads.length / 2);
  });
});
