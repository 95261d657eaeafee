// The Commet mock's cancel, uncancel and reactivate over HTTP, on the mock's clock: a cancellation at
// the period's end keeps access and add-ons until then and takes effect when the clock passes it; an
// immediate one ends both at once; a scheduled one can be reverted; a canceled subscription is
// reactivated with a new paid period (its add-ons stay off), a past_due one by retrying its renewal.
import { beforeEach, describe, expect, it } from "vitest";
import { Clock, dataOf, expectError, JULY_1 } from "../helpers/commet.js";
import { access, activate, addonOn, subscribed, subscription, useLifecycleMock } from "../helpers/commet-lifecycle.js";

const clock = new Clock();
const { mock, client } = useLifecycleMock(clock);
beforeEach(() => {
  mock().reset();
  clock.set(JULY_1);
});

const cancel = (id: string, body?: { reason?: string; immediate?: boolean }) =>
  client().POST("/subscriptions/{id}/cancel", { params: { path: { id } }, ...(body ? { body } : {}) });
const uncancel = (id: string) => client().POST("/subscriptions/{id}/uncancel", { params: { path: { id } } });
const reactivate = (id: string) => client().POST("/subscriptions/{id}/reactivate", { params: { path: { id } } });
const activeAddons = async (customerId: string) =>
  dataOf(await client().GET("/active-addons", { params: { query: { customerId } } })).map((addon) => addon.slug);

/** A pro subscription with an active boolean add-on (sso), on July 10: 22 days before the period ends. */
async function proWithSsoOnJuly10() {
  const pro = await subscribed(client(), "pro");
  const sso = await addonOn(client(), "sso", "boolean");
  await activate(client(), pro.id, sso.id);
  clock.set(new Date("2026-07-10T00:00:00Z"));
  return { pro, sso };
}

describe("cancel at the period's end (the default)", () => {
  it("keeps the subscription, its features and add-ons until the period ends, then cancels it", async () => {
    const { pro } = await proWithSsoOnJuly10();
    const canceled = dataOf(await cancel(pro.id, { reason: "Too expensive" }));
    expect(canceled).toEqual({
      id: pro.id,
      customerId: pro.customerId,
      status: "active",
      canceledAt: "2026-07-10T00:00:00.000Z",
      cancelReason: "Too expensive",
      scheduledCancellationDate: "2026-08-01T00:00:00.000Z",
      updatedAt: "2026-07-10T00:00:00.000Z",
      object: "subscription",
      livemode: false,
    });
    expect(await subscription(client(), pro.id)).toMatchObject({
      status: "active",
      cancelAtPeriodEnd: true,
      nextBillingDate: null,
      cancellation: { scheduledAt: "2026-07-10T00:00:00.000Z", reason: "Too expensive", effectiveAt: "2026-08-01T00:00:00.000Z" },
    });
    clock.set(new Date("2026-07-31T23:59:59Z"));
    expect((await access(client(), pro.customerId, "sso")).allowed).toBe(true);
    expect(await activeAddons(pro.customerId)).toEqual(["addon-sso"]);
    clock.set(new Date("2026-08-01T00:00:00Z"));
    expect(await access(client(), pro.customerId, "sso")).toMatchObject({ allowed: false, reason: "no_active_subscription" });
    expect(await activeAddons(pro.customerId)).toEqual([]);
    expect(await subscription(client(), pro.id)).toMatchObject({
      status: "canceled",
      currentPeriod: null,
      endDate: "2026-08-01T00:00:00.000Z",
      cancelAtPeriodEnd: false,
    });
  });

  it("moves nothing when asked again; immediate: true then cancels at once", async () => {
    const pro = await subscribed(client(), "pro");
    clock.set(new Date("2026-07-10T00:00:00Z"));
    dataOf(await cancel(pro.id, { reason: "First" }));
    clock.set(new Date("2026-07-12T00:00:00Z"));
    expect(dataOf(await cancel(pro.id, { reason: "Second" }))).toMatchObject({
      canceledAt: "2026-07-10T00:00:00.000Z",
      cancelReason: "First",
      scheduledCancellationDate: "2026-08-01T00:00:00.000Z",
    });
    expect(dataOf(await cancel(pro.id, { immediate: true }))).toMatchObject({
      status: "canceled",
      canceledAt: "2026-07-10T00:00:00.000Z",
      scheduledCancellationDate: "2026-07-12T00:00:00.000Z",
    });
  });

  it("drops a scheduled plan change", async () => {
    const team = await subscribed(client(), "team", { subscription: { skipTrial: true } });
    dataOf(await client().POST("/subscriptions/{id}/change-plan", { params: { path: { id: team.id } }, body: { newPlanId: "plan_Pro0000000000001" } }));
    dataOf(await cancel(team.id));
    expect((await subscription(client(), team.id)).scheduledPlanChange).toBeNull();
  });

  it("ends a trial's access at the trial's end", async () => {
    const trial = await subscribed(client(), "team");
    expect(dataOf(await cancel(trial.id))).toMatchObject({ status: "trialing", scheduledCancellationDate: "2026-07-15T00:00:00.000Z" });
    clock.set(new Date("2026-07-15T00:00:00Z"));
    expect((await subscription(client(), trial.id)).status).toBe("canceled");
  });
});

