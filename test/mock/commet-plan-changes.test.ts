// The Commet mock's plan changes over HTTP, on the mock's clock: an upgrade (or a longer interval) is
// prorated as the knowledge base says, in integer cents, and restarts the cycle; a downgrade (or a
// shorter interval, or any paid-to-free change) waits for the period's end; free to paid goes through a
// checkout. Add-ons the new plan cannot take stop when the change takes effect.
import { beforeEach, describe, expect, it } from "vitest";
import { Clock, dataOf, expectError, JULY_1 } from "../helpers/commet.js";
import { access, activate, addonOn, PLAN_IDS, subscribed, subscription, track, useLifecycleMock } from "../helpers/commet-lifecycle.js";

const clock = new Clock();
const { mock, client } = useLifecycleMock(clock);
beforeEach(() => {
  mock().reset();
  clock.set(JULY_1);
});

type Body = { newPlanId?: string; newBillingInterval?: "weekly" | "monthly" | "quarterly" | "yearly" };
const change = (id: string, body: Body) => client().POST("/subscriptions/{id}/change-plan", { params: { path: { id } }, body: body as { newPlanId: string } });
const preview = (id: string, planId: string, billingInterval?: "monthly" | "yearly" | "one_time") =>
  client().POST("/subscriptions/{id}/preview-change", { params: { path: { id } }, body: { planId, ...(billingInterval ? { billingInterval } : {}) } });
/** July 17: 15 whole days left of the 31 of July's period. */
const JULY_17 = new Date("2026-07-17T00:00:00Z");

describe("an immediate change (upgrade)", () => {
  it("previews the proration: the unused days of the old price credited, the new plan's full price charged", async () => {
    const pro = await subscribed(client(), "pro");
    clock.set(JULY_17);
    expect(dataOf(await preview(pro.id, PLAN_IDS.team))).toEqual({
      currency: "usd",
      // round(4900 × 15 / 31) = round(2370.97)
      currentPlanCredit: 2371,
      newPlanCharge: 9900,
      estimatedTotal: 7529,
      effectiveDate: "2026-07-17T00:00:00.000Z",
      daysRemaining: 15,
      totalDays: 31,
      isUpgrade: true,
      object: "subscription",
      livemode: false,
    });
    // A preview changes nothing.
    expect((await subscription(client(), pro.id)).plan.name).toBe("Pro");
  });

  it("charges what the preview said plus the period's metered overage, and restarts the cycle from today", async () => {
    const pro = await subscribed(client(), "pro");
    dataOf(await track(client(), pro.customerId, "api_calls", 10200));
    clock.set(JULY_17);
    const applied = dataOf(await change(pro.id, { newPlanId: PLAN_IDS.team }));
    expect(applied).toEqual({
      id: pro.id,
      customerId: pro.customerId,
      scheduled: false,
      previousPlan: { id: PLAN_IDS.pro, name: "Pro" },
      currentPlan: { id: PLAN_IDS.team, name: "Team", price: 9900 },
      billingInterval: "monthly",
      // 200 calls of overage at 2 cents are billed on the same invoice.
      billing: { credit: 2371, creditsApplied: 0, charge: 10300, taxAmount: 0, netAmount: 7929, totalCharged: 7929, remainingCreditBalance: 0 },
      invoiceId: expect.stringMatching(/^inv_/),
      object: "subscription",
      livemode: false,
    });
    expect(await subscription(client(), pro.id)).toMatchObject({
      plan: { id: PLAN_IDS.team, name: "Team", basePrice: 9900 },
      name: "Team",
      consumptionModel: "credits",
      currentPeriod: { start: "2026-07-17T00:00:00.000Z", end: "2026-08-17T00:00:00.000Z", daysRemaining: 31 },
      credits: { remaining: 1000, included: 1000, purchased: 0 },
    });
    // The usage was billed: the new cycle counts from none.
    expect((await access(client(), pro.customerId, "api_calls")).current).toBe(0);
  });

  it("moves to a longer interval at once: monthly to yearly", async () => {
    const pro = await subscribed(client(), "pro");
    clock.set(JULY_17);
    expect(dataOf(await preview(pro.id, PLAN_IDS.pro, "yearly"))).toMatchObject({ currentPlanCredit: 2371, newPlanCharge: 49000, estimatedTotal: 46629 });
    expect(dataOf(await change(pro.id, { newBillingInterval: "yearly" }))).toMatchObject({
      scheduled: false,
      billingInterval: "yearly",
      billing: { netAmount: 46629 },
    });
    expect((await subscription(client(), pro.id)).currentPeriod).toMatchObject({ start: "2026-07-17T00:00:00.000Z", end: "2027-07-17T00:00:00.000Z" });
  });

  it("keeps boolean add-ons and stops those whose model the new plan does not take", async () => {
    const pro = await subscribed(client(), "pro");
    const sso = await addonOn(client(), "sso", "boolean");
    const sms = await addonOn(client(), "sms_messages", "usage", { consumptionModel: "metered", basePrice: 1500, includedUnits: 1000, overageRate: 3 });
    await activate(client(), pro.id, sso.id);
    await activate(client(), pro.id, sms.id);
    dataOf(await change(pro.id, { newPlanId: PLAN_IDS.team }));
    const active = dataOf(await client().GET("/active-addons", { params: { query: { customerId: pro.customerId } } }));
    expect(active.map((addon) => addon.featureCode)).toEqual(["sso"]);
    expect((await access(client(), pro.customerId, "sms_messages")).reason).toBe("feature_not_in_plan");
  });

  it("changes nothing when the charge fails: 402 charge_failed, or 409 no_payment_method", async () => {
    for (const [method, status, code] of [
      ["card_declined", 402, "charge_failed"],
      ["none", 409, "no_payment_method"],
    ] as const) {
      const pro = await subscribed(client(), "pro");
      dataOf(await client().PUT("/customers/{id}", { params: { path: { id: pro.customerId } }, body: { metadata: { mock_payment_method: method } } }));
      expectError(await change(pro.id, { newPlanId: PLAN_IDS.team }), status, code, status === 402 ? "billing_error" : "conflict_error");
      expect((await subscription(client(), pro.id)).plan.id).toBe(PLAN_IDS.pro);
    }
  });

  it("charges nothing in a trial: the plan changes for the rest of the trial", async () => {
    const trial = await subscribed(client(), "pro", { subscription: { customTrialDays: 14 } });
    clock.set(new Date("2026-07-05T00:00:00Z"));
    expect(dataOf(await preview(trial.id, PLAN_IDS.team))).toMatchObject({ currentPlanCredit: 0, newPlanCharge: 0, estimatedTotal: 0 });
    expect(dataOf(await change(trial.id, { newPlanId: PLAN_IDS.team })).billing).toMatchObject({ credit: 0, charge: 0, netAmount: 0 });
    expect(await subscription(client(), trial.id)).toMatchObject({
      status: "trialing",
      plan: { name: "Team" },
      currentPeriod: { end: "2026-07-15T00:00:00.000Z" },
    });
  });

  it("replays a repeated Idempotency-Key instead of charging twice", async () => {
    const pro = await subscribed(client(), "pro");
    const init = { params: { path: { id: pro.id }, header: { "Idempotency-Key": "upgrade-once" } }, body: { newPlanId: PLAN_IDS.team } };
    const first = dataOf(await client().POST("/subscriptions/{id}/change-plan", init));
    expect(dataOf(await client().POST("/subscriptions/{id}/change-plan", init))).toEqual(first);
  });
});

