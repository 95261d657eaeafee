// The Commet mock's subscriptions over HTTP: created active, trialing or waiting for payment on an
// existing customer and catalogue plan, one at a time per customer; read by ID, listed, and found as
// the customer's active one; and canceled through the mock's control route.
import { beforeEach, describe, expect, it } from "vitest";
import { cancelSubscription, Clock, createAddon, createCustomer, dataOf, expectError, JULY_1, subscribe, useCommetMock } from "../helpers/commet.js";

const clock = new Clock();
const { mock, client } = useCommetMock({ clock });
beforeEach(() => {
  mock().reset();
  clock.set(JULY_1);
});

describe("create subscription", () => {
  it("starts a paid plan active when the card on file pays: its period starts now and lasts a month", async () => {
    const customer = await createCustomer(client());
    const subscription = dataOf(await client().POST("/subscriptions", { body: { customerId: customer.id, planCode: "pro" } }));
    expect(subscription).toEqual({
      id: subscription.id,
      customerId: customer.id,
      plan: { id: "plan_Pro0000000000001", name: "Pro", basePrice: 4900 },
      name: "Pro",
      description: null,
      status: "active",
      billingInterval: "monthly",
      consumptionModel: "metered",
      trialEndsAt: null,
      currentPeriod: { start: "2026-07-01T00:00:00.000Z", end: "2026-08-01T00:00:00.000Z", daysRemaining: 31 },
      features: [
        { code: "api_calls", name: "API calls", type: "usage", usage: { current: 0, included: 10000, overageQuantity: 0, overageUnitPrice: 2 } },
        { code: "projects", name: "Projects", type: "quota", usage: { current: 0, included: 5, overageQuantity: 0, overageUnitPrice: 500 } },
      ],
      credits: null,
      balance: null,
      cancellation: null,
      cancelAtPeriodEnd: false,
      scheduledPlanChange: null,
      discount: null,
      startDate: "2026-07-01T00:00:00.000Z",
      endDate: null,
      billingDayOfMonth: 1,
      nextBillingDate: "2026-08-01T00:00:00.000Z",
      checkoutUrl: null,
      createdAt: "2026-07-01T00:00:00.000Z",
      updatedAt: "2026-07-01T00:00:00.000Z",
      object: "subscription",
      livemode: false,
    });
    expect(subscription.id).toMatch(/^sub_[A-Za-z0-9]{16}$/);
  });

  it("takes the customer by own ID or external ID, and the plan by ID", async () => {
    const byOwnId = await createCustomer(client(), { id: "user_1" });
    const byExternalId = await createCustomer(client(), { externalId: "ext_2" });
    const first = dataOf(await client().POST("/subscriptions", { body: { customerId: "user_1", planId: "plan_Pro0000000000001" } }));
    const second = dataOf(await client().POST("/subscriptions", { body: { customerId: "ext_2", planCode: "free" } }));
    expect([first.customerId, first.plan.name]).toEqual([byOwnId.id, "Pro"]);
    expect([second.customerId, second.plan.name]).toEqual([byExternalId.id, "Free"]);
  });

  it("prices the interval asked for, and refuses one the plan has no price for: 409 no_prices_configured", async () => {
    const yearly = await subscribe(client(), "pro", {}, { billingInterval: "yearly", name: "Pro (annual)" });
    expect(yearly).toMatchObject({
      name: "Pro (annual)",
      billingInterval: "yearly",
      plan: { basePrice: 49000 },
      currentPeriod: { end: "2027-07-01T00:00:00.000Z", daysRemaining: 365 },
    });
    const { id } = await createCustomer(client());
    const weekly = await client().POST("/subscriptions", { body: { customerId: id, planCode: "pro", billingInterval: "weekly" } });
    expect(expectError(weekly, 409, "no_prices_configured", "conflict_error").param).toBe("billingInterval");
  });

  it("ends a month started on the 31st on the last day of the next month", async () => {
    clock.set(new Date("2026-01-31T12:00:00Z"));
    expect((await subscribe(client(), "pro")).currentPeriod?.end).toBe("2026-02-28T12:00:00.000Z");
  });

  it("waits for checkout (pending_payment, a checkoutUrl, no period) when no card pays the first period", async () => {
    for (const method of ["none", "card_declined"]) {
      const subscription = await subscribe(client(), "pro", { metadata: { mock_payment_method: method } });
      expect(subscription).toMatchObject({ status: "pending_payment", currentPeriod: null, nextBillingDate: null, billingDayOfMonth: null });
      expect(subscription.checkoutUrl).toMatch(/^https:\/\/commet\.co\/checkout\/chk_[A-Za-z0-9]{16}$/);
    }
  });

  it("starts a free plan active without any payment method", async () => {
    const subscription = await subscribe(client(), "free", { metadata: { mock_payment_method: "none" } });
    expect(subscription).toMatchObject({ status: "active", consumptionModel: null, plan: { basePrice: 0 }, checkoutUrl: null });
  });

  it("starts a plan with trial days trialing: the period is the trial, and the credits pool is shown", async () => {
    const subscription = await subscribe(client(), "team", { metadata: { mock_payment_method: "none" } });
    expect(subscription).toMatchObject({
      status: "trialing",
      consumptionModel: "credits",
      trialEndsAt: "2026-07-15T00:00:00.000Z",
      currentPeriod: { start: "2026-07-01T00:00:00.000Z", end: "2026-07-15T00:00:00.000Z", daysRemaining: 14 },
      billingDayOfMonth: 15,
      credits: { remaining: 1000, included: 1000, purchased: 0 },
    });
    expect((await subscribe(client(), "team", {}, { customTrialDays: 30 })).trialEndsAt).toBe("2026-07-31T00:00:00.000Z");
    expect(await subscribe(client(), "team", {}, { skipTrial: true })).toMatchObject({ status: "active", trialEndsAt: null });
    expect(await subscribe(client(), "pro", {}, { customTrialDays: 7 })).toMatchObject({ status: "trialing", trialEndsAt: "2026-07-08T00:00:00.000Z" });
  });

  it("counts initial seats of the plan's seat features, and refuses others", async () => {
    const team = await subscribe(client(), "team", {}, { initialSeats: { team_seats: 8 } });
    expect(team.features).toContainEqual({
      code: "team_seats",
      name: "Team seats",
      type: "seats",
      usage: { current: 8, included: 5, overageQuantity: 3, overageUnitPrice: 1500 },
    });
    const { id } = await createCustomer(client());
    for (const [planCode, seats] of [
      ["team", { api_calls: 2 }],
      ["pro", { team_seats: 2 }],
    ] as const) {
      const refused = await client().POST("/subscriptions", { body: { customerId: id, planCode, initialSeats: seats } });
      expect(expectError(refused, 400, "validation_error", "validation_error").param).toBe(`initialSeats.${Object.keys(seats)[0]}`);
    }
  });

  it("refuses an unknown customer or plan (404) and a request naming no plan or two (400)", async () => {
    const { id } = await createCustomer(client());
    expect(
      expectError(await client().POST("/subscriptions", { body: { customerId: "nobody", planCode: "pro" } }), 404, "customer_not_found", "not_found_error")
        .param,
    ).toBe("customerId");
    expect(
      expectError(await client().POST("/subscriptions", { body: { customerId: id, planCode: "gold" } }), 404, "plan_not_found", "not_found_error").param,
    ).toBe("planCode");
    expect(
      expectError(await client().POST("/subscriptions", { body: { customerId: id, planId: "plan_missing" } }), 404, "plan_not_found", "not_found_error").param,
    ).toBe("planId");
    // The client's types refuse a body without a plan; the mock refuses it too.
    expectError(await client().POST("/subscriptions", { body: { customerId: id } as never }), 400, "validation_error", "validation_error");
    expectError(
      await client().POST("/subscriptions", { body: { customerId: id, planCode: "pro", planId: "plan_Pro0000000000001" } }),
      400,
      "validation_error",
      "validation_error",
    );
    expect(dataOf(await client().GET("/subscriptions"))).toEqual([]);
  });

  it("allows one active or trialing subscription per customer: 409 already_has_active_subscription", async () => {
    for (const planCode of ["pro", "team"]) {
      const { customerId } = await subscribe(client(), planCode);
      const again = await client().POST("/subscriptions", { body: { customerId, planCode: "free" } });
      expect(expectError(again, 409, "already_has_active_subscription", "conflict_error").param).toBe("customerId");
    }
  });

  it("lets a customer whose subscription waits for payment, or was canceled, subscribe again", async () => {
    const pending = await subscribe(client(), "pro", { metadata: { mock_payment_method: "none" } });
    const free = dataOf(await client().POST("/subscriptions", { body: { customerId: pending.customerId, planCode: "free" } }));
    expect(free.status).toBe("active");
    expect((await cancelSubscription(mock(), free.id)).status).toBe(200);
    expect(dataOf(await client().POST("/subscriptions", { body: { customerId: pending.customerId, planCode: "free" } })).status).toBe("active");
  });
});

