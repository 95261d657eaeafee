/**
 * The mock's control routes, for what tests need and the API does not offer:
 * - `POST <controlUrl>/commet/cancel/<subscriptionId>` (optional JSON body `{ "reason": "..." }`): a test
 *   shortcut that cancels the subscription at once from any status (the API's Cancel subscription
 *   refuses pending_payment and draft ones), so that tests can reach a canceled one. Its add-ons stop
 *   with it.
 * - `POST <controlUrl>/commet/pay/<subscriptionId>`: the customer pays the checkout of a subscription
 *   waiting in `pending_payment`, which becomes active with its first period starting now, or the
 *   checkout of a free-to-paid plan change, which moves the subscription to the new plan from now.
 * Each answers the subscription in the API's envelope, and sends the webhooks Commet sends for it.
 */
import { MockError } from "../mock-error.js";
import type { ControlHandler, ControlRequest } from "../types.js";
import { periodEnd } from "./billing.js";
import { activeSubscriptionOf } from "./lookup.js";
import { COMMET_TENANTS, type CommetState, type SubscriptionRecord } from "./state.js";
import { ok, toSubscription } from "./views.js";
import { customerStateChanged } from "./webhooks/customer-state.js";
import { subscriptionActivated } from "./webhooks/events.js";
import { cancelNow, switchPlan } from "./lifecycle.js";

export const CANCEL_ROUTE = "cancel";
export const PAY_ROUTE = "pay";

/** The subscription a route names, with its tenant and state; 405 or 404 otherwise. */
function target(
  { method, segments, state }: ControlRequest<CommetState>,
  verb: string,
): { tenant: string; world: CommetState; subscription: SubscriptionRecord } {
  if (method !== "POST") throw new MockError(405, "method_not_allowed", `${verb} a subscription with POST.`);
  const [id = "", ...rest] = segments;
  // Subscription IDs are unique across tenants, so the ID alone says whose it is.
  const tenant = rest.length === 0 ? COMMET_TENANTS.find((candidate) => state(candidate)?.subscriptions.has(id)) : undefined;
  const world = tenant === undefined ? undefined : state(tenant);
  const subscription = world?.subscriptions.get(id);
  if (tenant === undefined || !world || !subscription) throw new MockError(404, "subscription_not_found", `No subscription ${JSON.stringify(id)}.`);
  return { tenant, world, subscription };
}

const cancelSubscription: ControlHandler<CommetState> = (request) => {
  const { tenant, world, subscription } = target(request, "Cancel");
  const { body, now, emit } = request;
  if (subscription.status === "canceled") throw new MockError(409, "subscription_already_canceled", "The subscription is already canceled.");
  const reason =
    body !== null && typeof body === "object" && typeof (body as { reason?: unknown }).reason === "string" ? (body as { reason: string }).reason : null;
  cancelNow(world, subscription, now, reason, (event) => emit(tenant, event));
  return ok(toSubscription(world, subscription, now));
};

const payCheckout: ControlHandler<CommetState> = (request) => {
  const { tenant, world, subscription } = target(request, "Pay the checkout of");
  const { now, emit } = request;
  const customer = world.customers.get(subscription.customerId)!;
  const pending = subscription.pendingChange;
  if (pending) {
    // A free-to-paid plan change: paid, the subscription moves to the new plan with a period from now.
    const plan = world.plans.find((candidate) => candidate.code === pending.planCode)!;
    switchPlan(world, subscription, plan, pending.interval, now);
    subscription.checkoutUrl = null;
    emit(tenant, customerStateChanged(world, customer, "plan_change"));
    return ok(toSubscription(world, subscription, now));
  }
  const invoice = subscription.firstInvoice;
  if (subscription.status !== "pending_payment" || !invoice) {
    throw new MockError(
      409,
      "subscription_not_pending_payment",
      `The subscription is ${subscription.status}; only a pending_payment one, or one changing from a free plan, has a checkout to pay.`,
    );
  }
  // A pending subscription does not block a new one, but a customer has at most one active subscription.
  const active = activeSubscriptionOf(world, customer);
  if (active) throw new MockError(409, "already_has_active_subscription", `The customer already has a ${active.status} subscription (${active.id}).`);
  Object.assign(subscription, {
    status: "active",
    period: { start: now, end: periodEnd(now, subscription.interval) },
    checkoutUrl: null,
    updatedAt: now.toISOString(),
  });
  emit(tenant, subscriptionActivated(world, subscription, invoice));
  emit(tenant, customerStateChanged(world, customer, "subscription_activated"));
  return ok(toSubscription(world, subscription, now));
};

export const commetControl: Record<string, ControlHandler<CommetState>> = { [CANCEL_ROUTE]: cancelSubscription, [PAY_ROUTE]: payCheckout };
