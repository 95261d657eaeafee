// The declared flows (specs/<api>/flows.arazzo.yaml): Arazzo's runtime expressions and criteria as the
// runner reads them, the load-time check of every name a flow uses, and each API's flows run against
// its mock, every step validated, with what they create removed afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkFlows, getFlows, type FlowsDocument } from "../../src/contract/flows/document.js";
import { evaluateExpression, holds, resolveValue, type FlowContext } from "../../src/contract/flows/expressions.js";
import { runFlowPass } from "../../src/contract/flows/run.js";
import { createCleanupTracker } from "../../src/contract/cleanup/tracker.js";
import { scenarios } from "../../src/contract/scenarios/index.js";
import type { ContractTarget } from "../../src/contract/types.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { API_NAMES } from "../../src/spec/apis.js";

const context: FlowContext = {
  inputs: { customerId: "cus_1", runId: "ab12" },
  steps: { create: { outputs: { id: "adn_9", price: 1500 } } },
  response: { statusCode: 200, headers: { "x-request-id": "req_1" }, body: { data: { id: "adn_9", status: "active", tags: [] }, next: null } },
};

describe("runtime expressions", () => {
  it("read inputs, step outputs, the status, the body by JSON pointer and headers", () => {
    expect(evaluateExpression("$inputs.customerId", context)).toBe("cus_1");
    expect(evaluateExpression("$steps.create.outputs.price", context)).toBe(1500);
    expect(evaluateExpression("$statusCode", context)).toBe(200);
    expect(evaluateExpression("$response.body#/data/status", context)).toBe("active");
    expect(evaluateExpression("$response.header.X-Request-Id", context)).toBe("req_1");
    expect(evaluateExpression("$steps.missing.outputs.id", context)).toBeUndefined();
  });
  it("keep a whole expression's type and fill `{$…}` templates with text, member by member", () => {
    expect(
      resolveValue(
        { addonId: "$steps.create.outputs.id", price: "$steps.create.outputs.price", name: "Flow {$inputs.runId}", list: ["{$inputs.customerId}@example.com"] },
        context,
      ),
    ).toEqual({
      addonId: "adn_9",
      price: 1500,
      name: "Flow ab12",
      list: ["cus_1@example.com"],
    });
    expect(() => resolveValue("x {$steps.create.outputs.nothing}", context)).toThrow("has no value");
  });
  it("refuse a form they do not understand", () => {
    expect(() => evaluateExpression("$request.body#/x", context)).toThrow("unsupported runtime expression");
    expect(() => evaluateExpression("$env.HOME", context)).toThrow("unsupported runtime expression");
  });
});

describe("criteria", () => {
  it("compare with == and !=, && binding tighter than ||, against numbers, 'strings', null and expressions", () => {
    expect(holds("$statusCode == 200", context)).toBe(true);
    expect(holds("$statusCode == 201 || $statusCode == 200", context)).toBe(true);
    expect(holds("$statusCode == 200 && $response.body#/data/status == 'canceled'", context)).toBe(false);
    expect(holds("$response.body#/next == null", context)).toBe(true);
    expect(holds("$response.body#/data != null", context)).toBe(true);
    expect(holds("$response.body#/data/id == $steps.create.outputs.id", context)).toBe(true);
    expect(holds("$response.body#/data/missing == null", context)).toBe(true);
  });
  it("refuse anything else at once", () => {
    expect(() => holds("$statusCode > 199", context)).toThrow("unsupported condition");
    expect(() => holds("$statusCode == two", context)).toThrow("unsupported operand two");
  });
});

