// The Commet mock's usage over HTTP: events counted per billing period against the included units of
// the plan and its active add-ons, overage where the plan allows it, credits taken from the pool, the
// caller's idempotencyKey recorded once; a check that tracks nothing; setting the period's count.
import { beforeEach, describe, expect, it } from "vitest";
import { Clock, dataOf, expectError, JULY_1 } from "../helpers/commet.js";
import { access, activate, addonOn, subscribed, subscription, track, useLifecycleMock } from "../helpers/commet-lifecycle.js";

const clock = new Clock();
const { mock, client } = useLifecycleMock(clock);
beforeEach(() => {
  mock().reset();
  clock.set(JULY_1);
});

const usageOf = async (id: string, code: string) => (await subscription(client(), id)).features?.find((feature) => feature.code === code)?.usage;

describe("track usage", () => {
  it("answers the recorded event and counts it in the period, past the included units as overage", async () => {
    const pro = await subscribed(client(), "pro");
    clock.set(new Date("2026-07-05T10:00:00Z"));
    const event = dataOf(
      await client().POST("/usage/events", {
        body: {
          customerId: pro.customerId,
          feature: "api_calls",
          value: 9500,
          timestamp: "2026-07-05T09:59:00Z",
          properties: [{ property: "endpoint", value: "/v1/search" }],
        },
      }),
    );
    expect(event).toMatchObject({
      object: "usage_event",
      customerId: pro.customerId,
      feature: "api_calls",
      ts: "2026-07-05T09:59:00Z",
      createdAt: "2026-07-05T10:00:00.000Z",
    });
    expect(event.properties).toEqual([
      { id: expect.stringMatching(/^uep_/), usageEventId: event.id, property: "endpoint", value: "/v1/search", createdAt: "2026-07-05T10:00:00.000Z" },
    ]);
    dataOf(await track(client(), pro.customerId, "api_calls", 700));
    expect(await usageOf(pro.id, "api_calls")).toEqual({ current: 10200, included: 10000, overageQuantity: 200, overageUnitPrice: 2 });
  });

  it("counts 1 unit without a value, and the input and output tokens of a model call", async () => {
    const pro = await subscribed(client(), "pro");
    dataOf(await client().POST("/usage/events", { body: { customerId: pro.customerId, feature: "api_calls" } }));
    dataOf(
      await client().POST("/usage/events", { body: { customerId: pro.customerId, feature: "api_calls", model: "gpt-4o", inputTokens: 120, outputTokens: 30 } }),
    );
    expect((await usageOf(pro.id, "api_calls"))?.current).toBe(151);
  });

  it("starts each billing period from none", async () => {
    const pro = await subscribed(client(), "pro");
    dataOf(await track(client(), pro.customerId, "api_calls", 400));
    clock.set(new Date("2026-08-01T00:00:00Z"));
    expect((await usageOf(pro.id, "api_calls"))?.current).toBe(0);
    dataOf(await track(client(), pro.customerId, "api_calls", 25));
    expect((await usageOf(pro.id, "api_calls"))?.current).toBe(25);
  });

  it("counts a metered add-on's feature against the add-on's included units", async () => {
    const pro = await subscribed(client(), "pro");
    const sms = await addonOn(client(), "sms_messages", "usage", { consumptionModel: "metered", basePrice: 1500, includedUnits: 1000, overageRate: 3 });
    expect(expectError(await track(client(), pro.customerId, "sms_messages", 1), 400, "feature_not_in_plan", "billing_error").param).toBe("feature");
    await activate(client(), pro.id, sms.id);
    dataOf(await track(client(), pro.customerId, "sms_messages", 1200));
    expect(await access(client(), pro.customerId, "sms_messages")).toMatchObject({
      current: 1200,
      included: 1000,
      remaining: 0,
      overageQuantity: 200,
      overageUnitPrice: 3,
    });
  });

  it("refuses usage past the included units where overage is not allowed (free plan, trial): 400 included_limit_reached, nothing counted", async () => {
    const free = await subscribed(client(), "free");
    dataOf(await track(client(), free.customerId, "api_calls", 990));
    expect(expectError(await track(client(), free.customerId, "api_calls", 11), 400, "included_limit_reached", "billing_error").param).toBe("feature");
    expect((await usageOf(free.id, "api_calls"))?.current).toBe(990);
    dataOf(await track(client(), free.customerId, "api_calls", 10));
    const trial = await subscribed(client(), "pro", { subscription: { customTrialDays: 7 } });
    expectError(await track(client(), trial.customerId, "api_calls", 10001), 400, "included_limit_reached", "billing_error");
  });

  it("takes credits from the pool on a credits plan, and refuses what the pool cannot pay: 400 insufficient_credits", async () => {
    const team = await subscribed(client(), "team", { subscription: { skipTrial: true } });
    dataOf(await track(client(), team.customerId, "api_calls", 900));
    expect((await subscription(client(), team.id)).credits).toEqual({ remaining: 100, included: 1000, purchased: 0 });
    expectError(await track(client(), team.customerId, "api_calls", 101), 400, "insufficient_credits", "billing_error");
    expect((await subscription(client(), team.id)).credits?.remaining).toBe(100);
    // The pool is refilled each period.
    clock.set(new Date("2026-08-01T00:00:00Z"));
    expect((await subscription(client(), team.id)).credits?.remaining).toBe(1000);
  });

  it("records a caller's idempotencyKey once: the same key again is 409 duplicate and counts nothing", async () => {
    const pro = await subscribed(client(), "pro");
    const body = { customerId: pro.customerId, feature: "api_calls", value: 5, idempotencyKey: "req_7f3a91" };
    expect(dataOf(await client().POST("/usage/events", { body })).idempotencyKey).toBe("req_7f3a91");
    expect(expectError(await client().POST("/usage/events", { body }), 409, "duplicate", "conflict_error").param).toBe("idempotencyKey");
    expect((await usageOf(pro.id, "api_calls"))?.current).toBe(5);
  });

  it("replays the first answer for a repeated Idempotency-Key header instead of counting again", async () => {
    const pro = await subscribed(client(), "pro");
    const init = { params: { header: { "Idempotency-Key": "track-once" } }, body: { customerId: pro.customerId, feature: "api_calls", value: 7 } };
    const first = dataOf(await client().POST("/usage/events", init));
    expect(dataOf(await client().POST("/usage/events", init))).toEqual(first);
    expect((await usageOf(pro.id, "api_calls"))?.current).toBe(7);
  });

  it("refuses an unknown feature (404), a customer without a subscription (404 no_active_subscription) and a feature that is not a usage one (400)", async () => {
    const pro = await subscribed(client(), "pro");
    expect(expectError(await track(client(), pro.customerId, "teleports", 1), 404, "feature_not_found", "not_found_error").param).toBe("feature");
    const nobody = dataOf(await client().POST("/customers", { body: { email: "idle@example.com" } }));
    expect(expectError(await track(client(), nobody.id, "api_calls", 1), 404, "no_active_subscription", "not_found_error").param).toBe("customerId");
    expect(expectError(await track(client(), pro.customerId, "projects", 1), 400, "validation_error", "validation_error").param).toBe("feature");
    expectError(await track(client(), "cus_missing", "api_calls", 1), 404, "customer_not_found", "not_found_error");
  });
});

