// The OnetSolutions contract: it passes against the mock with every documented (operation, status)
// pair exercised and every response body schema-validated, every order it makes is consistent, and it
// fails against broken servers.
import { describe, expect, it } from "vitest";
import { runDreddPass } from "../../src/contract/dredd/run.js";
import { onetScenario } from "../../src/contract/scenarios/onet.js";
import { coverageOf } from "../../src/contract/report/coverage.js";
import { getOperations } from "../../src/spec/operations.js";
import type { JsonSchema } from "../../src/spec/document.js";
import { wrongType } from "../helpers/broken-proxy.js";
import { documentedPairs, failuresOf, useContractMock } from "../helpers/contract.js";
import { EXHAUSTIVE } from "../helpers/exhaustive.js";
import { expectConsistentOrder, startRecordingProxy } from "../helpers/onet.js";

const harness = useContractMock("onet", onetScenario);
const target = harness.target;
// The drivers used here send no body on a GET: the broken proxy forwards with fetch, which cannot.
const contractThrough = harness.through;
const ORDERING = ["activateInstanceAddon", "orderWebHosting"];

/** A run against the reset mock through a proxy that keeps every order the server makes. */
async function recordingOrders(only?: readonly string[]) {
  harness.mock().reset();
  const recorder = await startRecordingProxy(harness.mock().url);
  try {
    return { report: await runDreddPass(onetScenario, target(recorder.url), only ? { only } : {}), orders: recorder.orders };
  } finally {
    await recorder.close();
  }
}

describe("the OnetSolutions contract against the mock", () => {
  // `npm run contract` runs the whole contract against a fresh mock, and fails on any failing case and
  // on any documented pair no passing case exercised (the allowlist is empty): a passing dredd case got
  // its documented status and a body valid against its schema. What it must therefore exercise:
  it("has 17 operations and 102 documented (operation, status) pairs to exercise, a 403 of every operation among them", () => {
    const pairs = documentedPairs("onet");
    expect(getOperations("onet").operations).toHaveLength(17);
    expect(pairs).toHaveLength(102);
    expect(pairs.filter((pair) => pair.endsWith(" 403"))).toHaveLength(17);
  });

  it("makes one add-on activation and one web-hosting order, each consistent", async () => {
    const { report, orders } = await recordingOrders(ORDERING);
    expect(failuresOf(report)).toEqual([]);
    expect(orders.map((order) => order.operationId).sort()).toEqual(ORDERING);
    for (const order of orders) expectConsistentOrder(order);
  });

  // The exhaustive run repeats the whole contract here, then once more against the same server.
  describe.runIf(EXHAUSTIVE)("in full, twice against one server", () => {
    it("exercises all 17 operations and every documented status, validating every body; every order it makes is consistent", async () => {
      const { report, orders } = await recordingOrders();
      expect(failuresOf(report)).toEqual([]);
      const coverage = coverageOf(report);
      expect(coverage.operations).toEqual({ exercised: 17, documented: 17 });
      expect(coverage.pairs).toEqual({ exercised: 102, documented: 102 });
      expect(coverage.missing).toEqual([]);
      expect(report.cases.every((result) => result.schemaValidated)).toBe(true);
      expect(report.cases.filter((result) => result.status === "403").map((result) => result.realStatus)).toEqual(Array(17).fill(403));
      // One add-on activation and one web-hosting order.
      expect(orders.map((order) => order.operationId).sort()).toEqual(ORDERING);
      for (const order of orders) expectConsistentOrder(order);
    });

    // No reset: the server still holds what the full run above left, so this second run proves that the
    // drivers arrange their own state, without paying for a first run of its own.
    it("runs the same when started again against the server the run above used (drivers arrange their own state)", async () => {
      const second = await runDreddPass(onetScenario, target(harness.mock().url));
      expect(failuresOf(second)).toEqual([]);
      expect(coverageOf(second).missing).toEqual([]);
    });
  });
});