describe("a scheduled change (downgrade)", () => {
  it("waits for the period's end, shows as scheduledPlanChange, and then applies and charges the new plan", async () => {
    const team = await subscribed(client(), "team", { subscription: { skipTrial: true } });
    clock.set(JULY_17);
    expectError(await preview(team.id, PLAN_IDS.pro), 400, "plan_change_scheduled", "validation_error");
    expect(dataOf(await change(team.id, { newPlanId: PLAN_IDS.pro }))).toEqual({
      id: team.id,
      customerId: team.customerId,
      scheduled: true,
      scheduledFor: "2026-08-01T00:00:00.000Z",
      changeType: "subscription.plan_downgrade",
      newPlanId: PLAN_IDS.pro,
      newPlanName: "Pro",
      newBillingInterval: "monthly",
      object: "subscription",
      livemode: false,
    });
    expect(await subscription(client(), team.id)).toMatchObject({
      plan: { name: "Team" },
      scheduledPlanChange: {
        changeType: "plan_downgrade",
        newPlanId: PLAN_IDS.pro,
        newPlanName: "Pro",
        newBillingInterval: "monthly",
        scheduledFor: "2026-08-01T00:00:00.000Z",
      },
    });
    expectError(await change(team.id, { newPlanId: PLAN_IDS.free }), 409, "already_scheduled", "conflict_error");
    clock.set(new Date("2026-08-01T00:00:00Z"));
    expect(await subscription(client(), team.id)).toMatchObject({
      status: "active",
      plan: { name: "Pro", basePrice: 4900 },
      scheduledPlanChange: null,
      currentPeriod: { start: "2026-08-01T00:00:00.000Z", end: "2026-09-01T00:00:00.000Z" },
    });
  });

  it("schedules a shorter interval as an interval change, and any paid-to-free change", async () => {
    const yearly = await subscribed(client(), "pro", { subscription: { billingInterval: "yearly" } });
    expect(dataOf(await change(yearly.id, { newBillingInterval: "monthly" }))).toMatchObject({
      scheduled: true,
      changeType: "subscription.interval_change",
      scheduledFor: "2027-07-01T00:00:00.000Z",
    });
    const pro = await subscribed(client(), "pro");
    expect(dataOf(await change(pro.id, { newPlanId: PLAN_IDS.free }))).toMatchObject({
      scheduled: true,
      changeType: "subscription.plan_downgrade",
      newPlanName: "Free",
    });
  });

  it("stops add-ons the new plan cannot take when it takes effect, not before", async () => {
    const team = await subscribed(client(), "team", { subscription: { skipTrial: true } });
    const images = await addonOn(client(), "image_generation", "usage", { consumptionModel: "credits", basePrice: 1000, creditCost: 5 });
    await activate(client(), team.id, images.id);
    dataOf(await change(team.id, { newPlanId: PLAN_IDS.pro }));
    clock.set(new Date("2026-07-31T00:00:00Z"));
    expect((await access(client(), team.customerId, "image_generation")).allowed).toBe(true);
    clock.set(new Date("2026-08-01T00:00:00Z"));
    expect((await access(client(), team.customerId, "image_generation")).reason).toBe("feature_not_in_plan");
  });
});

