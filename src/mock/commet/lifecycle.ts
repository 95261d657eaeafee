/**
 * A subscription's changes over time: canceling (now, or at the period's end), plan changes (applied
 * now or when the period ends), renewals, and the clock-driven work that a period's end brings. The
 * handlers, the control routes and `settleCommet` (run before every request) share them, so a change
 * looks the same whichever way it happens, webhooks included.
 */
import type { EmittedEvent } from "../types.js";
import { activeAddons } from "./entitlements.js";
import { newInvoice, periodEnd } from "./billing.js";
import { planOf } from "./lookup.js";
import { paymentMethodOf } from "./payment-method.js";
import type { PlanDefinition, PlanInterval } from "./plans.js";
import type { CommetState, SubscriptionRecord } from "./state.js";
import { customerStateChanged, type StateTrigger } from "./webhooks/customer-state.js";
import { subscriptionCanceled } from "./webhooks/events.js";

type Emit = (event: EmittedEvent) => void;

const stateChanged = (state: CommetState, subscription: SubscriptionRecord, trigger: StateTrigger) =>
  customerStateChanged(state, state.customers.get(subscription.customerId)!, trigger);

/** Whether the customer's card on file pays `total` cents now (nothing to pay always succeeds). */
export function cardPays(state: CommetState, subscription: SubscriptionRecord, total: number): boolean {
  return total <= 0 || paymentMethodOf(state.customers.get(subscription.customerId)!.metadata) === "card";
}

/** Ends every add-on active on the subscription (no refund), or only those `keep` refuses. */
function endAddons(state: CommetState, subscription: SubscriptionRecord, at: string, keep: (model: string) => boolean = () => false): void {
  for (const activation of state.activations.values()) {
    if (activation.subscriptionId !== subscription.id || activation.status !== "active") continue;
    if (keep(state.addons.get(activation.addonId)!.consumptionModel)) continue;
    Object.assign(activation, { status: "inactive", deactivatedAt: at });
  }
}

/**
 * Cancels now: no period, an end date, its add-ons stopped. A cancellation scheduled before keeps its
 * request date and reason. The docs send addon.deactivated only for a deactivation (the API's or the
 * portal's), not for the add-ons a cancellation ends.
 */
export function cancelNow(state: CommetState, subscription: SubscriptionRecord, at: Date, reason: string | null, emit: Emit): void {
  const iso = at.toISOString();
  const scheduledAt = subscription.cancellation?.scheduledAt ?? iso;
  Object.assign(subscription, {
    status: "canceled",
    period: null,
    checkoutUrl: null,
    endDate: iso,
    updatedAt: iso,
    cancellation: { scheduledAt, reason: reason ?? subscription.cancellation?.reason ?? null, effectiveAt: iso },
    cancelAtPeriodEnd: false,
    scheduledChange: null,
    pendingChange: null,
  });
  endAddons(state, subscription, iso);
  emit(subscriptionCanceled(state, subscription));
  emit(stateChanged(state, subscription, "subscription_canceled"));
}

/**
 * Cancels when the current period ends: access and add-ons last until then. A scheduled plan change is
 * dropped, and so is an unpaid free-to-paid checkout: paid later, it would start a new period past the
 * cancellation date.
 */
export function cancelAtPeriodEnd(state: CommetState, subscription: SubscriptionRecord, at: Date, reason: string | null, emit: Emit): void {
  const iso = at.toISOString();
  Object.assign(subscription, {
    cancelAtPeriodEnd: true,
    scheduledChange: null,
    ...(subscription.pendingChange ? { pendingChange: null, checkoutUrl: null } : {}),
    cancellation: { scheduledAt: iso, reason, effectiveAt: subscription.period!.end.toISOString() },
    updatedAt: iso,
  });
  emit(stateChanged(state, subscription, "cancellation_scheduled"));
}

/** Reverts a scheduled cancellation. */
export function uncancel(state: CommetState, subscription: SubscriptionRecord, at: Date, emit: Emit): void {
  Object.assign(subscription, { cancelAtPeriodEnd: false, cancellation: null, updatedAt: at.toISOString() });
  emit(stateChanged(state, subscription, "cancellation_revoked"));
}

