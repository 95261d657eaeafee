// The Cloud Plans contract: it passes against the mock with every documented (operation, status) pair
// exercised, each of the four billing actions as a case of its own, and every response body
// schema-validated; and it fails against broken servers, naming the operation, the action and the field.
import { describe, expect, it } from "vitest";
import { runDreddPass } from "../../src/contract/dredd/run.js";
import { cloudplansScenario } from "../../src/contract/scenarios/cloudplans.js";
import { coverageOf } from "../../src/contract/report/coverage.js";
import { getOperations } from "../../src/spec/operations.js";
import { wrongType } from "../helpers/broken-proxy.js";
import { documentedPairs, failuresOf, useContractMock } from "../helpers/contract.js";
import { EXHAUSTIVE } from "../helpers/exhaustive.js";

const harness = useContractMock("cloudplans", cloudplansScenario);
const target = harness.target;
const BILLING_ACTIONS = ["getpaymentlink", "getupdatecardlink", "updatesubscription", "cancelsubscription"];
const contractThrough = harness.through;
const label = (result: { operationId: string; status: string; variant?: string }) =>
  `${result.operationId} ${result.status}${result.variant ? ` ${result.variant}` : ""}`;

describe("the Cloud Plans contract against the mock", () => {
  // `npm run contract` runs the whole contract against a fresh mock, and fails on any failing case and
  // on any documented pair no passing case exercised (the allowlist is empty): a passing dredd case got
  // its documented status, not one only `default` covers, and a body valid against its schema.
  it("has 17 operations to exercise, and each assumed error status documented by some operation", () => {
    const pairs = documentedPairs("cloudplans");
    expect(getOperations("cloudplans").operations).toHaveLength(17);
    for (const status of ["400", "401", "403", "404", "409"])
      expect(
        pairs.some((pair) => pair.endsWith(` ${status}`)),
        status,
      ).toBe(true);
  });

  // Coverage counts (operation, status) pairs: the four billing actions share one, so each is checked here.
  it("exercises each billing action as a case of its own, all passing with a 200", async () => {
    harness.mock().reset();
    const report = await runDreddPass(cloudplansScenario, target(harness.mock().url), { only: ["billingUpdate"] });
    expect(failuresOf(report)).toEqual([]);
    expect(coverageOf(report, ["billingUpdate"]).missing).toEqual([]);
    const billing200 = report.cases.filter((result) => result.operationId === "billingUpdate" && result.status === "200");
    expect(billing200.map((result) => result.variant).sort()).toEqual([...BILLING_ACTIONS].sort());
    expect(billing200.every((result) => result.outcome === "pass" && result.realStatus === 200)).toBe(true);
  });

  // The exhaustive run repeats the whole contract here, then once more against the same server.
  describe.runIf(EXHAUSTIVE)("in full, twice against one server", () => {
    it("exercises all 17 operations, every documented status and each billing action, validating every body", async () => {
      harness.mock().reset();
      const report = await runDreddPass(cloudplansScenario, target(harness.mock().url));
      expect(failuresOf(report)).toEqual([]);
      const documented = documentedPairs("cloudplans");
      const coverage = coverageOf(report);
      expect(coverage.operations).toEqual({ exercised: 17, documented: 17 });
      expect(coverage.pairs).toEqual({ exercised: documented.length, documented: documented.length });
      expect(report.cases.every((result) => result.schemaValidated)).toBe(true);
      const billing200 = report.cases.filter((result) => result.operationId === "billingUpdate" && result.status === "200");
      expect(billing200.map((result) => result.variant).sort()).toEqual([...BILLING_ACTIONS].sort());
      expect(billing200.every((result) => result.outcome === "pass" && result.realStatus === 200)).toBe(true);
      // Each assumed error status is really produced, not just tolerated by `default`.
      for (const status of ["400", "401", "403", "404", "409"]) {
        const cases = report.cases.filter((result) => result.status === status);
        expect(cases.length, status).toBeGreaterThan(0);
        expect(
          cases.every((result) => result.realStatus === Number(status)),
          status,
        ).toBe(true);
      }
    });

    // No reset: the server still holds what the full run above left, so this second run proves that the
    // drivers arrange their own state, without paying for a first run of its own.
    it("runs the same when started again against the server the run above used (drivers arrange their own state)", async () => {
      const second = await runDreddPass(cloudplansScenario, target(harness.mock().url));
      expect(failuresOf(second)).toEqual([]);
      expect(coverageOf(second).missing).toEqual([]);
    });
  });
});