describe("loading the flows", () => {
  const base = (): FlowsDocument => structuredClone(getFlows("commet"));
  it("accepts every API's flows file as committed", () => {
    for (const api of API_NAMES) expect(getFlows(api).workflows.length).toBeGreaterThan(0);
  });
  it("refuses a flow that names an operation, a parameter, a step or an input that does not exist", () => {
    const badOperation = base();
    badOperation.workflows[0]!.steps[0]!.operationId = "getCustomr";
    expect(() => checkFlows("commet", badOperation)).toThrow('addonLifecycle.findCustomer: no operation "getCustomr"');
    const badParameter = base();
    badParameter.workflows[0]!.steps[0]!.parameters = [{ name: "customer", in: "path", value: "x" }];
    expect(() => checkFlows("commet", badParameter)).toThrow('getCustomer has no path parameter "customer"');
    const badGoto = base();
    badGoto.workflows[0]!.steps[0]!.onSuccess![0]!.stepId = "nowhere";
    expect(() => checkFlows("commet", badGoto)).toThrow('goto names no step "nowhere"');
    const badInput = base();
    badInput.workflows[0]!.steps[0]!.parameters![0]!.value = "$inputs.customer";
    expect(() => checkFlows("commet", badInput)).toThrow("$inputs.customer is not an input of the workflow");
    const badCondition = base();
    badCondition.workflows[0]!.steps[0]!.successCriteria = [{ condition: "$statusCode >= 200" }];
    expect(() => checkFlows("commet", badCondition)).toThrow("unsupported condition");
  });
});

describe.each(API_NAMES)("%s flows against its mock", (api) => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock(api);
  });
  afterAll(() => mock.close());

  it("pass every step, validated against the spec, and leave nothing to clean up that the run cannot", async () => {
    const cleanup = createCleanupTracker(api, { api, baseUrl: mock.url, credentials: scenarios[api].mockCredentials });
    const target: ContractTarget = { api, baseUrl: mock.url, credentials: scenarios[api].mockCredentials, fixtures: mock.fixtures(), observe: cleanup.observe };
    const results = (await runFlowPass(scenarios[api], target)).cases;
    expect(results.filter((result) => result.outcome !== "pass").map((result) => `${result.variant}: ${result.message}`)).toEqual([]);
    expect(results.every((result) => result.schemaValidated)).toBe(true);
    // Each flow undoes its own writes as it goes: the clean-up finds nothing left to do.
    expect(cleanup.pending).toBe(0);
  });
});

describe("a Commet flow that fails halfway", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock("commet");
  });
  afterAll(() => mock.close());

  it("stops there, skips the rest, and the clean-up removes what it had created", async () => {
    const cleanup = createCleanupTracker("commet", { api: "commet", baseUrl: mock.url, credentials: scenarios.commet.mockCredentials });
    const target: ContractTarget = { api: "commet", baseUrl: mock.url, credentials: scenarios.commet.mockCredentials, observe: cleanup.observe };
    const broken = structuredClone(getFlows("commet"));
    // The read-back expects another add-on: the flow fails after creating a feature and an add-on.
    const readAddon = broken.workflows[0]!.steps.find((step) => step.stepId === "readAddon")!;
    readAddon.successCriteria = [{ condition: "$response.body#/data/id == 'adn_someoneElse0000'" }];
    const results = (await runFlowPass(scenarios.commet, target, { flows: broken })).cases;
    const outcome = Object.fromEntries(results.map((result) => [result.variant, result.outcome]));
    expect(outcome["addonLifecycle.readAddon"]).toBe("fail");
    expect(outcome["addonLifecycle.deleteFeature"]).toBe("skip");
    expect(cleanup.pending).toBe(2);
    const report = await cleanup.run();
    expect(report.removed.map((label) => label.split(" ")[0])).toEqual(["deleteAddon", "deleteFeature"]);
    expect(report.leftBehind).toEqual([]);
    const features = await fetch(`${mock.url}/features`, { headers: scenarios.commet.mockCredentials }).then(
      (response) => response.json() as Promise<{ data: { code: string }[] }>,
    );
    expect(features.data.filter((feature) => feature.code.startsWith("flow_"))).toEqual([]);
  });
});
