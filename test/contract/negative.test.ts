// Negative cases generated from the spec: each breaks one constraint of a valid request; every one of
// them gets a 4xx in the vendor's error shape from each mock, and a server that lets one through, or
// fails on it, fails exactly that case, naming the operation and the field.
import { describe, expect, it } from "vitest";
import { negativeCases, runNegativePass } from "../../src/contract/cases/negative.js";
import { baselineRequest, requestProblems } from "../../src/contract/cases/request-base.js";
import { API_NAMES, type ApiName } from "../../src/spec/apis.js";
import { getOperations } from "../../src/spec/operations.js";
import { scenarios } from "../../src/contract/scenarios/index.js";
import type { ContractTarget } from "../../src/contract/types.js";
import { useAllMocks } from "../helpers/all-mocks.js";
import { startLenientProxy, type Answer } from "../helpers/lenient-proxy.js";

const CREDENTIALS: Record<ApiName, Record<string, string>> = {
  commet: { "x-api-key": "ck_sandbox_negative_s3cret_key" },
  onet: { Authorization: "Bearer sk-onetsolutions-negative-s3cret" },
  cloudplans: { Authorization: "Bearer cp-test-owner" },
};

const mocks = useAllMocks();

const target = (api: ApiName, baseUrl = mocks.get(api)!.url, extra: Partial<ContractTarget> = {}): ContractTarget => ({
  api,
  baseUrl,
  credentials: CREDENTIALS[api],
  ...extra,
});

async function through(api: ApiName, answer: Answer, only: string[], extra: Partial<ContractTarget> = {}) {
  const proxy = await startLenientProxy(mocks.get(api)!.url, answer);
  try {
    return { results: (await runNegativePass(scenarios[api], target(api, proxy.url, extra), { only })).cases, seen: proxy.seen };
  } finally {
    await proxy.close();
  }
}

describe("generating negative cases", () => {
  it.each(API_NAMES)("%s: starts from a valid baseline, and every case is a request the spec refuses", (api) => {
    for (const operation of getOperations(api).operations) expect(requestProblems(operation, baselineRequest(operation)), operation.operationId).toEqual([]);
    const cases = negativeCases(api);
    expect(cases.length).toBeGreaterThan(100);
    for (const negativeCase of cases)
      expect(requestProblems(negativeCase.operation, negativeCase.request), `${negativeCase.operation.operationId} ${negativeCase.label}`).not.toEqual([]);
  });

  it.each(API_NAMES)("%s: is deterministic, with one label per broken constraint", (api) => {
    const labels = (cases: ReturnType<typeof negativeCases>) => cases.map((negativeCase) => `${negativeCase.operation.operationId} ${negativeCase.label}`);
    const first = labels(negativeCases(api));
    expect(labels(negativeCases(api))).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
  });

  it("covers every kind of constraint the specs use", () => {
    const labels = new Set(API_NAMES.flatMap((api) => negativeCases(api).map((negativeCase) => `${negativeCase.operation.operationId} ${negativeCase.label}`)));
    for (const expected of [
      "listAddons query.limit: wrong type",
      "listAddons query.limit: below minimum 1",
      "listAddons query.limit: above maximum 100",
      "listActiveAddons query.customerId: missing",
      "createAddon header.Idempotency-Key: longer than maxLength 255",
      "createAddon header.Commet-Version: not matching pattern ^\\d{4}-\\d{2}-\\d{2}$",
      "createAddon body: absent",
      "createAddon body: not JSON",
      "createAddon body.basePrice: wrong type",
      "createAddon body.basePrice: below minimum 0",
      "createAddon body.name: shorter than minLength 1",
      "createAddon body.consumptionModel: not one of the enum values",
      "createCustomer body.email: not a valid email",
      "createCustomer body.address.city: missing",
      "createSubscription body.startDate: not a valid date-time",
      "createSubscription body.successUrl: not a valid uri",
      "createSubscription body.initialSeats.extra_seats: below minimum 0",
      "replaceInstance path.id: not a valid uuid",
      "setDomainPrivacy path.action_type: not one of the enum values",
      "listOrganizations query.action: unknown action",
      "billingUpdate body.quantity: below minimum 1",
      "billingUpdate body.unexpected_field: unknown field (additionalProperties: false)",
      'createCredential body.type: not the constant "aws"',
      "createCredential body.specific.tenant: missing",
      "updatePlan body.updates.schedule.days[0]: shorter than minLength 1",
      "createPlan body.schedule.duration: above maximum 23",
    ]) {
      expect(labels, expected).toContain(expected);
    }
  });

  it("drops a mutation the spec still accepts, and a path value that would route elsewhere", () => {
    const labels = (api: ApiName, operationId: string) => negativeCases(api, { only: [operationId] }).map((negativeCase) => negativeCase.label);
    // updateFeature needs one of name, description, unitName: the baseline sends two.
    expect(labels("commet", "updateFeature")).not.toContain("body.name: missing");
    // createSubscription takes exactly one of planId and planCode: without the baseline's planCode, none.
    expect(labels("commet", "createSubscription")).toContain("body.planCode: missing");
    // `/addons/` is listAddons, not getAddon with an empty id.
    expect(labels("commet", "getAddon")).not.toContain("path.id: shorter than minLength 1");
    // The plain-string parameters have no wrong type on the wire.
    expect(labels("commet", "listActiveAddons")).not.toContain("query.customerId: wrong type");
  });

  it("generates only the operations asked for", () => {
    const cases = negativeCases("cloudplans", { only: ["listPlans", "createPlan"] });
    expect([...new Set(cases.map((negativeCase) => negativeCase.operation.operationId))]).toEqual(["listPlans", "createPlan"]);
  });
});

