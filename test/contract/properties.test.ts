// Property-based cases: schema-valid requests generated under a fixed seed get no 5xx and a documented,
// schema-valid response from each mock; the same seed sends the same requests; a server that fails on
// a valid request, or answers it with a body the spec does not allow, fails that operation's case.
import { describe, expect, it } from "vitest";
import { replayRequest, runPropertyPass } from "../../src/contract/cases/properties.js";
import { describeRequest } from "../../src/contract/cases/request-base.js";
import { API_NAMES, type ApiName } from "../../src/spec/apis.js";
import { getOperations } from "../../src/spec/operations.js";
import { scenarios } from "../../src/contract/scenarios/index.js";
import type { ContractTarget } from "../../src/contract/types.js";
import { startBrokenProxy, type Tamper } from "../helpers/broken-proxy.js";
import { useAllMocks } from "../helpers/all-mocks.js";
import { EXHAUSTIVE } from "../helpers/exhaustive.js";
import { startLenientProxy, type Answer } from "../helpers/lenient-proxy.js";

const SEED = 20261121;
const RUNS = 25;

const CREDENTIALS: Record<ApiName, Record<string, string>> = {
  commet: { "x-api-key": "ck_sandbox_property_s3cret_key" },
  onet: { Authorization: "Bearer sk-onetsolutions-property-s3cret" },
  cloudplans: { Authorization: "Bearer cp-test-owner" },
};

const mocks = useAllMocks();

const target = (api: ApiName, baseUrl: string, extra: Partial<ContractTarget> = {}): ContractTarget => ({
  api,
  baseUrl,
  credentials: CREDENTIALS[api],
  ...extra,
});

async function recorded(api: ApiName, options: { seed: number; runs: number; only?: string[] }, extra: Partial<ContractTarget> = {}, answer?: Answer) {
  mocks.get(api)!.reset();
  const proxy = await startLenientProxy(mocks.get(api)!.url, answer);
  try {
    const results = (await runPropertyPass(scenarios[api], target(api, proxy.url, extra), options)).cases;
    return { results, seen: proxy.seen.map((request) => `${request.method} ${request.path}?${request.query} ${request.body}`) };
  } finally {
    await proxy.close();
  }
}

async function tampered(api: ApiName, tamper: Tamper, only: string[]) {
  mocks.get(api)!.reset();
  const proxy = await startBrokenProxy(api, mocks.get(api)!.url, tamper);
  try {
    return (await runPropertyPass(scenarios[api], target(api, proxy.url), { seed: SEED, runs: RUNS, only })).cases;
  } finally {
    await proxy.close();
  }
}

describe("property cases against the mocks", () => {
  // `npm run contract` sends CI's 25 per operation (this seed) to each fresh mock, and fails on any case
  // that fails; here every operation gets a few, through a proxy that counts them, unless exhaustive.
  const runs = EXHAUSTIVE ? RUNS : 3;
  it.each(API_NAMES)(`%s: ${runs} generated requests per operation, no 5xx and every response documented and valid`, async (api) => {
    const { results, seen } = await recorded(api, { seed: SEED, runs });
    expect(results.filter((result) => result.outcome !== "pass").map((result) => result.message)).toEqual([]);
    expect(results.map((result) => result.operationId)).toEqual(getOperations(api).operations.map((operation) => operation.operationId));
    for (const result of results) expect(result).toMatchObject({ kind: "property", status: "no 5xx", variant: `${runs} runs`, schemaValidated: true });
    expect(seen.length).toBe(runs * results.length);
  });

  it("sends the same requests for the same seed, and others for another seed", async () => {
    const only = ["createFeature", "listCustomers", "updateFeature"];
    const first = await recorded("commet", { seed: SEED, runs: 10, only });
    const again = await recorded("commet", { seed: SEED, runs: 10, only });
    const other = await recorded("commet", { seed: SEED + 1, runs: 10, only });
    expect(again.seen).toEqual(first.seen);
    expect(other.seen).not.toEqual(first.seen);
  });
});

