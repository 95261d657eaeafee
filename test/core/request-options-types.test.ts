// A call's init is its route's params and body plus RequestPolicyOptions, and nothing else, on all
// three clients and their throwOnError variants: a misspelt or mistyped option does not compile.
// `npm run typecheck` checks this file; an unused @ts-expect-error is itself an error there.
import { describe, expectTypeOf, it } from "vitest";
import { createCloudPlansClient, type CloudPlansComponents } from "../../src/cloudplans/index.js";
import { createCommetClient, type RequestPolicyOptions } from "../../src/commet/index.js";
import { createOnetClient } from "../../src/onet/index.js";

const fetch = async () => Response.json({});
const commet = createCommetClient({ apiKey: "ck_sandbox_types", fetch });
const onet = createOnetClient({ token: "sk-onetsolutions-types", fetch });
const cloudplans = createCloudPlansClient({ token: "cp-types", baseUrl: "https://cloudplans.test", fetch });
const path = { organization_id: "e6af4f6e-1606-468e-9092-3f740a445140", project_id: "38fa341f-422e-4ee3-b79b-454c5b2ca9b5" };
const order = { plan_id: "f153350a-ece8-4101-8462-df5e1bd1c25e", domain_source: "register", domain_name: "maison-verte.fr", billing_cycle: "monthly" } as const;

describe("per-request options", () => {
  it("accept every RequestPolicyOptions next to params and body", () => {
    const policy: Required<RequestPolicyOptions> = {
      retries: { limit: 1, statuses: [503] },
      timeoutMs: 5_000,
      maxResponseBytes: 1024,
      signal: AbortSignal.timeout(10_000),
      headers: { "x-trace-id": "t-1" },
    };
    const calls = [
      () => commet.GET("/addons", { params: { query: { limit: 10 } }, ...policy }),
      () => commet.GET("/addons", { retries: 0 }),
      () =>
        commet.POST("/addons", {
          body: { name: "x", basePrice: 10, featureId: "sso", consumptionModel: "boolean" },
          headers: { "Idempotency-Key": "order-42" },
        }),
      () => commet.request("get", "/addons/{id}", { params: { path: { id: "a" } }, timeoutMs: 1_000 }),
      () => onet.POST("/v1/organizations/{organization_id}/projects/{project_id}/hosting/order", { params: { path }, body: order, timeoutMs: 30_000 }),
      () => cloudplans.GET("/v1/organizations/list", { retries: 3, signal: policy.signal }),
      () => cloudplans.billingUpdate({ action: "cancelsubscription", org_id: "org-acme" }, { timeoutMs: 10_000, headers: { "x-trace-id": "t-2" } }),
    ];
    expectTypeOf(calls).toBeArray();
  });

  it("refuse a key that is neither the route's nor a policy option", () => {
    const calls = [
      // @ts-expect-error timout is a typo of timeoutMs
      () => commet.GET("/addons", { timout: 5000 }),
      // @ts-expect-error openapi-fetch's own options (here parseAs) are not part of the typed init
      () => commet.GET("/addons", { parseAs: "text" }),
      // @ts-expect-error a RequestInit field that openapi-fetch would pass on (credentials) is refused too
      () => commet.GET("/addons", { credentials: "include" }),
      // @ts-expect-error a misspelt query parameter, one level down
      () => commet.GET("/addons", { params: { query: { limt: 5 } } }),
      // @ts-expect-error a body on a route that takes none
      () => commet.GET("/addons", { body: {} }),
      // @ts-expect-error retry is not retries
      () => onet.GET("/v1/organizations", { retry: 2 }),
      // @ts-expect-error the same on a path with path parameters
      () => onet.POST("/v1/organizations/{organization_id}/projects/{project_id}/hosting/order", { params: { path }, body: order, timeOut: 1 }),
      // @ts-expect-error and through request()
      () => commet.request("get", "/addons", { timout: 5000 }),
      // @ts-expect-error and on billingUpdate's init
      () => cloudplans.billingUpdate({ action: "cancelsubscription", org_id: "org-acme" }, { timout: 1 }),
    ];
    expectTypeOf(calls).toBeArray();
  });

  it("refuse a policy option of the wrong type", () => {
    const calls = [
      // @ts-expect-error retries is a number or a partial RetryPolicy
      () => commet.GET("/addons", { retries: "many" }),
      // @ts-expect-error timeoutMs is a number of milliseconds
      () => commet.GET("/addons", { timeoutMs: "5s" }),
      // @ts-expect-error a RetryPolicy field with the wrong type
      () => commet.GET("/addons", { retries: { limit: "2" } }),
      // @ts-expect-error maxResponseBytes is a number
      () => cloudplans.GET("/v1/organizations/list", { maxResponseBytes: "1MB" }),
      // @ts-expect-error signal is an AbortSignal
      () => onet.GET("/v1/organizations", { signal: "abort" }),
    ];
    expectTypeOf(calls).toBeArray();
  });
});

describe("throwOnError clients", () => {
  const throwing = {
    commet: createCommetClient({ apiKey: "ck_sandbox_types", throwOnError: true, fetch }),
    cloudplans: createCloudPlansClient({ token: "cp-types", baseUrl: "https://cloudplans.test", throwOnError: true, fetch }),
  };

  it("check the init as strictly", () => {
    const calls = [
      () => throwing.commet.GET("/addons", { timeoutMs: 1_000 }),
      // @ts-expect-error timout is a typo of timeoutMs
      () => throwing.commet.GET("/addons", { timout: 5000 }),
      // @ts-expect-error retries is a number or a partial RetryPolicy
      () => throwing.cloudplans.GET("/v1/organizations/list", { retries: "many" }),
    ];
    expectTypeOf(calls).toBeArray();
  });

  it("resolve billingUpdate to its success branch, with the action's own data", () => {
    type Schemas = CloudPlansComponents["schemas"];
    const link = () => throwing.cloudplans.billingUpdate({ action: "getpaymentlink", org_id: "org-acme", quantity: 2 });
    const status = () => throwing.cloudplans.billingUpdate({ action: "updatesubscription", org_id: "org-acme", quantity: 3 }, { timeoutMs: 5_000 });
    expectTypeOf<Awaited<ReturnType<typeof link>>["data"]>().toEqualTypeOf<Schemas["BillingLinkResponse"]>();
    expectTypeOf<Awaited<ReturnType<typeof link>>["error"]>().toEqualTypeOf<undefined>();
    expectTypeOf<Awaited<ReturnType<typeof status>>["data"]>().toEqualTypeOf<Schemas["StatusResponse"]>();
    // The plain client still has both branches.
    const plain = () => cloudplans.billingUpdate({ action: "getpaymentlink", org_id: "org-acme", quantity: 2 });
    expectTypeOf<Awaited<ReturnType<typeof plain>>["data"]>().toEqualTypeOf<Schemas["BillingLinkResponse"] | undefined>();
  });
});

describe("client types", () => {
  it("relate by their declared variance: a throwing client is a client of the same API, not the reverse, and an OnetSolutions client is no Commet client", () => {
    const throwing = createCommetClient({ apiKey: "ck_sandbox_types", fetch, throwOnError: true });
    expectTypeOf(throwing).toMatchTypeOf<typeof commet | typeof throwing>();
    // @ts-expect-error: a plain client's calls may resolve to the error branch
    const asThrowing: typeof throwing = commet;
    // @ts-expect-error: an OnetSolutions client is not a Commet client
    const asCommet: typeof commet = onet;
    expectTypeOf([asThrowing, asCommet]).not.toBeNever();
  });
});