describe("free to paid", () => {
  it("answers a hosted checkout, and moves to the paid plan once the checkout is paid", async () => {
    const free = await subscribed(client(), "free");
    clock.set(JULY_17);
    expect(dataOf(await preview(free.id, PLAN_IDS.pro))).toMatchObject({ currentPlanCredit: 0, newPlanCharge: 4900, estimatedTotal: 4900 });
    const pending = dataOf(await change(free.id, { newPlanId: PLAN_IDS.pro }));
    expect(pending).toEqual({
      requiresCheckout: true,
      checkoutUrl: expect.stringMatching(/^https:\/\/commet\.co\/checkout\/chk_/),
      object: "subscription",
      livemode: false,
    });
    expect(await subscription(client(), free.id)).toMatchObject({ plan: { name: "Free" }, checkoutUrl: pending.checkoutUrl });
    const paid = await fetch(`${mock().controlUrl}/commet/pay/${free.id}`, { method: "POST" });
    expect(paid.status).toBe(200);
    expect(await subscription(client(), free.id)).toMatchObject({
      plan: { name: "Pro", basePrice: 4900 },
      checkoutUrl: null,
      currentPeriod: { start: "2026-07-17T00:00:00.000Z" },
    });
  });

  it("drops the unpaid checkout when the subscription is set to cancel: paying it later changes nothing", async () => {
    const free = await subscribed(client(), "free");
    clock.set(JULY_17);
    dataOf(await change(free.id, { newPlanId: PLAN_IDS.pro }));
    dataOf(await client().POST("/subscriptions/{id}/cancel", { params: { path: { id: free.id } } }));
    expect(await subscription(client(), free.id)).toMatchObject({ plan: { name: "Free" }, checkoutUrl: null, cancelAtPeriodEnd: true });
    const paid = await fetch(`${mock().controlUrl}/commet/pay/${free.id}`, { method: "POST" });
    expect(paid.status).toBe(409);
    expect(await subscription(client(), free.id)).toMatchObject({ plan: { name: "Free" }, cancelAtPeriodEnd: true });
  });
});

describe("refusals", () => {
  it("refuses no change (400), an unknown plan (404), an interval without a price (409), and a body without either field (400)", async () => {
    const pro = await subscribed(client(), "pro");
    expectError(await change(pro.id, { newPlanId: PLAN_IDS.pro }), 400, "no_change_requested", "validation_error");
    expectError(await preview(pro.id, PLAN_IDS.pro), 400, "no_change_requested", "validation_error");
    expect(expectError(await change(pro.id, { newPlanId: "plan_Gold000000000001" }), 404, "plan_not_found", "not_found_error").param).toBe("newPlanId");
    expect(expectError(await preview(pro.id, "plan_Gold000000000001"), 404, "plan_not_found", "not_found_error").param).toBe("planId");
    expect(expectError(await change(pro.id, { newBillingInterval: "weekly" }), 409, "no_prices_configured", "conflict_error").param).toBe("newBillingInterval");
    expectError(await preview(pro.id, PLAN_IDS.team, "one_time"), 409, "no_prices_configured", "conflict_error");
    expectError(await change(pro.id, {}), 400, "validation_error", "validation_error");
  });

  it("refuses a subscription that is not active or trialing (409 subscription_not_active), or set to cancel (409 already_scheduled)", async () => {
    const pending = await subscribed(client(), "pro", { paymentMethod: "none" });
    expectError(await change(pending.id, { newPlanId: PLAN_IDS.team }), 409, "subscription_not_active", "conflict_error");
    expectError(await preview(pending.id, PLAN_IDS.team), 409, "subscription_not_active", "conflict_error");
    const pro = await subscribed(client(), "pro");
    dataOf(await client().POST("/subscriptions/{id}/cancel", { params: { path: { id: pro.id } } }));
    expectError(await change(pro.id, { newPlanId: PLAN_IDS.team }), 409, "already_scheduled", "conflict_error");
  });
});