describe("cancel immediately", () => {
  it("cancels now: no period, feature access and add-ons end at once", async () => {
    const { pro, sso } = await proWithSsoOnJuly10();
    expect(dataOf(await cancel(pro.id, { immediate: true }))).toMatchObject({
      status: "canceled",
      cancelReason: null,
      scheduledCancellationDate: "2026-07-10T00:00:00.000Z",
    });
    expect(await access(client(), pro.customerId, "api_calls")).toMatchObject({ allowed: false, reason: "no_active_subscription" });
    expect(await activeAddons(pro.customerId)).toEqual([]);
    expect(dataOf(await client().GET("/feature-access", { params: { query: { customerId: pro.customerId } } }))).toEqual([]);
    // The add-on is no longer active anywhere, so it can be deleted.
    dataOf(await client().DELETE("/addons/{id}", { params: { path: { id: sso.id } } }));
  });

  it("refuses a canceled subscription (409 subscription_already_canceled), one waiting for payment (409 subscription_not_active) and an unknown one (404)", async () => {
    const pro = await subscribed(client(), "pro");
    dataOf(await cancel(pro.id, { immediate: true }));
    expectError(await cancel(pro.id), 409, "subscription_already_canceled", "conflict_error");
    const pending = await subscribed(client(), "pro", { paymentMethod: "none" });
    expectError(await cancel(pending.id, { immediate: true }), 409, "subscription_not_active", "conflict_error");
    expectError(await cancel("sub_missing"), 404, "subscription_not_found", "not_found_error");
  });
});

describe("uncancel", () => {
  it("reverts a scheduled cancellation: the subscription renews as before", async () => {
    const pro = await subscribed(client(), "pro");
    dataOf(await cancel(pro.id));
    clock.set(new Date("2026-07-20T00:00:00Z"));
    expect(dataOf(await uncancel(pro.id))).toEqual({
      id: pro.id,
      customerId: pro.customerId,
      status: "active",
      updatedAt: "2026-07-20T00:00:00.000Z",
      object: "subscription",
      livemode: false,
    });
    expect(await subscription(client(), pro.id)).toMatchObject({ cancelAtPeriodEnd: false, cancellation: null, nextBillingDate: "2026-08-01T00:00:00.000Z" });
    clock.set(new Date("2026-08-02T00:00:00Z"));
    expect(await subscription(client(), pro.id)).toMatchObject({ status: "active", currentPeriod: { start: "2026-08-01T00:00:00.000Z" } });
  });

  it("refuses one with nothing scheduled (409 not_scheduled_for_cancellation) and one already canceled (409 subscription_already_canceled)", async () => {
    const pro = await subscribed(client(), "pro");
    expectError(await uncancel(pro.id), 409, "not_scheduled_for_cancellation", "conflict_error");
    dataOf(await cancel(pro.id));
    clock.set(new Date("2026-08-01T00:00:00Z"));
    expectError(await uncancel(pro.id), 409, "subscription_already_canceled", "conflict_error");
  });
});