describe("negative cases against the mocks", () => {
  it.each(API_NAMES)("%s: every case gets a 4xx in the vendor's documented error shape", async (api) => {
    const results = (await runNegativePass(scenarios[api], target(api))).cases;
    expect(results.length).toBe(negativeCases(api).length);
    expect(results.filter((result) => result.outcome !== "pass").map((result) => result.message)).toEqual([]);
    for (const result of results) {
      expect(result).toMatchObject({ kind: "negative", status: "4xx", schemaValidated: true });
      expect(result.realStatus! >= 400 && result.realStatus! < 500).toBe(true);
    }
    // In the cases' order, whatever order the pool finished them in.
    expect(results.map((result) => `${result.operationId} ${result.variant}`)).toEqual(
      negativeCases(api).map((negativeCase) => `${negativeCase.operation.operationId} ${negativeCase.label}`),
    );
  });
});

describe("negative cases against deliberately broken servers", () => {
  it("fails the case a server accepts, naming the operation and the field", async () => {
    const { results } = await through(
      "commet",
      ({ method, path, body }) => {
        if (method !== "POST" || path !== "/addons") return undefined;
        let parsed: { basePrice?: unknown } = {};
        try {
          parsed = JSON.parse(body) as typeof parsed;
        } catch {
          // the "not JSON" and "absent" cases: forwarded
        }
        return typeof parsed.basePrice === "string" ? { status: 201, body: { success: true } } : undefined;
      },
      ["createAddon"],
    );
    const failures = results.filter((result) => result.outcome === "fail");
    expect(failures.map((result) => result.message)).toEqual(["createAddon body.basePrice: wrong type: got 201, expected a 4xx"]);
    expect(failures[0]).toMatchObject({ operationId: "createAddon", variant: "body.basePrice: wrong type", realStatus: 201 });
    expect(results.filter((result) => result.outcome === "pass").length).toBe(results.length - 1);
  });

  it("fails a 5xx, and a 4xx that leaves the vendor's error shape", async () => {
    const { results } = await through(
      "cloudplans",
      ({ query }) => {
        if (query.get("action") === "unknown") return { status: 500, body: { status: 500, error: "internal_error", message: "boom" } };
        if (!query.has("action")) return { status: 400, body: { detail: "action is required" } };
        return undefined;
      },
      ["describePlan"],
    );
    const failures = results.filter((result) => result.outcome === "fail");
    expect(failures.map((result) => result.variant)).toEqual(["query.action: missing", "query.action: unknown action"]);
    // The proxy's own reply lacks the required x-request-id header too: that is reported first.
    expect(failures[0]!.message).toMatch(
      /^describePlan query\.action: missing: got 400 but not in the documented error shape: describePlan 400: header x-request-id .*; describePlan 400: body/,
    );
    expect(failures[1]!.message).toBe("describePlan query.action: unknown action: got 500, expected a 4xx");
  });

  it("never prints a credential, even when a server echoes it", async () => {
    const secret = CREDENTIALS.onet.Authorization!.replace("Bearer ", "");
    const { results } = await through("onet", ({ headers }) => ({ status: 200, body: { echoed: headers.authorization } }), ["getHostingPlan"]);
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) {
      expect(result.outcome).toBe("fail");
      expect(result.message).not.toContain(secret);
    }
  });
});

describe("negative cases with credentials the server refuses", () => {
  it("fail rather than pass on the 401 every one of them gets", async () => {
    const results = (
      await runNegativePass(scenarios.commet, { ...target("commet"), credentials: { "x-api-key": "not-a-commet-key" } }, { only: ["listAddons"] })
    ).cases;
    expect(results.length).toBeGreaterThan(0);
    for (const result of results) expect(result.message).toMatch(/^listAddons \S+: .*: got 401: the credentials were refused/);
  });
});

describe("negative cases against a live server", () => {
  it("skips the cases of write operations without --allow-writes, and sends none of them", async () => {
    const { results, seen } = await through("commet", () => undefined, ["listAddons", "createAddon", "deleteAddon"], { live: true });
    const byOperation = (operationId: string) => results.filter((result) => result.operationId === operationId);
    expect(byOperation("createAddon").length).toBeGreaterThan(0);
    for (const result of [...byOperation("createAddon"), ...byOperation("deleteAddon")]) {
      expect(result).toMatchObject({ outcome: "skip", message: "write operation: needs --allow-writes" });
    }
    expect(byOperation("listAddons").every((result) => result.outcome === "pass")).toBe(true);
    expect(seen.length).toBe(byOperation("listAddons").length);
    expect(seen.every((request) => request.method === "GET")).toBe(true);
  });

  it("sends them with --allow-writes", async () => {
    const { results, seen } = await through("commet", () => undefined, ["createAddon"], { live: true, allowWrites: true });
    expect(results.every((result) => result.outcome === "pass")).toBe(true);
    expect(seen.length).toBe(results.length);
  });
});
