/**
 * Ending and resuming a subscription: cancel (at the period's end by default, or at once), uncancel a
 * scheduled cancellation, and reactivate (a canceled subscription starts a new paid period; a past_due
 * one retries its renewal charge). The state changes themselves live in lifecycle.ts.
 */
import type { components, operations } from "../../../../generated/commet/schema.js";
import { MockError } from "../../mock-error.js";
import type { HandlerGroup, MockContext } from "../../types.js";
import { newInvoice, periodEnd } from "../billing.js";
import { newId } from "../ids.js";
import { cancelAtPeriodEnd, cancelNow, uncancel } from "../lifecycle.js";
import { findSubscription, planOf } from "../lookup.js";
import { chargeCard } from "../payment-method.js";
import type { CommetState, SubscriptionRecord } from "../state.js";
import { ok } from "../views.js";
import { customerStateChanged } from "../webhooks/customer-state.js";

type Schemas = components["schemas"];
type Context = MockContext<CommetState>;

/** Statuses that have something to cancel: a running period, paid for or in its grace window. */
const CANCELABLE: ReadonlySet<string> = new Set(["active", "trialing", "past_due"]);

function toCanceled(state: CommetState, subscription: SubscriptionRecord): Schemas["CanceledSubscription"] {
  const cancellation = subscription.cancellation!;
  return {
    id: subscription.id,
    customerId: subscription.customerId,
    status: subscription.status,
    canceledAt: cancellation.scheduledAt,
    cancelReason: cancellation.reason,
    scheduledCancellationDate: cancellation.effectiveAt,
    updatedAt: subscription.updatedAt,
    object: "subscription",
    livemode: state.livemode,
  };
}

function cancelSubscription({ state, params, body, now, emit }: Context) {
  const subscription = findSubscription(state, params.id!);
  const input = (body ?? {}) as Schemas["CancelSubscriptionRequest"];
  if (subscription.status === "canceled") throw new MockError(409, "subscription_already_canceled", "The subscription is already canceled.", { param: "id" });
  if (!CANCELABLE.has(subscription.status)) {
    throw new MockError(
      409,
      "subscription_not_active",
      `The subscription is ${subscription.status}; only an active, trialing or past_due one can be canceled.`,
      { param: "id" },
    );
  }
  const reason = input.reason ?? null;
  if (input.immediate === true) cancelNow(state, subscription, now, reason, emit);
  // Asking again for a cancellation at the period's end moves nothing (x-assumed in the spec).
  else if (!subscription.cancelAtPeriodEnd) cancelAtPeriodEnd(state, subscription, now, reason, emit);
  return ok(toCanceled(state, subscription));
}

function uncancelSubscription({ state, params, now, emit }: Context) {
  const subscription = findSubscription(state, params.id!);
  if (subscription.status === "canceled") {
    throw new MockError(409, "subscription_already_canceled", "The subscription is already canceled; reactivate it instead.", { param: "id" });
  }
  if (!subscription.cancelAtPeriodEnd)
    throw new MockError(409, "not_scheduled_for_cancellation", "The subscription has no scheduled cancellation to revert.", { param: "id" });
  uncancel(state, subscription, now, emit);
  const answer: Schemas["UncanceledSubscription"] = {
    id: subscription.id,
    customerId: subscription.customerId,
    status: subscription.status,
    updatedAt: subscription.updatedAt,
    object: "subscription",
    livemode: state.livemode,
  };
  return ok(answer);
}

/** Charges the customer's card, or refuses with a link where the customer can update it (documented). */
function charge(state: CommetState, subscription: SubscriptionRecord, total: number): void {
  const recovery = { recoveryUrl: `https://commet.co/recover/${newId("rcv")}` };
  chargeCard(
    state.customers.get(subscription.customerId)!.metadata,
    total,
    "The charge was declined; send the customer to details.recoveryUrl to update their card.",
    recovery,
  );
}

function reactivateSubscription({ state, params, now, emit }: Context) {
  const subscription = findSubscription(state, params.id!);
  const customer = state.customers.get(subscription.customerId)!;
  const at = now.toISOString();
  if (subscription.status === "past_due") {
    // The renewal charge that failed is tried again.
    charge(state, subscription, subscription.outstanding?.total ?? 0);
    Object.assign(subscription, { status: "active", outstanding: null, updatedAt: at });
    return ok({ id: subscription.id, retryInitiated: true, object: "subscription", livemode: state.livemode } satisfies Schemas["ReactivatedSubscription"]);
  }
  if (subscription.status !== "canceled") {
    const hint = subscription.cancelAtPeriodEnd ? " (its cancellation is only scheduled: uncancel it)" : "";
    throw new MockError(
      409,
      "invalid_subscription_status",
      `The subscription is ${subscription.status}${hint}; only a canceled or past_due one can be reactivated.`,
      { param: "id" },
    );
  }
  const other = [...state.subscriptions.values()].find(
    (candidate) => candidate.customerId === customer.id && ["trialing", "active", "past_due"].includes(candidate.status),
  );
  if (other)
    throw new MockError(409, "already_has_active_subscription", `The customer already has a ${other.status} subscription (${other.id}).`, { param: "id" });
  // A fresh invoice at the plan's current price, and a new period from today; the add-ons the
  // cancellation ended stay inactive.
  const price = planOf(state, subscription).prices[subscription.interval]!;
  charge(state, subscription, price);
  newInvoice(state, price);
  Object.assign(subscription, {
    status: "active",
    basePrice: price,
    period: { start: now, end: periodEnd(now, subscription.interval) },
    endDate: null,
    cancellation: null,
    cancelAtPeriodEnd: false,
    usage: {},
    creditsUsed: 0,
    updatedAt: at,
  });
  emit(customerStateChanged(state, customer, "subscription_activated"));
  return ok({ id: subscription.id, retryInitiated: false, object: "subscription", livemode: state.livemode } satisfies Schemas["ReactivatedSubscription"]);
}

export const cancellationHandlers = { cancelSubscription, uncancelSubscription, reactivateSubscription } satisfies HandlerGroup<operations, CommetState>;
