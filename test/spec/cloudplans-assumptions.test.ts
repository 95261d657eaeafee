// Issue 13, item 10: the Cloud Plans spec says what the mock does for updateOrganization (org_id in the
// query or the body, and an example request the mock accepts), and marks as assumed the rules, the
// required fields and the format that no page documents.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cloudplansScenario } from "../../src/contract/scenarios/cloudplans.js";
import { checkResponse } from "../../src/contract/check-response.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { getDocument, type JsonSchema } from "../../src/spec/document.js";
import { getOperations } from "../../src/spec/operations.js";

const update = getOperations("cloudplans").byId("updateOrganization");
const schemas = (getDocument("cloudplans") as unknown as { components: { schemas: Record<string, JsonSchema>; responses: Record<string, JsonSchema> } })
  .components;
const assumed = (node: unknown) => (node as Record<string, unknown>)["x-assumed"] as string | undefined;

describe("updateOrganization", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock("cloudplans");
  });
  afterAll(async () => {
    await mock.close();
  });

  const media = () => update.object.requestBody!.content["application/json"]!;
  /** The request the spec describes with its required parameters only, and its example body. */
  const exampleRequest = (query: Record<string, string>, body: unknown) =>
    fetch(`${mock.url}${update.path}?${new URLSearchParams(query)}`, {
      method: "POST",
      headers: { ...cloudplansScenario.mockCredentials, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  const requiredQuery = () =>
    Object.fromEntries(
      update.parameters.filter((parameter) => parameter.in === "query" && parameter.required).map((parameter) => [parameter.name, String(parameter.example)]),
    );

  it("documents org_id in the body too, and says that one of the two must carry it", () => {
    const body = media().schema as JsonSchema;
    const orgId = (body.properties as Record<string, JsonSchema>).org_id;
    expect(orgId).toBeDefined();
    expect(assumed(orgId)).toEqual(expect.any(String));
    const query = update.parameters.find((parameter) => parameter.in === "query" && parameter.name === "org_id")!;
    expect((query as unknown as { description: string }).description).toMatch(/body/);
    expect(assumed(query)).toMatch(/400/);
    expect((update.object as unknown as { description: string }).description).toMatch(/org_id` is required/);
  });

  it("has an example body that the mock accepts with only the required query parameters", async () => {
    const response = await exampleRequest(requiredQuery(), media().example);
    expect(response.status, await response.clone().text()).toBe(200);
    expect(checkResponse(update, { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() })).toEqual([]);
  });

  it("is refused with a documented 400 when neither the query nor the body names the organization", async () => {
    const response = await exampleRequest(requiredQuery(), {});
    expect(response.status).toBe(400);
    expect(checkResponse(update, { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() })).toEqual([]);
  });
});

describe("assumptions no Cloud Plans page documents", () => {
  it("Conflict marks its three undocumented rules x-assumed", () => {
    const note = assumed(schemas.responses.Conflict)!;
    expect(note).toMatch(/subscription must exist to be changed/);
    expect(note).toMatch(/user cannot be added twice/);
    expect(note).toMatch(/Owner cannot be removed/);
    expect(note).toMatch(/no page documents/);
  });

  it.each(["AwsCredentialSpecific", "AzureCredentialSpecific", "GcpCredentialSpecific"])("%s marks its required fields as assumed", (name) => {
    const schema = schemas.schemas[name]!;
    expect((schema.required as string[]).length).toBeGreaterThan(0);
    for (const field of schema.required as string[]) expect(assumed(schema), `${name}.${field}`).toContain(field);
  });

  it("marks format: email on user_id as assumed", () => {
    const email = schemas.schemas.UserEmail!;
    expect(email.format).toBe("email");
    expect(assumed(email)).toMatch(/email/);
  });
});