/** A fresh period from `start`: this period's use, credits and overage start again from none. */
function startPeriod(subscription: SubscriptionRecord, start: Date): void {
  Object.assign(subscription, { period: { start, end: periodEnd(start, subscription.interval) }, usage: {}, creditsUsed: 0 });
}

/**
 * Moves the subscription onto another plan or interval from `at`, with a new period. Add-ons whose
 * consumption model the new plan does not take (boolean ones fit any plan) stop; the others carry on.
 */
export function switchPlan(state: CommetState, subscription: SubscriptionRecord, plan: PlanDefinition, interval: PlanInterval, at: Date): void {
  const previous = planOf(state, subscription);
  const iso = at.toISOString();
  Object.assign(subscription, {
    planCode: plan.code,
    interval,
    basePrice: plan.prices[interval]!,
    // A name that was the plan's follows the plan; a name the caller chose stays.
    name: subscription.name === previous.name ? plan.name : subscription.name,
    scheduledChange: null,
    pendingChange: null,
    checkoutUrl: null,
    updatedAt: iso,
  });
  endAddons(state, subscription, iso, (model) => model === "boolean" || model === plan.consumptionModel);
  startPeriod(subscription, at);
}

/**
 * Moves a trialing subscription onto another plan or interval for the rest of its trial: nothing was
 * paid, so nothing is prorated, the trial's use carries on, and the first paid period starts at the
 * trial's end at the new price.
 */
export function switchPlanInTrial(state: CommetState, subscription: SubscriptionRecord, plan: PlanDefinition, interval: PlanInterval, at: Date): void {
  const { period, usage, creditsUsed } = subscription;
  switchPlan(state, subscription, plan, interval, at);
  Object.assign(subscription, { period, usage, creditsUsed });
}

/** What a renewal charges: the plan's base price and the base price of each active add-on. */
function renewalTotal(state: CommetState, subscription: SubscriptionRecord): number {
  return subscription.basePrice + activeAddons(state, subscription).reduce((sum, addon) => sum + addon.basePrice, 0);
}

/** The work due when the current period ends, at its end. */
function endPeriod(state: CommetState, subscription: SubscriptionRecord, emit: Emit): void {
  const at = subscription.period!.end;
  if (subscription.cancelAtPeriodEnd) {
    cancelNow(state, subscription, at, null, emit);
    return;
  }
  const before = subscription.status;
  const change = subscription.scheduledChange;
  if (change) {
    const plan = state.plans.find((candidate) => candidate.code === change.planCode)!;
    switchPlan(state, subscription, plan, change.interval, at);
  } else {
    startPeriod(subscription, at);
  }
  const total = renewalTotal(state, subscription);
  const paid = cardPays(state, subscription, total);
  Object.assign(subscription, { status: paid ? "active" : "past_due", outstanding: paid ? null : newInvoice(state, total), updatedAt: at.toISOString() });
  if (change) emit(stateChanged(state, subscription, "plan_change"));
  // Only a change of status is news: another failed renewal of a past_due subscription is not.
  if (!paid && before !== "past_due") emit(stateChanged(state, subscription, "past_due"));
  else if (paid && before === "trialing") emit(stateChanged(state, subscription, "trial_converted"));
}

/**
 * The clock-driven work due by `now`, oldest subscription first: every period that ended is closed as
 * its end says (a scheduled cancellation takes effect, a scheduled plan change is applied, the next
 * period starts and is charged to the card on file, or the subscription falls past_due when it cannot
 * be). A trial's end starts the first paid period.
 */
export function settleCommet(state: CommetState, now: Date, emit: Emit): void {
  // Run before every request, and most find nothing due: look before copying and sorting.
  const due = (subscription: SubscriptionRecord) =>
    subscription.period !== null && subscription.period.end.getTime() <= now.getTime() && subscription.status !== "canceled";
  if (!anyOf(state.subscriptions.values(), due)) return;
  const running = [...state.subscriptions.values()].filter((subscription) => subscription.period !== null).sort((a, b) => a.seq - b.seq);
  for (const subscription of running) {
    while (due(subscription)) endPeriod(state, subscription, emit);
  }
}

/** Whether some item passes, stopping at the first (Node 20 has no Iterator.prototype.some). */
function anyOf<T>(items: Iterable<T>, test: (item: T) => boolean): boolean {
  for (const item of items) if (test(item)) return true;
  return false;
}