describe("read subscriptions", () => {
  it("gets a subscription by ID whatever its status, and answers 404 subscription_not_found otherwise", async () => {
    const pending = await subscribe(client(), "pro", { metadata: { mock_payment_method: "none" } });
    expect(dataOf(await client().GET("/subscriptions/{id}", { params: { path: { id: pending.id } } }))).toEqual(pending);
    expectError(await client().GET("/subscriptions/{id}", { params: { path: { id: "sub_missing" } } }), 404, "subscription_not_found", "not_found_error");
  });

  it("counts the days remaining on the mock's clock, and renews the period once it ends", async () => {
    const { id } = await subscribe(client(), "pro");
    clock.set(new Date("2026-07-12T00:00:00Z"));
    expect(dataOf(await client().GET("/subscriptions/{id}", { params: { path: { id } } })).currentPeriod?.daysRemaining).toBe(20);
    clock.set(new Date("2026-07-31T23:59:59Z"));
    expect(dataOf(await client().GET("/subscriptions/{id}", { params: { path: { id } } })).currentPeriod?.daysRemaining).toBe(0);
    clock.set(new Date("2026-09-01T00:00:00Z"));
    expect(dataOf(await client().GET("/subscriptions/{id}", { params: { path: { id } } }))).toMatchObject({
      status: "active",
      currentPeriod: { start: "2026-09-01T00:00:00.000Z", end: "2026-10-01T00:00:00.000Z", daysRemaining: 30 },
      nextBillingDate: "2026-10-01T00:00:00.000Z",
    });
  });

  it("lists newest first, by customer (any of its references) and by status", async () => {
    const first = await subscribe(client(), "pro", { externalId: "user_1" });
    const second = await subscribe(client(), "team");
    const third = await subscribe(client(), "pro", { metadata: { mock_payment_method: "none" } });
    const ids = (query: Record<string, string>) =>
      client()
        .GET("/subscriptions", { params: { query } })
        .then((result) => dataOf(result).map((subscription) => subscription.id));
    expect(await ids({})).toEqual([third.id, second.id, first.id]);
    expect(await ids({ customerId: "user_1" })).toEqual([first.id]);
    expect(await ids({ customerId: first.customerId, status: "trialing" })).toEqual([]);
    expect(await ids({ status: "trialing" })).toEqual([second.id]);
    expect(await ids({ status: "pending_payment" })).toEqual([third.id]);
    expect(await ids({ customerId: "nobody" })).toEqual([]);
    expect(
      expectError(await client().GET("/subscriptions", { params: { query: { status: "paused" as never } } }), 400, "validation_error", "validation_error")
        .param,
    ).toBe("status");
  });

  it("finds the customer's active (or trialing) subscription, and null data when there is none", async () => {
    const customer = await createCustomer(client(), { externalId: "user_1", metadata: { mock_payment_method: "none" } });
    const active = (customerId: string) => client().GET("/subscriptions/active", { params: { query: { customerId } } });
    expect(await active("user_1").then((result) => result.data)).toEqual({ success: true, data: null });
    dataOf(await client().POST("/subscriptions", { body: { customerId: customer.id, planCode: "pro" } }));
    expect(dataOf(await active("user_1"))).toBeNull();
    const trial = dataOf(await client().POST("/subscriptions", { body: { customerId: customer.id, planCode: "team" } }));
    expect(dataOf(await active("user_1"))).toEqual(trial);
    expect(expectError(await active("user_2"), 404, "customer_not_found", "not_found_error").param).toBe("customerId");
    const missing = await fetch(`${mock().url}/subscriptions/active`, { headers: { "x-api-key": "ck_sandbox_t" } });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { param: string } }).error.param).toBe("customerId");
  });
});

