// The client's table of single actions is the spec's: a path whose `action` enum changes in the spec
// fails here until the table follows.
import { describe, expect, it } from "vitest";
import { SINGLE_ACTIONS } from "../../src/cloudplans/actions.js";
import { getOperations } from "../../src/spec/operations.js";

function actionEnum(parameters: readonly { name: string; in: string; schema?: Record<string, unknown> }[]): unknown[] {
  const action = parameters.find((parameter) => parameter.name === "action" && parameter.in === "query");
  return (action?.schema?.enum as unknown[] | undefined) ?? [];
}

describe("SINGLE_ACTIONS", () => {
  const operations = getOperations("cloudplans").operations;

  it("gives every single-action operation its one action, and nothing else", () => {
    const fromSpec: Record<string, Record<string, string>> = {};
    for (const operation of operations) {
      const values = actionEnum(operation.parameters);
      if (values.length === 1) fromSpec[operation.path] = { ...fromSpec[operation.path], [operation.method]: String(values[0]) };
    }
    expect(SINGLE_ACTIONS).toEqual(fromSpec);
  });

  it("leaves out exactly the billing update path, which has four actions", () => {
    const multi = operations.filter((operation) => actionEnum(operation.parameters).length > 1);
    expect(multi.map((operation) => `${operation.method} ${operation.path}`)).toEqual(["post /v1/organizations/billing/update"]);
    expect(actionEnum(multi[0]!.parameters)).toEqual(["getupdatecardlink", "getpaymentlink", "updatesubscription", "cancelsubscription"]);
  });

  it("requires action on every operation of the spec", () => {
    for (const operation of operations) {
      const action = operation.parameters.find((parameter) => parameter.name === "action");
      expect(action, operation.operationId).toMatchObject({ in: "query", required: true });
    }
  });
});