describe("the OnetSolutions contract against deliberately broken servers", () => {
  it("fails an order amount that leaves the decimal pattern, naming the field", async () => {
    const report = await contractThrough(
      ({ operationId, status, body }) => {
        if (operationId !== "activateInstanceAddon" || status !== 201) return undefined;
        return { body: { ...(body as object), total: "4.999" } };
      },
      ["activateInstanceAddon"],
    );
    const failures = failuresOf(report);
    expect(failures.map((result) => `${result.operationId} ${result.status}`)).toEqual(["activateInstanceAddon 201"]);
    expect(failures[0]!.message).toContain("total must match pattern");
  });

  it("fails a field of the wrong type deep in a body", async () => {
    const report = await contractThrough(
      ({ operationId, status, body }) => {
        if (operationId !== "listWebHosting" || status !== 200) return undefined;
        const broken = structuredClone(body) as { results: { plan: { pricing: { price: unknown }[] } }[] };
        broken.results[0]!.plan.pricing[0]!.price = 9.99;
        return { body: broken };
      },
      ["listWebHosting"],
    );
    const failures = failuresOf(report);
    expect(failures.map((result) => `${result.operationId} ${result.status}`)).toEqual(["listWebHosting 200"]);
    expect(failures[0]!.message).toContain("results.0.plan.pricing.0.price must be string");
  });

  it("fails a missing required field", async () => {
    const report = await contractThrough(
      ({ operationId, status, body }) => {
        if (operationId !== "setDomainAutoRenew" || status !== 200) return undefined;
        const broken = structuredClone(body) as Record<string, unknown>;
        delete broken.dns_zone;
        return { body: broken };
      },
      ["setDomainAutoRenew"],
    );
    const failures = failuresOf(report);
    expect(failures.map((result) => `${result.operationId} ${result.status}`)).toEqual(["setDomainAutoRenew 200"]);
    expect(failures[0]!.message).toContain("dns_zone");
  });

  it("fails a wrong status", async () => {
    const report = await contractThrough(
      ({ operationId, status }) => (operationId === "cancelWebHosting" && status === 200 ? { status: 202 } : undefined),
      ["cancelWebHosting"],
    );
    const failures = failuresOf(report);
    expect(failures.map((result) => `${result.operationId} ${result.status}`)).toEqual(["cancelWebHosting 200"]);
    expect(failures[0]!.realStatus).toBe(202);
  });

  it("fails an error body that leaves DRF's {detail} shape", async () => {
    const report = await contractThrough(
      ({ operationId, status }) => (operationId === "setDomainPrivacy" && status === 404 ? { body: { error: "not_found" } } : undefined),
      ["setDomainPrivacy"],
    );
    const failures = failuresOf(report);
    expect(failures.map((result) => `${result.operationId} ${result.status}`)).toEqual(["setDomainPrivacy 404"]);
    expect(failures[0]!.message).toContain("detail");
  });
});

// Every required field of the add-on order: changing its type in what the server sends must make the
// contract fail on that operation, naming that field.
const orderSchema = getOperations("onet").byId("activateInstanceAddon").object.responses["201"]!.content!["application/json"]!.schema as JsonSchema;

describe("changing the type of any field of an add-on order fails the contract", () => {
  it.each(orderSchema.required as string[])("%s", async (field) => {
    let touched = 0;
    const report = await contractThrough(
      ({ operationId, status, body }) => {
        if (operationId !== "activateInstanceAddon" || status !== 201) return undefined;
        const broken = structuredClone(body) as Record<string, unknown>;
        // null is allowed for some fields: an array is no field's type.
        broken[field] = broken[field] === null ? [] : wrongType(broken[field]);
        touched += 1;
        return { body: broken };
      },
      ["activateInstanceAddon"],
    );
    expect(touched).toBe(1);
    const failures = failuresOf(report);
    expect(failures.map((result) => `${result.operationId} ${result.status}`)).toEqual(["activateInstanceAddon 201"]);
    expect(failures[0]!.message).toContain(field);
  });
});
