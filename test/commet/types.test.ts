// The client's types come from the spec: wrong bodies, paths and path parameters do not compile.
// `npm run typecheck` checks this file; an unused @ts-expect-error is itself an error there.
import { describe, expectTypeOf, it } from "vitest";
import { createCommetClient, type Addon, type Subscription } from "../../src/commet/index.js";

describe("Commet client types", () => {
  const client = createCommetClient({ apiKey: "ck_sandbox_types", fetch: async () => Response.json({}) });

  it("types responses from the spec", () => {
    const call = () => client.GET("/addons/{id}", { params: { path: { id: "priority-support" } } });
    type Result = Awaited<ReturnType<typeof call>>;
    expectTypeOf<NonNullable<Result["data"]>["data"]>().toEqualTypeOf<Addon>();
    expectTypeOf<Addon["consumptionModel"]>().toEqualTypeOf<"boolean" | "metered" | "credits" | "balance">();
    expectTypeOf<Addon["includedUnits"]>().toEqualTypeOf<number | null>();
    expectTypeOf<NonNullable<Result["error"]>["error"]["code"]>().toEqualTypeOf<string>();
  });

  it("rejects wrong bodies, paths and missing path parameters at compile time", () => {
    // Each call is built but never awaited: only its type matters here.
    const calls = [
      // @ts-expect-error basePrice must be a number
      () => client.POST("/addons", { body: { name: "x", basePrice: "10", featureId: "sso", consumptionModel: "boolean" } }),
      // @ts-expect-error consumptionModel is an enum
      () => client.POST("/addons", { body: { name: "x", basePrice: 10, featureId: "sso", consumptionModel: "seats" } }),
      // @ts-expect-error name is required
      () => client.POST("/addons", { body: { basePrice: 10, featureId: "sso", consumptionModel: "boolean" } }),
      // @ts-expect-error no such path
      () => client.GET("/add-ons"),
      // @ts-expect-error the path needs its id parameter
      () => client.GET("/addons/{id}", {}),
      // @ts-expect-error deactivation needs addonId as well as id
      () => client.DELETE("/subscriptions/{id}/addons/{addonId}", { params: { path: { id: "sub_1" } } }),
      // @ts-expect-error add-ons are updated with PUT, not PATCH
      () => client.PATCH("/addons/{id}", { params: { path: { id: "a" } }, body: {} }),
    ];
    expectTypeOf(calls).toBeArray();
  });

  it("types the features, customers and subscriptions an add-on flow relies on", () => {
    const active = () => client.GET("/subscriptions/active", { params: { query: { customerId: "user_123" } } });
    // Documented: "Returns null if none", a success.
    expectTypeOf<NonNullable<Awaited<ReturnType<typeof active>>["data"]>["data"]>().toEqualTypeOf<Subscription | null>();
    expectTypeOf<Subscription["status"]>().toEqualTypeOf<"draft" | "pending_payment" | "trialing" | "active" | "past_due" | "canceled">();
    expectTypeOf<Subscription["consumptionModel"]>().toEqualTypeOf<"metered" | "credits" | "balance" | null>();
    const calls = [
      // @ts-expect-error a feature's type is boolean, usage, seats or quota
      () => client.POST("/features/manage", { body: { name: "x", code: "x", type: "metered" } }),
      // @ts-expect-error features are managed under /features/{code}/manage
      () => client.DELETE("/features/{code}", { params: { path: { code: "x" } } }),
      // @ts-expect-error a customer needs an email
      () => client.POST("/customers", { body: { externalId: "user_1" } }),
      // @ts-expect-error getActiveSubscription requires customerId
      () => client.GET("/subscriptions/active", { params: { query: {} } }),
    ];
    expectTypeOf(calls).toBeArray();
  });
});

describe("a Commet client made with throwOnError: true", () => {
  const client = createCommetClient({ apiKey: "ck_sandbox_types", throwOnError: true, fetch: async () => Response.json({}) });

  it("resolves to the success branch only: data is there, error is not", () => {
    const call = () => client.GET("/addons/{id}", { params: { path: { id: "priority-support" } } });
    type Result = Awaited<ReturnType<typeof call>>;
    expectTypeOf<Result["data"]["data"]>().toEqualTypeOf<Addon>();
    expectTypeOf<Result["error"]>().toEqualTypeOf<undefined>();
    // @ts-expect-error the path still needs its id
    const wrong = () => client.GET("/addons/{id}", {});
    expectTypeOf(wrong).toBeFunction();
  });
});