describe("reactivate", () => {
  it("starts a canceled subscription again with a new period from today; its add-ons stay off", async () => {
    const pro = await subscribed(client(), "pro");
    const sso = await addonOn(client(), "sso", "boolean");
    await activate(client(), pro.id, sso.id);
    dataOf(await cancel(pro.id, { immediate: true }));
    clock.set(new Date("2026-07-20T00:00:00Z"));
    expect(dataOf(await reactivate(pro.id))).toEqual({ id: pro.id, retryInitiated: false, object: "subscription", livemode: false });
    expect(await subscription(client(), pro.id)).toMatchObject({
      status: "active",
      endDate: null,
      cancellation: null,
      currentPeriod: { start: "2026-07-20T00:00:00.000Z", end: "2026-08-20T00:00:00.000Z" },
    });
    expect((await access(client(), pro.customerId, "api_calls")).allowed).toBe(true);
    expect(await activeAddons(pro.customerId)).toEqual([]);
  });

  it("leaves it canceled when the charge fails: 402 charge_failed with a recovery link, 409 no_payment_method without a card", async () => {
    for (const [method, status, code] of [
      ["card_declined", 402, "charge_failed"],
      ["none", 409, "no_payment_method"],
    ] as const) {
      const pro = await subscribed(client(), "pro");
      dataOf(await cancel(pro.id, { immediate: true }));
      dataOf(await client().PUT("/customers/{id}", { params: { path: { id: pro.customerId } }, body: { metadata: { mock_payment_method: method } } }));
      const refused = expectError(await reactivate(pro.id), status, code, status === 402 ? "billing_error" : "conflict_error");
      expect((refused.details as { recoveryUrl: string }).recoveryUrl).toMatch(/^https:\/\/commet\.co\/recover\/rcv_/);
      expect((await subscription(client(), pro.id)).status).toBe("canceled");
    }
  });

  it("retries a past_due subscription's renewal: a failed renewal leaves it past_due, with access in the grace window", async () => {
    const pro = await subscribed(client(), "pro");
    dataOf(await client().PUT("/customers/{id}", { params: { path: { id: pro.customerId } }, body: { metadata: { mock_payment_method: "card_declined" } } }));
    clock.set(new Date("2026-08-01T00:00:00Z"));
    expect(await subscription(client(), pro.id)).toMatchObject({ status: "past_due", currentPeriod: { start: "2026-08-01T00:00:00.000Z" } });
    // Documented: access is granted while past_due.
    expect((await access(client(), pro.customerId, "api_calls")).allowed).toBe(true);
    expectError(await reactivate(pro.id), 402, "charge_failed", "billing_error");
    dataOf(await client().PUT("/customers/{id}", { params: { path: { id: pro.customerId } }, body: { metadata: { mock_payment_method: "card" } } }));
    expect(dataOf(await reactivate(pro.id))).toEqual({ id: pro.id, retryInitiated: true, object: "subscription", livemode: false });
    expect((await subscription(client(), pro.id)).status).toBe("active");
  });

  it("refuses an active subscription, even one set to cancel: 409 invalid_subscription_status", async () => {
    const pro = await subscribed(client(), "pro");
    expectError(await reactivate(pro.id), 409, "invalid_subscription_status", "conflict_error");
    dataOf(await cancel(pro.id));
    expect(expectError(await reactivate(pro.id), 409, "invalid_subscription_status", "conflict_error").message).toContain("uncancel");
  });

  it("refuses while the customer has another live subscription: 409 already_has_active_subscription", async () => {
    const pro = await subscribed(client(), "pro");
    dataOf(await cancel(pro.id, { immediate: true }));
    dataOf(await client().POST("/subscriptions", { body: { customerId: pro.customerId, planCode: "free" } }));
    expectError(await reactivate(pro.id), 409, "already_has_active_subscription", "conflict_error");
  });

  it("replays a repeated Idempotency-Key instead of charging again", async () => {
    const pro = await subscribed(client(), "pro");
    dataOf(await cancel(pro.id, { immediate: true }));
    const init = { params: { path: { id: pro.id }, header: { "Idempotency-Key": "reactivate-once" } } };
    const first = await client().POST("/subscriptions/{id}/reactivate", init);
    const again = await client().POST("/subscriptions/{id}/reactivate", init);
    expect([first.response.status, again.response.status]).toEqual([200, 200]);
    expect(again.data).toEqual(first.data);
  });
});
