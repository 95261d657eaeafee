// Issue 13, item 11: every field the OnetSolutions mock sends on instances and web hostings is in the
// spec (so typed users can read it), marked x-assumed where no page documents it; server-set fields are
// readOnly, and no request body carries a readOnly field (so the generated request types are unchanged);
// the assumed meanings of credit_applied / amount_due and of ignoring unknown request fields are marked.
import { describe, expect, expectTypeOf, it } from "vitest";
import type { components } from "../../generated/onet/schema.js";
import { getDocument, type JsonSchema } from "../../src/spec/document.js";
import { getOperations } from "../../src/spec/operations.js";
import { IN_PROJECT, SEED, useOnetMock } from "../helpers/onet.js";

type Schemas = components["schemas"];
const document = getDocument("onet") as unknown as { info: Record<string, unknown>; components: { schemas: Record<string, JsonSchema> } };
const schemas = document.components.schemas;
const properties = (name: string) => schemas[name]!.properties as Record<string, JsonSchema>;
const { client } = useOnetMock();

/** Every key the mock sent is declared; those not required (not documented) carry an x-assumed note. */
function expectDeclared(name: string, sent: Record<string, unknown>) {
  const declared = properties(name);
  const required = new Set(schemas[name]!.required as string[]);
  expect(
    Object.keys(sent).filter((key) => !(key in declared)),
    `${name}: fields the mock sends that the spec does not declare`,
  ).toEqual([]);
  for (const key of Object.keys(sent))
    if (!required.has(key) && key !== "id") expect(declared[key]!["x-assumed"], `${name}.${key}`).toEqual(expect.any(String));
}

describe("instances", () => {
  it("declares description, hostname, tags and last_task_id, which the mock sends", async () => {
    const { data } = await client().PUT("/v1/organizations/{organization_id}/projects/{project_id}/compute/instances/{id}", {
      params: { path: { ...IN_PROJECT, id: SEED.web01 } },
      body: {},
    });
    expect(Object.keys(data!)).toEqual(expect.arrayContaining(["description", "hostname", "tags", "last_task_id"]));
    expectDeclared("Instance", data! as Record<string, unknown>);
    // Typed users read them without a cast.
    expectTypeOf(data!.last_task_id).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(data!.hostname).toEqualTypeOf<string | undefined>();
  });

  it("marks the server-set fields readOnly", () => {
    for (const field of ["id", "legacy_id", "organization_id", "project_id", "status", "last_task_id"])
      expect(properties("Instance")[field]!.readOnly, field).toBe(true);
    for (const field of ["name", "description", "hostname", "tags"]) expect(properties("Instance")[field]!.readOnly, field).toBeUndefined();
  });
});

describe("web hostings", () => {
  it("declares status and cancellation_requested_at, which the mock sends", async () => {
    const path = { ...IN_PROJECT, id: SEED.hosting };
    const { data: cancelled } = await client().POST("/v1/organizations/{organization_id}/projects/{project_id}/hosting/{id}/cancel", { params: { path } });
    expect(cancelled).toMatchObject({ status: "active", cancellation_requested_at: expect.any(String) });
    expectDeclared("WebHosting", cancelled! as Record<string, unknown>);
    const { data: list } = await client().GET("/v1/organizations/{organization_id}/projects/{project_id}/hosting", { params: { path: IN_PROJECT } });
    for (const hosting of list!.results) expectDeclared("WebHosting", hosting as Record<string, unknown>);
    await client().POST("/v1/organizations/{organization_id}/projects/{project_id}/hosting/{id}/revoke-cancellation", { params: { path } });
    expectTypeOf(cancelled!.cancellation_requested_at).toEqualTypeOf<string | null | undefined>();
  });

  it("marks the server-set fields readOnly", () => {
    for (const field of ["id", "organization_id", "project_id", "project_name", "status", "cancellation_requested_at"])
      expect(properties("WebHosting")[field]!.readOnly, field).toBe(true);
  });
});

describe("readOnly stays out of requests", () => {
  // openapi-typescript 7.13 emits readOnly as `readonly`; in a request body it would also stay required.
  it("no request body schema of any operation holds a readOnly field", () => {
    const found: string[] = [];
    const walk = (node: unknown, where: string, seen: Set<unknown>): void => {
      if (node === null || typeof node !== "object" || seen.has(node)) return;
      seen.add(node);
      if ((node as JsonSchema).readOnly === true) found.push(where);
      for (const [key, value] of Object.entries(node)) walk(value, `${where}.${key}`, seen);
    };
    for (const operation of getOperations("onet").operations) walk(operation.object.requestBody, operation.operationId, new Set());
    expect(found).toEqual([]);
    expectTypeOf<Schemas["InstanceUpdateRequest"]>().toHaveProperty("hostname");
  });
});

describe("assumed meanings", () => {
  it.each(["AddonActivationOrder", "WebHostingOrderResponse"])("%s marks what credit_applied and amount_due mean as assumed", (name) => {
    expect(properties(name).credit_applied!["x-assumed"]).toMatch(/credit/);
    expect(properties(name).amount_due!["x-assumed"]).toMatch(/left to pay/);
  });

  it("marks 'the API ignores unknown request fields' as assumed", () => {
    expect(document.info["x-assumed"]).toMatch(/ignores unknown request fields/);
  });
});
