// Each vendor entry exports the spec's component schemas under their own names (generated into
// generated/<api>/names.ts), and compiler errors about a request body print the schema's name.
// `npm run typecheck` checks the expectTypeOf part; the rest runs the compiler on generated sources.
import { readFileSync } from "node:fs";
import { describe, expect, expectTypeOf, it } from "vitest";
import type {
  CloudPlansComponents,
  CreatePlanRequest,
  PlanDetail,
  BillingUpdateRequest as CloudPlansBillingUpdateRequest,
} from "../../src/cloudplans/index.js";
import type { ApiError, Addon, CommetComponents, CommetOperations, CreateAddonRequest, Customer, Subscription } from "../../src/commet/index.js";
import type { OnetComponents, ValidationError, WebHosting, WebHostingOrderRequest } from "../../src/onet/index.js";
import type { ApiError as ApiErrorClass, ValidationError as ValidationErrorClass } from "../../src/core/index.js";
import type { BillingUpdateRequest as BillingUpdateCall } from "../../src/cloudplans/billing.js";
import { compile } from "../helpers/compile.js";

type CommetSchemas = CommetComponents["schemas"];

describe("named schema types", () => {
  it("are the spec's schemas", () => {
    expectTypeOf<Addon>().toEqualTypeOf<CommetSchemas["Addon"]>();
    expectTypeOf<Customer>().toEqualTypeOf<CommetSchemas["Customer"]>();
    expectTypeOf<Subscription>().toEqualTypeOf<CommetSchemas["Subscription"]>();
    expectTypeOf<CreateAddonRequest>().toEqualTypeOf<CommetSchemas["CreateAddonRequest"]>();
    expectTypeOf<CommetOperations["createAddon"]["requestBody"]>().toEqualTypeOf<{ content: { "application/json": CreateAddonRequest } }>();
    expectTypeOf<WebHosting>().toEqualTypeOf<OnetComponents["schemas"]["WebHosting"]>();
    expectTypeOf<WebHostingOrderRequest>().toEqualTypeOf<OnetComponents["schemas"]["WebHostingOrderRequest"]>();
    expectTypeOf<PlanDetail>().toEqualTypeOf<CloudPlansComponents["schemas"]["PlanDetail"]>();
    expectTypeOf<CreatePlanRequest>().toEqualTypeOf<CloudPlansComponents["schemas"]["CreatePlanRequest"]>();
  });

  it("check a value written against them", () => {
    const good: CreateAddonRequest = { name: "Priority support", basePrice: 2900, featureId: "priority_support", consumptionModel: "boolean" };
    // @ts-expect-error basePrice is a number of cents
    const wrong: CreateAddonRequest = { ...good, basePrice: "29.00" };
    // @ts-expect-error consumptionModel is one of the spec's values
    const unknown: CreateAddonRequest = { ...good, consumptionModel: "seats" };
    expectTypeOf([good, wrong, unknown]).toBeArray();
  });

  it("leave a name that is also the library's own export to the library", () => {
    // Commet's ApiError schema and OnetSolutions' ValidationError schema stay reachable through components.
    expectTypeOf<ApiError>().toEqualTypeOf<ApiErrorClass>();
    expectTypeOf<ValidationError>().toEqualTypeOf<ValidationErrorClass>();
    expectTypeOf<CloudPlansBillingUpdateRequest>().toEqualTypeOf<BillingUpdateCall>();
  });
});

// The schemas whose names the library's own exports keep (see each src/<vendor>/index.ts).
const LIBRARY_NAMES: Record<string, readonly string[]> = { commet: ["ApiError"], onet: ["ValidationError"], cloudplans: ["BillingUpdateRequest"] };
const COMPONENTS: Record<string, string> = { commet: "CommetComponents", onet: "OnetComponents", cloudplans: "CloudPlansComponents" };

function schemaNames(api: string): string[] {
  const spec = JSON.parse(readFileSync(new URL(`../../generated/${api}/openapi.json`, import.meta.url), "utf8")) as {
    components: { schemas: Record<string, unknown> };
  };
  return Object.keys(spec.components.schemas);
}

/** A source importing every schema of `api` by name from its entry, each checked equal to components["schemas"][name]. */
function everySchema(api: string): string {
  const names = schemaNames(api).filter((name) => !LIBRARY_NAMES[api]!.includes(name));
  return [
    `import type { ${COMPONENTS[api]}, ${names.join(", ")} } from "../src/${api}/index.js";`,
    "type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;",
    `export const same: [${names.map((name) => `Same<${name}, ${COMPONENTS[api]}["schemas"]["${name}"]>`).join(", ")}] = [${names.map(() => "true").join(", ")}];`,
  ].join("\n");
}

describe("the compiler", () => {
  const messages = compile({
    "every-commet-schema.ts": everySchema("commet"),
    "every-onet-schema.ts": everySchema("onet"),
    "every-cloudplans-schema.ts": everySchema("cloudplans"),
    "wrong-bodies.ts": `
      import { createCommetClient } from "../src/commet/index.js";
      import { createOnetClient } from "../src/onet/index.js";
      import { createCloudPlansClient } from "../src/cloudplans/index.js";
      const commet = createCommetClient({ apiKey: "ck_x" });
      const onet = createOnetClient({ token: "t" });
      const cloudplans = createCloudPlansClient({ token: "t", baseUrl: "https://cloudplans.test" });
      void commet.POST("/addons", { body: { name: "x", basePrice: 10, featureId: "sso", consumptionModel: "boolean", colour: "red" } });
      const path = { organization_id: "o", project_id: "p" };
      void onet.POST("/v1/organizations/{organization_id}/projects/{project_id}/hosting/order", { params: { path }, body: { plan_id: "p", domain_source: "register", domain_name: "x.fr", billing_cycle: "monthly", coupon: "X" } });
      void cloudplans.POST("/v1/organizations/plans/create", { body: { org_id: "o", name: "n", colour: "red" } });
    `,
  });

  it("finds every schema of each spec under its own name in the vendor's entry", () => {
    expect(messages["every-commet-schema.ts"]).toEqual([]);
    expect(messages["every-onet-schema.ts"]).toEqual([]);
    expect(messages["every-cloudplans-schema.ts"]).toEqual([]);
    // Not vacuous: the specs have schemas, and the checks cover all but the library's own names.
    expect(schemaNames("commet")).toEqual(expect.arrayContaining(["Addon", "Customer", "Subscription", "CreateAddonRequest"]));
  });

  it("names the body's schema in an error, rather than spelling out its structure", () => {
    const [commet, onet, cloudplans, ...rest] = messages["wrong-bodies.ts"]!;
    expect(rest).toEqual([]);
    expect(commet).toContain("'colour' does not exist in type 'CreateAddonRequest'");
    expect(onet).toContain("'coupon' does not exist in type 'WebHostingOrderRequest'");
    expect(cloudplans).toContain("'colour' does not exist in type 'CreatePlanRequest'");
  });
});