describe("property cases against deliberately broken servers", () => {
  it("fails an operation whose valid request gets a 500, with the request, the seed and the replay path", async () => {
    let listPlans = 0;
    const results = await tampered(
      "cloudplans",
      ({ operationId }) =>
        operationId === "listPlans" && ++listPlans === 3 ? { status: 500, body: { status: 500, error: "internal_error", message: "boom" } } : undefined,
      ["listPlans", "listCredentials"],
    );
    expect(results.map((result) => `${result.operationId} ${result.outcome}`)).toEqual(["listCredentials pass", "listPlans fail"]);
    const message = results[1]!.message!;
    expect(message).toContain('path "2"');
    expect(message).toMatch(/^listPlans: run 3 of 25: GET \/v1\/organizations\/plans\/list\?action=list_plans&org_id=\S+: got 500: /);
    const [, seed, path] = /replay: seed (\d+), path "([^"]*)"/.exec(message)!;
    expect(Number(seed)).toBe(SEED);
    // The seed and path give back the very request the message names.
    const operation = getOperations("cloudplans").byId("listPlans");
    expect(message).toContain(`${describeRequest(operation, replayRequest(operation, Number(seed), path!)!)}: got 500`);
  });

  it("fails an operation whose answer leaves its schema, naming the field", async () => {
    const results = await tampered(
      "commet",
      ({ operationId, status, body }) => (operationId === "listFeatures" && status === 200 ? { body: { ...(body as object), data: "none" } } : undefined),
      ["listFeatures"],
    );
    expect(results[0]!.outcome).toBe("fail");
    expect(results[0]!.message).toMatch(/^listFeatures: run 1 of 25: GET \/features: listFeatures 200: body data must be array/);
  });

  it("fails an error answer outside the vendor's error shape", async () => {
    const results = await tampered(
      "onet",
      ({ operationId }) => (operationId === "getHostingPlan" ? { status: 404, body: { message: "no such plan" } } : undefined),
      ["getHostingPlan"],
    );
    expect(results[0]!.outcome).toBe("fail");
    expect(results[0]!.message).toMatch(/^getHostingPlan: run 1 of 25: GET \/v1\/hosting\/plans\/\S+: getHostingPlan 404: body /);
  });

  it("never prints a credential, even when a failing server echoes it", async () => {
    const secret = CREDENTIALS.onet.Authorization!.replace("Bearer ", "");
    const { results } = await recorded("onet", { seed: SEED, runs: RUNS, only: ["listOrganizations"] }, {}, ({ headers }) => ({
      status: 503,
      body: { detail: `bad token ${headers.authorization}` },
    }));
    expect(results[0]!.outcome).toBe("fail");
    expect(results[0]!.message).toContain("got 503");
    expect(results[0]!.message).not.toContain(secret);
  });
});

describe("property cases with credentials the server refuses", () => {
  it("fail rather than pass on the documented 401", async () => {
    const results = (
      await runPropertyPass(
        scenarios.commet,
        { api: "commet", baseUrl: mocks.get("commet")!.url, credentials: { "x-api-key": "not-a-commet-key" } },
        { seed: SEED, runs: 3, only: ["listFeatures"] },
      )
    ).cases;
    expect(results[0]!.message).toMatch(/^listFeatures: run 1 of 3: GET \/features: got 401: the credentials were refused/);
  });
});

describe("property cases against a live server", () => {
  it("skips write operations without --allow-writes and sends none", async () => {
    const { results, seen } = await recorded("onet", { seed: SEED, runs: 5 }, { live: true });
    const writes = getOperations("onet")
      .operations.filter((operation) => operation.method !== "get")
      .map((operation) => operation.operationId);
    expect(writes.length).toBeGreaterThan(0);
    for (const result of results) {
      if (writes.includes(result.operationId)) expect(result).toMatchObject({ outcome: "skip", message: "write operation: needs --allow-writes" });
      else expect(result.outcome).toBe("pass");
    }
    expect(seen.length).toBe(5 * (results.length - writes.length));
    expect(seen.every((request) => request.startsWith("GET "))).toBe(true);
  });
});