describe("check usage", () => {
  it("estimates a metered use without tracking it", async () => {
    const pro = await subscribed(client(), "pro");
    dataOf(await track(client(), pro.customerId, "api_calls", 9950));
    const check = dataOf(await client().POST("/usage/check", { body: { customerId: pro.customerId, featureCode: "api_calls", quantity: 100 } }));
    expect(check).toEqual({
      allowed: true,
      consumptionModel: "metered",
      feature: "api_calls",
      quantity: 100,
      current: 9950,
      remaining: 50,
      unlimited: false,
      included: 10000,
      overageEnabled: true,
      overageUnitPrice: 2,
    });
    expect((await usageOf(pro.id, "api_calls"))?.current).toBe(9950);
  });

  it("says why a use would be refused, as an answer", async () => {
    const free = await subscribed(client(), "free");
    const check = dataOf(await client().POST("/usage/check", { body: { customerId: free.customerId, featureCode: "api_calls", quantity: 1001 } }));
    expect(check).toMatchObject({
      allowed: false,
      consumptionModel: "metered",
      reason: "included_limit_reached",
      overageEnabled: false,
      overageUnitPrice: null,
    });
    expect(check.message).toContain("api_calls");
  });

  it("estimates the credits of a credits plan's use", async () => {
    const team = await subscribed(client(), "team", { subscription: { skipTrial: true } });
    const images = await addonOn(client(), "image_generation", "usage", { consumptionModel: "credits", basePrice: 1000, creditCost: 250 });
    await activate(client(), team.id, images.id);
    const check = dataOf(await client().POST("/usage/check", { body: { customerId: team.customerId, featureCode: "image_generation", quantity: 5 } }));
    expect(check).toEqual({
      allowed: false,
      consumptionModel: "credits",
      feature: "image_generation",
      quantity: 5,
      creditsPerUnit: 250,
      estimatedCredits: 1250,
      planCredits: 1000,
      purchasedCredits: 0,
      totalCredits: 1000,
      reason: "insufficient_credits",
      message: expect.any(String),
    });
  });
});

describe("set usage", () => {
  it("sets the period's count exactly and answers the adjustment", async () => {
    const pro = await subscribed(client(), "pro");
    dataOf(await track(client(), pro.customerId, "api_calls", 950));
    clock.set(new Date("2026-07-20T10:15:22Z"));
    const adjustment = dataOf(await client().PUT("/usage", { body: { customerId: pro.customerId, feature: "api_calls", value: 1200, reason: "Imported" } }));
    expect(adjustment).toEqual({
      id: adjustment.id,
      feature: "api_calls",
      value: 1200,
      previousValue: 950,
      adjustment: 250,
      customerId: pro.customerId,
      idempotencyKey: null,
      reason: "Imported",
      ts: "2026-07-20T10:15:22.000Z",
      createdAt: "2026-07-20T10:15:22.000Z",
      object: "usage_event",
      livemode: false,
    });
    expect((await usageOf(pro.id, "api_calls"))?.current).toBe(1200);
  });

  it("refuses a feature counted in credits (400), and a feature the subscription does not have (400 feature_not_in_plan)", async () => {
    const team = await subscribed(client(), "team", { subscription: { skipTrial: true } });
    expect(
      expectError(
        await client().PUT("/usage", { body: { customerId: team.customerId, feature: "api_calls", value: 1 } }),
        400,
        "validation_error",
        "validation_error",
      ).param,
    ).toBe("feature");
    await addonOn(client(), "sso", "boolean");
    expectError(await client().PUT("/usage", { body: { customerId: team.customerId, feature: "sso", value: 1 } }), 400, "feature_not_in_plan", "billing_error");
  });
});
