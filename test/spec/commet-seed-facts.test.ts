// Every fact of the founding Commet page ("Create add-on", ../shared/seeds/commet-addons-create*.txt)
// stays in the spec: the request fields, their types and required set, the success and error bodies,
// the six error responses and the x-api-key auth.
import { describe, expect, it } from "vitest";
import { getDocument, type JsonSchema } from "../../src/spec/document.js";
import { getOperations } from "../../src/spec/operations.js";

const document = getDocument("commet") as unknown as { components: { securitySchemes: Record<string, unknown> }; security: unknown[] };
const create = getOperations("commet").byId("createAddon");

function typesOf(schema: JsonSchema): string[] {
  return ([] as string[]).concat((schema.type as string | string[] | undefined) ?? []);
}

describe("Commet seed page: Create add-on", () => {
  it("is POST /addons with x-api-key auth in a header", () => {
    expect(create.method).toBe("post");
    expect(create.path).toBe("/addons");
    expect(document.components.securitySchemes.ApiKeyAuth).toMatchObject({ type: "apiKey", in: "header", name: "x-api-key" });
    expect(document.security).toEqual([{ ApiKeyAuth: [] }]);
  });

  it("takes the documented body fields, types and required set", () => {
    const schema = create.object.requestBody!.content["application/json"]!.schema!;
    const properties = schema.properties as Record<string, JsonSchema>;
    const documented = {
      name: "string",
      description: "string",
      basePrice: "integer",
      featureId: "string",
      consumptionModel: "string",
      includedUnits: "integer",
      overageRate: "integer",
      creditCost: "integer",
    };
    expect(Object.keys(properties).sort()).toEqual(Object.keys(documented).sort());
    for (const [field, type] of Object.entries(documented)) expect(typesOf(properties[field]!), field).toContain(type);
    expect((schema.required as string[]).sort()).toEqual(["basePrice", "consumptionModel", "featureId", "name"]);
    expect(create.object.requestBody!.required).toBe(true);
  });

  it("answers { success: true, data } with the documented add-on fields", () => {
    const schema = create.object.responses["200"]!.content!["application/json"]!.schema!;
    expect((schema.properties as Record<string, JsonSchema>).success).toMatchObject({ type: "boolean", const: true });
    const data = (schema.properties as Record<string, JsonSchema>).data!;
    const properties = data.properties as Record<string, JsonSchema>;
    const documented: Record<string, string> = {
      id: "string",
      name: "string",
      slug: "string",
      description: "string",
      basePrice: "integer",
      consumptionModel: "string",
      featureCode: "string",
      featureName: "string",
      includedUnits: "integer",
      overageRate: "integer",
      creditCost: "integer",
      createdAt: "string",
      updatedAt: "string",
      object: "string",
      livemode: "boolean",
    };
    expect(Object.keys(properties).sort()).toEqual(Object.keys(documented).sort());
    for (const [field, type] of Object.entries(documented)) expect(typesOf(properties[field]!), field).toContain(type);
    expect(properties.createdAt!.format).toBe("date-time");
    expect(properties.updatedAt!.format).toBe("date-time");
    expect(properties.object!.const).toBe("addon");
    expect(properties.consumptionModel!.enum).toContain("boolean");
  });

  it("documents six error responses, each in the documented error body", () => {
    const errors = create.statuses.filter((status) => /^[45]\d\d$/.test(status));
    expect(errors).toHaveLength(6);
    for (const status of [...errors, "default"]) {
      const schema = create.object.responses[status]!.content!["application/json"]!.schema!;
      const properties = schema.properties as Record<string, JsonSchema>;
      expect(properties.success, status).toMatchObject({ type: "boolean", const: false });
      const error = properties.error!.properties as Record<string, JsonSchema>;
      expect(Object.keys(error).sort(), status).toEqual(["code", "details", "doc_url", "message", "param", "type"]);
      for (const field of ["type", "code", "message", "param", "doc_url"]) expect(typesOf(error[field]!), `${status} ${field}`).toContain("string");
      // `details` is shown as null: any JSON value, null included.
      expect(error.details!.type, status).toBeUndefined();
    }
  });
});
