// The Commet contract: it passes against the mock, which starts with its plan catalogue only, with
// every documented (operation, status) pair exercised and every response body schema-validated, also
// when run twice against one server; and it fails against broken servers.
import { beforeAll, describe, expect, it } from "vitest";
import { runDreddPass, type ContractReport } from "../../src/contract/dredd/run.js";
import { commetScenario } from "../../src/contract/scenarios/commet.js";
import { checkResponse } from "../../src/contract/check-response.js";
import { coverageOf } from "../../src/contract/report/coverage.js";
import { getOperations } from "../../src/spec/operations.js";
import type { JsonSchema } from "../../src/spec/document.js";
import { wrongType } from "../helpers/broken-proxy.js";
import { documentedPairs, failuresOf, useContractMock } from "../helpers/contract.js";
import { EXHAUSTIVE } from "../helpers/exhaustive.js";

const operations = getOperations("commet").operations;
/** A whole run takes about 5 s idle here (36 operations, 234 pairs); a hang guard with room for a busy 2-core CI machine. */
const FULL_RUN_MS = 900_000;

const harness = useContractMock("commet", commetScenario);
const contractThrough = harness.through;

describe("the Commet contract against the mock", () => {
  // `npm run contract` runs the whole contract against a fresh mock, and fails on any failing case and
  // on any documented pair no passing case exercised (the allowlist is empty): a passing dredd case got
  // its documented status and a body valid against its schema. What it must therefore exercise:
  it("has 36 operations and 234 documented (operation, status) pairs to exercise, the conflict and payment errors among them", () => {
    const pairs = documentedPairs("commet");
    expect(operations).toHaveLength(36);
    expect(pairs).toHaveLength(234);
    for (const pair of [
      "createAddon 409",
      "activateAddon 402",
      "deleteFeature 409",
      "updateCustomer 409",
      "createSubscription 404",
      "getActiveSubscription 200",
    ])
      expect(pairs).toContain(pair);
    for (const pair of [
      "getFeatureAccess 200",
      "trackUsage 409",
      "removeQuota 400",
      "uncancelSubscription 200",
      "reactivateSubscription 402",
      "changePlan 402",
      "previewPlanChange 200",
    ])
      expect(pairs).toContain(pair);
  });

  // The exhaustive run repeats the whole contract here, then once more against the same server.
  describe.runIf(EXHAUSTIVE)("in full, twice against one server", () => {
    it(
      "exercises all 36 operations and every documented status, validating every body",
      async () => {
        harness.mock().reset();
        const report = await runDreddPass(commetScenario, harness.target(harness.mock().url));
        expect(failuresOf(report)).toEqual([]);
        const coverage = coverageOf(report);
        expect(coverage.operations).toEqual({ exercised: 36, documented: 36 });
        expect(coverage.pairs).toEqual({ exercised: 234, documented: 234 });
        expect(coverage.missing).toEqual([]);
        expect(report.cases.every((result) => result.schemaValidated)).toBe(true);
      },
      FULL_RUN_MS,
    );

    // No reset: the server still holds what the full run above left, so this second run proves that the
    // drivers arrange their own state, without paying for a first run of its own.
    it(
      "runs the same when started again against the server the run above used (drivers arrange their own state)",
      async () => {
        const target = harness.target(harness.mock().url);
        const second = await runDreddPass(commetScenario, target);
        expect(failuresOf(second)).toEqual([]);
        expect(coverageOf(second).missing).toEqual([]);
      },
      FULL_RUN_MS,
    );
  });
});

describe("the Commet contract against deliberately broken servers", () => {
  it("fails a field of the wrong type, naming the operation and the field", async () => {
    const report = await contractThrough(
      ({ operationId, status, body }) => {
        if (operationId !== "getAddon" || status !== 200) return undefined;
        const broken = structuredClone(body) as { data: Record<string, unknown> };
        broken.data.basePrice = "2900";
        return { body: broken };
      },
      ["getAddon"],
    );
    const failures = failuresOf(report);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ operationId: "getAddon", status: "200" });
    expect(failures[0]!.message).toContain("data.basePrice must be integer");
  });

  it("fails a missing required field", async () => {
    const report = await contractThrough(
      ({ operationId, status, body }) => {
        if (operationId !== "createSubscription" || status !== 200) return undefined;
        const broken = structuredClone(body) as { data: Record<string, unknown> };
        delete broken.data.currentPeriod;
        return { body: broken };
      },
      ["createSubscription"],
    );
    const failures = failuresOf(report);
    expect(failures.map((result) => `${result.operationId} ${result.status}`)).toEqual(["createSubscription 200"]);
    expect(failures[0]!.message).toContain("data.currentPeriod");
  });

  it("fails a value outside its enum", async () => {
    const report = await contractThrough(
      ({ operationId, status, body }) => {
        if (operationId !== "getFeature" || status !== 200) return undefined;
        const broken = structuredClone(body) as { data: Record<string, unknown> };
        broken.data.type = "metered";
        return { body: broken };
      },
      ["getFeature"],
    );
    expect(failuresOf(report).map((result) => `${result.operationId} ${result.status}`)).toEqual(["getFeature 200"]);
    expect(failuresOf(report)[0]!.message).toContain("data.type");
  });

  it("fails a wrong status", async () => {
    const report = await contractThrough(
      ({ operationId, status }) => (operationId === "deleteFeature" && status === 200 ? { status: 201 } : undefined),
      ["deleteFeature"],
    );
    const failures = failuresOf(report);
    expect(failures.map((result) => `${result.operationId} ${result.status}`)).toEqual(["deleteFeature 200"]);
    expect(failures[0]!.realStatus).toBe(201);
  });

  it("fails an error body that leaves the documented envelope", async () => {
    const report = await contractThrough(
      ({ operationId, status }) => (operationId === "getCustomer" && status === 404 ? { body: { detail: "Not found." } } : undefined),
      ["getCustomer"],
    );
    const failures = failuresOf(report);
    expect(failures.map((result) => `${result.operationId} ${result.status}`)).toEqual(["getCustomer 404"]);
    expect(failures[0]!.message).toMatch(/success|error/);
  });
});

