// The Commet mock's feature access over HTTP: a customer's plan features and, once active, the
// features of its add-ons (a boolean add-on unlocks, a metered one adds its included units, a credits
// one draws on the plan's pool); one feature's access, with action=canUse; what a customer without the
// feature or without a subscription is answered. Every answer is checked against the spec.
import { beforeEach, describe, expect, it } from "vitest";
import { Clock, dataOf, expectError, JULY_1 } from "../helpers/commet.js";
import { access, activate, addonOn, subscribed, track, useLifecycleMock } from "../helpers/commet-lifecycle.js";

const clock = new Clock();
const { mock, client } = useLifecycleMock(clock);
beforeEach(() => {
  mock().reset();
  clock.set(JULY_1);
});

const list = async (customerId: string) => dataOf(await client().GET("/feature-access", { params: { query: { customerId } } }));

describe("list feature access", () => {
  it("lists the plan's features with this period's counters", async () => {
    const pro = await subscribed(client(), "pro");
    expect(await list(pro.customerId)).toEqual([
      {
        code: "api_calls",
        name: "API calls",
        type: "usage",
        allowed: true,
        current: 0,
        included: 10000,
        remaining: 10000,
        overageQuantity: 0,
        overageUnitPrice: 2,
        unlimited: false,
        overageEnabled: true,
        object: "feature",
        livemode: false,
      },
      {
        code: "projects",
        name: "Projects",
        type: "quota",
        allowed: true,
        current: 0,
        included: 5,
        remaining: 5,
        overageQuantity: 0,
        overageUnitPrice: 500,
        unlimited: false,
        overageEnabled: true,
        billedQuantity: 0,
        object: "feature",
        livemode: false,
      },
    ]);
  });

  it("adds an active add-on's feature after the plan's: a boolean add-on unlocks it", async () => {
    const pro = await subscribed(client(), "pro", { externalId: "user_123" });
    const sso = await addonOn(client(), "sso", "boolean");
    expect((await list("user_123")).map((feature) => feature.code)).toEqual(["api_calls", "projects"]);
    expect(await access(client(), "user_123", "sso")).toEqual({ allowed: false, reason: "feature_not_in_plan", object: "feature", livemode: false });
    await activate(client(), pro.id, sso.id);
    const features = await list("user_123");
    expect(features.map((feature) => feature.code)).toEqual(["api_calls", "projects", "sso"]);
    expect(features[2]).toEqual({ code: "sso", name: "Feature sso", type: "boolean", allowed: true, enabled: true, object: "feature", livemode: false });
    // The docs' example: { allowed: true, type: 'boolean', enabled: true }.
    expect(await access(client(), "user_123", "sso")).toMatchObject({ allowed: true, type: "boolean", enabled: true });
  });

  it("extends a metered feature by a metered add-on's included units, with the add-on's overage rate", async () => {
    const pro = await subscribed(client(), "pro");
    const sms = await addonOn(client(), "sms_messages", "usage", { consumptionModel: "metered", basePrice: 1500, includedUnits: 1000, overageRate: 3 });
    await activate(client(), pro.id, sms.id);
    expect(await access(client(), pro.customerId, "sms_messages")).toMatchObject({
      allowed: true,
      current: 0,
      included: 1000,
      remaining: 1000,
      overageUnitPrice: 3,
      overageEnabled: true,
    });
  });

  it("adds a metered add-on's units to those of the plan feature it is on", async () => {
    const pro = await subscribed(client(), "pro");
    const extra = dataOf(
      await client().POST("/addons", {
        body: { name: "More calls", basePrice: 1000, featureId: "api_calls", consumptionModel: "metered", includedUnits: 5000, overageRate: 1 },
      }),
    );
    await activate(client(), pro.id, extra.id);
    // The plan's overage price stays the feature's.
    expect(await access(client(), pro.customerId, "api_calls")).toMatchObject({ included: 15000, remaining: 15000, overageUnitPrice: 2 });
  });

  it("makes a credits add-on's feature usable from the plan's credit pool, blocked when the pool runs out", async () => {
    const team = await subscribed(client(), "team", { subscription: { skipTrial: true } });
    const images = await addonOn(client(), "image_generation", "usage", { consumptionModel: "credits", basePrice: 1000, creditCost: 250 });
    await activate(client(), team.id, images.id);
    // 1000 credits in the pool, 250 a unit: four units left.
    expect(await access(client(), team.customerId, "image_generation")).toMatchObject({ allowed: true, remaining: 4, current: 0 });
    dataOf(await track(client(), team.customerId, "image_generation", 4));
    expect(await access(client(), team.customerId, "image_generation")).toMatchObject({
      allowed: false,
      remaining: 0,
      current: 4,
      reason: "insufficient_credits",
    });
    // The pool is shared: the plan's own credits feature is blocked too.
    expect(await access(client(), team.customerId, "api_calls")).toMatchObject({ allowed: false, remaining: 0 });
  });

  it("drops a deactivated add-on's feature at once", async () => {
    const pro = await subscribed(client(), "pro");
    const sso = await addonOn(client(), "sso", "boolean");
    await activate(client(), pro.id, sso.id);
    dataOf(await client().DELETE("/subscriptions/{id}/addons/{addonId}", { params: { path: { id: pro.id, addonId: sso.id } } }));
    expect((await list(pro.customerId)).map((feature) => feature.code)).toEqual(["api_calls", "projects"]);
    expect((await access(client(), pro.customerId, "sso")).allowed).toBe(false);
  });
});

