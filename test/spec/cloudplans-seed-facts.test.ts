// Every fact of the founding Cloud Plans page (Billing, ../shared/seeds/cloudplans-billing.txt) stays
// in the spec: the six operations with their paths, methods and actions, where each parameter travels
// and its type, the response bodies and the Bearer auth; and every documentation error the reference
// notes list (#1 to #35) is recorded in the spec beside its resolution.
import { describe, expect, it } from "vitest";
import { getDocument, type JsonSchema, type ParameterObject } from "../../src/spec/document.js";
import { getOperations } from "../../src/spec/operations.js";

const document = getDocument("cloudplans") as unknown as { components: { securitySchemes: Record<string, unknown> }; security: unknown[] };
const operations = getOperations("cloudplans");

function typesOf(schema: JsonSchema | undefined): string[] {
  return ([] as string[]).concat((schema?.type as string | string[] | undefined) ?? []);
}
function properties(schema: JsonSchema | undefined): Record<string, JsonSchema> {
  return (schema?.properties ?? {}) as Record<string, JsonSchema>;
}
function query(operationId: string, name: string): ParameterObject | undefined {
  return operations.byId(operationId).parameters.find((parameter) => parameter.in === "query" && parameter.name === name);
}
function okSchema(operationId: string): JsonSchema {
  return operations.byId(operationId).object.responses["200"]!.content!["application/json"]!.schema!;
}
function actions(operationId: string): unknown {
  return query(operationId, "action")?.schema?.enum;
}
/** The branches of a oneOf (the bundle is dereferenced, so they are the schemas themselves). */
function branches(schema: JsonSchema): JsonSchema[] {
  return (schema.oneOf as JsonSchema[] | undefined) ?? [schema];
}

describe("Cloud Plans seed page: Billing", () => {
  it("authenticates every operation with Authorization: Bearer <token>", () => {
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.security).toEqual([{ bearerAuth: [] }]);
  });

  it("Describe Billing: GET /v1/organizations/billing/describe?action=getorganization with org_id", () => {
    const operation = operations.byId("describeBilling");
    expect([operation.method, operation.path]).toEqual(["get", "/v1/organizations/billing/describe"]);
    expect(actions("describeBilling")).toEqual(["getorganization"]);
    expect(typesOf(query("describeBilling", "org_id")?.schema)).toEqual(["string"]);
    const response = properties(properties(okSchema("describeBilling")).response);
    const organization = properties(response.organization);
    expect(Object.keys(organization).sort()).toEqual(["id", "name", "owner", "resources"]);
    expect(typesOf(organization.resources)).toContain("integer");
    for (const field of ["name", "id", "owner"]) expect(typesOf(organization[field]), field).toEqual(["string"]);
    const subscription = properties(response.subscription);
    expect(Object.keys(subscription).sort()).toEqual(["payment_exp", "plan", "quantity"]);
    for (const field of ["payment_exp", "plan", "quantity"]) expect(typesOf(subscription[field]), field).toContain("string");
  });

  it("Billing History: GET /v1/organizations/billing/history?action=list_billing&org_id", () => {
    const operation = operations.byId("listBillingHistory");
    expect([operation.method, operation.path]).toEqual(["get", "/v1/organizations/billing/history"]);
    expect(actions("listBillingHistory")).toEqual(["list_billing"]);
    expect(typesOf(query("listBillingHistory", "org_id")?.schema)).toEqual(["string"]);
    const entry = properties(properties(okSchema("listBillingHistory")).billing_history!.items as JsonSchema);
    expect(Object.keys(entry).sort()).toEqual(["amount", "date", "due_date", "id", "organization", "status"]);
    expect(entry.status!.enum).toEqual(["paid", "unpaid"]);
    for (const field of ["id", "organization", "date", "due_date", "amount"]) expect(typesOf(entry[field]), field).toEqual(["string"]);
  });

  it("the four POST /v1/organizations/billing/update actions share one operation", () => {
    const operation = operations.byId("billingUpdate");
    expect([operation.method, operation.path]).toEqual(["post", "/v1/organizations/billing/update"]);
    expect([...(actions("billingUpdate") as string[])].sort()).toEqual(["cancelsubscription", "getpaymentlink", "getupdatecardlink", "updatesubscription"]);
  });

  it("Create subscription: org_id (string) and quantity (number) in the query string", () => {
    expect(typesOf(query("billingUpdate", "org_id")?.schema)).toEqual(["string"]);
    expect(typesOf(query("billingUpdate", "quantity")?.schema)).toEqual(["integer"]);
  });

  it("Change payment method and Cancel Subscription send org_id; Update Subscription org_id and quantity (number)", () => {
    const bodies = branches(operations.byId("billingUpdate").object.requestBody!.content["application/json"]!.schema!);
    const shapes = bodies.map((body) => Object.keys(properties(body)).sort().join(","));
    expect(shapes.sort()).toEqual(["org_id", "org_id,quantity"]);
    const withQuantity = bodies.find((body) => properties(body).quantity)!;
    expect(typesOf(properties(withQuantity).quantity)).toEqual(["integer"]);
    for (const body of bodies) expect(typesOf(properties(body).org_id)).toEqual(["string"]);
  });

  it("answers {status: 200, response: <link>} or {status: 200}", () => {
    const [link, bare] = branches(okSchema("billingUpdate")).sort((a, b) => Object.keys(properties(b)).length - Object.keys(properties(a)).length);
    expect(properties(link).status).toMatchObject({ const: 200 });
    expect(typesOf(properties(link).response)).toEqual(["string"]);
    expect(Object.keys(properties(bare))).toEqual(["status"]);
    expect(bare!.additionalProperties).toBe(false);
  });
});

describe("Cloud Plans documentation errors (api-notes §8)", () => {
  // The notes number 35 problems; each is cited as (#n) inside an x-doc-discrepancy or x-assumed note.
  const notes: string[] = [];
  (function collect(node: unknown): void {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node !== null && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if ((key === "x-doc-discrepancy" || key === "x-assumed") && typeof value === "string") notes.push(value);
        else collect(value);
      }
    }
  })(getDocument("cloudplans"));

  it.each(Array.from({ length: 35 }, (_, i) => i + 1))("#%i is recorded with its resolution", (n) => {
    const recorded = notes.filter((note) => new RegExp(`#${n}\\b(?!\\d)`).test(note));
    expect(recorded.length, `#${n}`).toBeGreaterThan(0);
    expect(
      recorded.some((note) => /\bChosen\b/i.test(note)),
      `#${n} says what was chosen`,
    ).toBe(true);
  });
});