describe("the Cloud Plans contract against deliberately broken servers", () => {
  it("fails a payment link of the wrong type, naming the action and the field", async () => {
    const report = await contractThrough(
      ({ operationId, status, body }) => {
        const reply = body as { response?: unknown };
        if (operationId !== "billingUpdate" || status !== 200 || typeof reply.response !== "string" || !reply.response.includes("checkout")) return undefined;
        return { body: { status: 200, response: { url: reply.response } } };
      },
      ["billingUpdate"],
    );
    const failures = failuresOf(report);
    expect(failures.map(label)).toEqual(["billingUpdate 200 getpaymentlink"]);
    expect(failures[0]!.message).toContain("response");
  });

  it("fails an extra key on a {status}-only reply", async () => {
    const report = await contractThrough(
      ({ operationId, status, body }) =>
        operationId === "billingUpdate" && status === 200 && !("response" in (body as object)) ? { body: { status: 200, ok: true } } : undefined,
      ["billingUpdate"],
    );
    expect(failuresOf(report).map(label).sort()).toEqual(["billingUpdate 200 cancelsubscription", "billingUpdate 200 updatesubscription"]);
  });

  it("fails a wrong status and an error body outside the envelope", async () => {
    const report = await contractThrough(
      ({ operationId, status }) => {
        if (operationId === "describePlan" && status === 200) return { status: 201 };
        if (operationId === "describePlan" && status === 404) return { body: { detail: "Not found." } };
        return undefined;
      },
      ["describePlan"],
    );
    const failures = failuresOf(report);
    expect(failures.map(label)).toEqual(["describePlan 200", "describePlan 404"]);
    expect(failures[0]!.realStatus).toBe(201);
    expect(failures[1]!.message).toMatch(/error|message/);
  });

  it("fails every case of an operation the server lacks (its router answers 404 in its own words)", async () => {
    const report = await contractThrough(
      ({ operationId }) => (operationId === "describePlan" ? { status: 404, body: { message: "Cannot GET /v1/organizations/plans/describe" } } : undefined),
      ["describePlan", "listPlans"],
    );
    const failures = failuresOf(report);
    expect(new Set(failures.map((result) => result.operationId))).toEqual(new Set(["describePlan"]));
    expect(failures.find((result) => result.status === "200")).toMatchObject({ realStatus: 404 });
    // Even its own 404 case fails: the body is not the API's error envelope.
    expect(failures.find((result) => result.status === "404")?.message).toMatch(/describePlan 404: body/);
  });

  it("fails a 200 whose body says another status", async () => {
    const report = await contractThrough(
      ({ operationId, status, body }) => (operationId === "listPlans" && status === 200 ? { body: { ...(body as object), status: 201 } } : undefined),
      ["listPlans"],
    );
    expect(failuresOf(report).map(label)).toEqual(["listPlans 200"]);
  });
});

// Every field of Describe Billing, the seed page's first operation: changing its type in what the
// server sends must make the contract fail, naming that field.
describe("changing the type of any Describe Billing field fails the contract", () => {
  const fields = ["organization.resources", "organization.name", "organization.id", "organization.owner", "subscription.payment_exp", "subscription.plan"];
  it.each(fields)("%s", async (path) => {
    const [group, field] = path.split(".") as [string, string];
    let touched = 0;
    const report = await contractThrough(
      ({ operationId, status, body }) => {
        if (operationId !== "describeBilling" || status !== 200) return undefined;
        const broken = structuredClone(body) as { response: Record<string, Record<string, unknown>> };
        broken.response[group]![field] = wrongType(broken.response[group]![field]);
        touched += 1;
        return { body: broken };
      },
      ["describeBilling"],
    );
    expect(touched).toBe(1);
    const failures = failuresOf(report);
    expect(failures.map(label)).toEqual(["describeBilling 200"]);
    expect(failures[0]!.message).toContain(`response.${group}.${field}`);
  });
});