describe("the cancel control route", () => {
  it("cancels at once: no period, an end date, the reason, no longer the active one", async () => {
    const subscription = await subscribe(client(), "pro", { externalId: "user_1" });
    clock.set(new Date("2026-07-10T00:00:00Z"));
    const response = await cancelSubscription(mock(), subscription.id, "Switching providers");
    expect(response.status).toBe(200);
    const canceled = ((await response.json()) as { data: typeof subscription }).data;
    expect(canceled).toMatchObject({
      status: "canceled",
      currentPeriod: null,
      endDate: "2026-07-10T00:00:00.000Z",
      cancellation: { scheduledAt: "2026-07-10T00:00:00.000Z", reason: "Switching providers", effectiveAt: "2026-07-10T00:00:00.000Z" },
    });
    expect(dataOf(await client().GET("/subscriptions/{id}", { params: { path: { id: subscription.id } } }))).toEqual(canceled);
    expect(dataOf(await client().GET("/subscriptions/active", { params: { query: { customerId: "user_1" } } }))).toBeNull();
  });

  it("stops the subscription's add-ons, which can then be deleted", async () => {
    const subscription = await subscribe(client(), "pro", { externalId: "user_1" });
    const addon = await createAddon(client(), "sso");
    dataOf(await client().POST("/subscriptions/{id}/addons", { params: { path: { id: subscription.id } }, body: { addonId: addon.id } }));
    await cancelSubscription(mock(), subscription.id);
    expect(dataOf(await client().GET("/active-addons", { params: { query: { customerId: "user_1" } } }))).toEqual([]);
    expect(dataOf(await client().DELETE("/addons/{id}", { params: { path: { id: addon.id } } })).deleted).toBe(true);
  });

  it("answers 409 for a canceled subscription and 404 for an unknown one, in the error envelope", async () => {
    const { id } = await subscribe(client(), "free");
    await cancelSubscription(mock(), id);
    const again = await cancelSubscription(mock(), id);
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe("subscription_already_canceled");
    const unknown = await cancelSubscription(mock(), "sub_missing");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe("subscription_not_found");
  });
});
