// Every fact of the founding OnetSolutions page ("[Instances] Activate an addon for a compute instance",
// ../shared/seeds/onet-activate-instance-addon.txt) stays in the spec, exactly.
import { describe, expect, it } from "vitest";
import { getDocument, type JsonSchema } from "../../src/spec/document.js";
import { getOperations } from "../../src/spec/operations.js";

const DECIMAL = "^-?\\d{0,8}(?:\\.\\d{0,2})?$";
const activate = getOperations("onet").byId("activateInstanceAddon");
const document = getDocument("onet") as unknown as {
  servers: { url: string }[];
  components: { securitySchemes: Record<string, { type: string; scheme: string; description: string }> };
};

describe("OnetSolutions seed page: activate an addon", () => {
  it("is POST …/compute/instances/{id}/addons/activate on api.onetsolutions.net with Bearer auth", () => {
    expect(activate.method).toBe("post");
    expect(activate.path).toBe("/v1/organizations/{organization_id}/projects/{project_id}/compute/instances/{id}/addons/activate");
    expect(activate.object.summary).toBe("[Instances] Activate an addon for a compute instance");
    expect(document.servers[0]!.url).toBe("https://api.onetsolutions.net");
    const scheme = Object.values(document.components.securitySchemes)[0]!;
    expect(scheme).toMatchObject({ type: "http", scheme: "bearer" });
    expect(scheme.description).toContain("Token can be a JWT token or an API key (format: sk-onetsolutions-...)");
  });

  it("has the three documented path parameters", () => {
    const byName = Object.fromEntries(activate.parameters.filter((parameter) => parameter.in === "path").map((parameter) => [parameter.name, parameter]));
    expect(byName.id).toMatchObject({ required: true, schema: { type: "string", format: "uuid" }, description: "A UUID string identifying this Instance." });
    expect(byName.organization_id).toMatchObject({
      required: true,
      schema: { type: "string" },
      description: "Unique identifier of the organization that owns the resource.",
    });
    expect(byName.organization_id!.schema!.format).toBeUndefined();
    expect(byName.project_id).toMatchObject({
      required: true,
      schema: { type: "string" },
      description: "Unique identifier of the project containing the resource.",
    });
    expect(byName.project_id!.schema!.format).toBeUndefined();
  });

  it("takes addon_id (uuid, required) and billing_cycle (six values, default monthly)", () => {
    const schema = activate.object.requestBody!.content["application/json"]!.schema!;
    const properties = schema.properties as Record<string, JsonSchema>;
    expect(schema.required).toEqual(["addon_id"]);
    expect(properties.addon_id).toMatchObject({ type: "string", format: "uuid" });
    expect(properties.billing_cycle).toMatchObject({
      type: "string",
      default: "monthly",
      enum: ["monthly", "quarterly", "semi_annually", "annually", "biennially", "triennially"],
    });
  });

  it("answers the documented order: every field required, with its type, nullability and pattern", () => {
    const success = activate.statuses.find((status) => status.startsWith("2"))!;
    const response = activate.object.responses[success]!;
    expect(response.description).toContain("Addon activation order created successfully");
    const schema = response.content!["application/json"]!.schema!;
    const properties = schema.properties as Record<string, JsonSchema>;
    expect((schema.required as string[]).sort()).toEqual([
      "amount_due",
      "credit_applied",
      "invoice_id",
      "invoice_payment_url",
      "legacy_order_id",
      "order_id",
      "status",
      "total",
    ]);
    expect(properties.order_id).toMatchObject({ type: ["string", "null"], format: "uuid" });
    expect(properties.legacy_order_id!.type).toBe("integer");
    expect(properties.invoice_id!.type).toEqual(["integer", "null"]);
    for (const field of ["total", "amount_due", "credit_applied"]) expect(properties[field], field).toMatchObject({ type: "string", pattern: DECIMAL });
    expect(properties.status!.type).toBe("string");
    expect(properties.invoice_payment_url!.type).toEqual(["string", "null"]);
  });
});
