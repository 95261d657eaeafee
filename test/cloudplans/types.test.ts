// The client's types come from the spec: `action` is optional where a path has one, required and
// typed where it has several, and each billing action takes and returns its own shapes.
// `npm run typecheck` checks this file; an unused @ts-expect-error is itself an error there.
import { describe, expectTypeOf, it } from "vitest";
import { createCloudPlansClient, type CloudPlansComponents } from "../../src/cloudplans/index.js";

type Schemas = CloudPlansComponents["schemas"];

describe("Cloud Plans client types", () => {
  const client = createCloudPlansClient({ token: "cp-types", baseUrl: "https://cloudplans.test", fetch: async () => Response.json({ status: 200 }) });

  it("types responses from the spec", () => {
    const call = () => client.GET("/v1/organizations/plans/describe", { params: { query: { org_id: "org-acme", plan_id: "plan-office-hours" } } });
    type Result = Awaited<ReturnType<typeof call>>;
    expectTypeOf<NonNullable<Result["data"]>["plan"]>().toEqualTypeOf<Schemas["PlanDetail"]>();
    expectTypeOf<NonNullable<Result["error"]>>().toEqualTypeOf<Schemas["ErrorResponse"]>();
  });

  it("types each billing action's 200 body", () => {
    const link = () => client.billingUpdate({ action: "getupdatecardlink", org_id: "org-acme" });
    const status = () => client.billingUpdate({ action: "updatesubscription", org_id: "org-acme", quantity: 3 });
    expectTypeOf<NonNullable<Awaited<ReturnType<typeof link>>["data"]>>().toEqualTypeOf<Schemas["BillingLinkResponse"]>();
    expectTypeOf<NonNullable<Awaited<ReturnType<typeof status>>["data"]>>().toEqualTypeOf<Schemas["StatusResponse"]>();
  });

  it("lets single-action calls leave action out, and nothing else that is required", () => {
    const calls = [
      () => client.GET("/v1/organizations/list"),
      () => client.POST("/v1/organizations/create", {}),
      () => client.GET("/v1/organizations/credentials/list", { params: { query: { org_id: "org-acme" } } }),
      // @ts-expect-error org_id stays required
      () => client.GET("/v1/organizations/credentials/list", { params: { query: {} } }),
      // @ts-expect-error an action from another path
      () => client.GET("/v1/organizations/credentials/list", { params: { query: { org_id: "org-acme", action: "list_plans" } } }),
    ];
    expectTypeOf(calls).toBeArray();
  });

  it("rejects wrong bodies and mismatched billing actions at compile time", () => {
    const calls = [
      // @ts-expect-error the billing path has four actions: the caller names one
      () => client.POST("/v1/organizations/billing/update", { body: { org_id: "org-acme" } }),
      // @ts-expect-error getpaymentlink needs a quantity
      () => client.billingUpdate({ action: "getpaymentlink", org_id: "org-acme" }),
      // @ts-expect-error updatesubscription's quantity is a number
      () => client.billingUpdate({ action: "updatesubscription", org_id: "org-acme", quantity: "10" }),
      // @ts-expect-error no such action
      () => client.billingUpdate({ action: "refund", org_id: "org-acme" }),
      // @ts-expect-error credential type is aws, azure or gcp ("gap" is the docs' typo)
      () => client.POST("/v1/organizations/credentials/create", { body: { org_id: "org-acme", type: "gap", name: "x", specific: { project: "p" } } }),
      // @ts-expect-error a user's state is active or inactive
      () => client.POST("/v1/organizations/users/add", { body: { org_id: "org-acme", user_id: "a@example.com", role: "viewer", state: "pending" } }),
    ];
    expectTypeOf(calls).toBeArray();
  });
});

describe("a Cloud Plans client made with throwOnError: true", () => {
  const client = createCloudPlansClient({
    token: "cp-types",
    baseUrl: "https://cloudplans.test",
    throwOnError: true,
    fetch: async () => Response.json({ status: 200 }),
  });

  it("resolves to the success branch only, and still fills in the action", () => {
    const call = () => client.GET("/v1/organizations/plans/list", { params: { query: { org_id: "org-acme" } } });
    type Result = Awaited<ReturnType<typeof call>>;
    expectTypeOf<Result["data"]["plans"][number]["schedule"]>().toEqualTypeOf<Schemas["PlanScheduleView"]>();
    expectTypeOf<Result["error"]>().toEqualTypeOf<undefined>();
  });
});