describe("get feature access", () => {
  it("with action=canUse says whether one more unit fits and whether it would be billed", async () => {
    const pro = await subscribed(client(), "pro");
    const before = await access(client(), pro.customerId, "api_calls", "canUse");
    expect(before).toMatchObject({ allowed: true, willBeCharged: false, remaining: 10000 });
    dataOf(await client().PUT("/usage", { body: { customerId: pro.customerId, feature: "api_calls", value: 10000 } }));
    expect(await access(client(), pro.customerId, "api_calls", "canUse")).toMatchObject({ allowed: true, willBeCharged: true, remaining: 0 });
    // Without the action, no willBeCharged.
    expect(await access(client(), pro.customerId, "api_calls")).not.toHaveProperty("willBeCharged");
  });

  it("blocks a free plan at its included units: no overage there", async () => {
    const free = await subscribed(client(), "free");
    dataOf(await client().PUT("/usage", { body: { customerId: free.customerId, feature: "api_calls", value: 1000 } }));
    expect(await access(client(), free.customerId, "api_calls", "canUse")).toMatchObject({
      allowed: false,
      willBeCharged: false,
      remaining: 0,
      overageEnabled: false,
      reason: "included_limit_reached",
    });
  });

  it("blocks overage during a trial (documented), and allows it once the trial converts", async () => {
    const trial = await subscribed(client(), "pro", { subscription: { customTrialDays: 7 } });
    expect(await access(client(), trial.customerId, "api_calls")).toMatchObject({ overageEnabled: false });
    clock.set(new Date("2026-07-08T00:00:00Z"));
    expect(await access(client(), trial.customerId, "api_calls")).toMatchObject({ overageEnabled: true });
  });

  it("answers allowed: false with a reason for a customer without a subscription, and [] as the list", async () => {
    const customer = dataOf(await client().POST("/customers", { body: { email: "nosub@example.com" } }));
    expect(await access(client(), customer.id, "api_calls")).toEqual({ allowed: false, reason: "no_active_subscription", object: "feature", livemode: false });
    expect(await list(customer.id)).toEqual([]);
  });

  it("refuses an unknown feature (404 feature_not_found), an unknown customer (404) and another action (400)", async () => {
    const pro = await subscribed(client(), "pro");
    const get = (code: string, customerId: string, action?: string) =>
      client().GET("/feature-access/{code}", { params: { path: { code }, query: { customerId, ...(action ? { action: action as "canUse" } : {}) } } });
    expect(expectError(await get("teleport", pro.customerId), 404, "feature_not_found", "not_found_error").param).toBe("code");
    expect(expectError(await get("api_calls", "nobody"), 404, "customer_not_found", "not_found_error").param).toBe("customerId");
    expect(expectError(await get("api_calls", pro.customerId, "canDelete"), 400, "validation_error", "validation_error").param).toBe("action");
    expectError(await client().GET("/feature-access", { params: { query: { customerId: "nobody" } } }), 404, "customer_not_found", "not_found_error");
  });
});