// Every required field of every documented success body, per operation: the envelope's fields and the
// fields of `data` (of each item, for a list).
interface Mutation {
  operationId: string;
  field: string;
  path: [string, string?, string?];
}

const mutations: Mutation[] = operations.flatMap((operation) => {
  const schema = operation.object.responses["200"]?.content?.["application/json"]?.schema as JsonSchema;
  const envelope = (schema.required as string[]).map((field): Mutation => ({ operationId: operation.operationId, field, path: [field] }));
  const data = (schema.properties as Record<string, JsonSchema>).data!;
  const item = (data.type === "array" ? data.items : data) as JsonSchema;
  const fields = ((item.required as string[] | undefined) ?? []).map(
    (field): Mutation => ({
      operationId: operation.operationId,
      field: data.type === "array" ? `data.0.${field}` : `data.${field}`,
      path: data.type === "array" ? ["data", "*", field] : ["data", field],
    }),
  );
  return [...envelope, ...fields];
});

/** The body with the mutation's field given a value of another type, and how many values changed. */
function mutate(body: unknown, mutation: Mutation): { broken: Record<string, unknown>; touched: number } {
  const broken = structuredClone(body) as Record<string, unknown>;
  const [first, second, third] = mutation.path;
  if (!second) {
    broken[first] = wrongType(broken[first]);
    return { broken, touched: 1 };
  }
  if (second === "*") {
    const entries = broken[first] as Record<string, unknown>[];
    for (const entry of entries) entry[third!] = wrongType(entry[third!]);
    return { broken, touched: entries.length };
  }
  const data = broken[first] as Record<string, unknown>;
  data[second] = wrongType(data[second]);
  return { broken, touched: 1 };
}

// One run through a server that breaks one field of the success body of every operation, as dredd
// receives it (the drivers' set-up requests get true answers): each operation's success case fails,
// naming its field. The same run records each operation's true success body, for the check below.
const firstOfEach = new Map(
  operations.map((operation) => [
    operation.operationId,
    mutations.find((mutation) => mutation.operationId === operation.operationId && mutation.path.length > 1) ??
      mutations.find((mutation) => mutation.operationId === operation.operationId)!,
  ]),
);
const samples = new Map<string, unknown>();
const touchedBy = new Map<string, number>();
let brokenRun: ContractReport;

beforeAll(async () => {
  // A list's body is kept only when it has items, so that item fields are there to break.
  const hasContent = (body: unknown) => {
    const data = (body as { data?: unknown }).data;
    return data !== null && !(Array.isArray(data) && data.length === 0);
  };
  brokenRun = await contractThrough(({ operationId, status, body, fromDredd }) => {
    if (!operationId || status !== 200) return undefined;
    if (hasContent(body) || !samples.has(operationId)) samples.set(operationId, body);
    if (!fromDredd) return undefined;
    const result = mutate(body, firstOfEach.get(operationId)!);
    touchedBy.set(operationId, (touchedBy.get(operationId) ?? 0) + result.touched);
    return { body: result.broken };
  });
}, FULL_RUN_MS);

describe("changing the type of a response field fails the contract on that operation", () => {
  it("fails exactly the success case of each operation, and nothing else", () => {
    expect(
      failuresOf(brokenRun)
        .map((result) => `${result.operationId} ${result.status}`)
        .sort(),
    ).toEqual(operations.map((operation) => `${operation.operationId} 200`).sort());
  });

  // End to end, through dredd and the hooks: one field per operation.
  it.each([...firstOfEach.values()].map((mutation) => [`${mutation.operationId}: ${mutation.field}`, mutation] as const))("%s", (_, mutation) => {
    expect(touchedBy.get(mutation.operationId)).toBeGreaterThan(0);
    const failures = failuresOf(brokenRun).filter((result) => result.operationId === mutation.operationId);
    expect(failures.map((result) => `${result.operationId} ${result.status}`)).toEqual([`${mutation.operationId} 200`]);
    expect(failures[0]!.message).toContain(mutation.field);
  });
});

describe("the check the contract runs on each response catches every field", () => {
  // Real success bodies of every operation, recorded from the run above before any was broken.
  const response = (body: unknown) => ({
    statusCode: 200,
    headers: { "content-type": "application/json", "x-request-id": "req_sample" },
    body: JSON.stringify(body),
  });

  it("has a valid sample of every operation's success body", () => {
    expect([...samples.keys()].sort()).toEqual(operations.map((operation) => operation.operationId).sort());
    for (const operation of operations) expect(checkResponse(operation, response(samples.get(operation.operationId))), operation.operationId).toEqual([]);
  });

  it.each(mutations.map((mutation) => [`${mutation.operationId}: ${mutation.field}`, mutation] as const))("%s", (_, mutation) => {
    const operation = operations.find((candidate) => candidate.operationId === mutation.operationId)!;
    const { broken, touched } = mutate(samples.get(mutation.operationId), mutation);
    expect(touched).toBeGreaterThan(0);
    const problems = checkResponse(operation, response(broken));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join("; ")).toContain(`${mutation.operationId} 200: body ${mutation.field}`);
  });
});
