/**
 * Subscriptions: create on an existing customer and catalogue plan, list, get, and the customer's
 * active one. A new subscription is trialing when the plan (or the request) gives trial days, active
 * when there is nothing to pay or the card on file pays the first period, and otherwise waits for
 * checkout in `pending_payment` (paid through the mock's control route, see control.ts).
 */
import type { components, operations } from "../../../../generated/commet/schema.js";
import { MockError } from "../../mock-error.js";
import type { HandlerGroup, MockContext } from "../../types.js";
import { DAY_MS, periodEnd } from "../billing.js";
import { newId } from "../ids.js";
import { activeSubscriptionOf, findCustomer, findPlan, findSubscription, liveFeatures, resolveCustomer } from "../lookup.js";
import { paymentMethodOf } from "../payment-method.js";
import type { PlanDefinition, PlanInterval } from "../plans.js";
import type { CommetState, SubscriptionRecord } from "../state.js";
import { ok, toSubscription } from "../views.js";
import { customerStateChanged } from "../webhooks/customer-state.js";
import { checkoutReady, subscriptionActivated, subscriptionCreated } from "../webhooks/events.js";

type Schemas = components["schemas"];
type Context = MockContext<CommetState>;

/** Documented: one of these blocks a new subscription for the customer (`already_has_active_subscription`). */
const BLOCKING_STATUSES: ReadonlySet<string> = new Set(["draft", "trialing", "active", "past_due"]);

function listSubscriptions({ state, query, now }: Context) {
  const reference = query.customerId as string | undefined;
  // A customerId that names no customer is a filter that matches nothing (x-assumed), not a 404.
  const customerId = reference === undefined ? undefined : (resolveCustomer(state, reference)?.id ?? null);
  const data = [...state.subscriptions.values()]
    .filter((subscription) => customerId === undefined || subscription.customerId === customerId)
    .filter((subscription) => query.status === undefined || subscription.status === query.status)
    .sort((a, b) => b.seq - a.seq)
    .map((subscription) => toSubscription(state, subscription, now));
  return ok(data);
}

function priceFor(plan: PlanDefinition, requested: Schemas["BillingInterval"] | null | undefined): { interval: PlanInterval; price: number } {
  const interval = (requested ?? plan.defaultInterval) as PlanInterval;
  const price = plan.prices[interval];
  if (price === undefined) {
    const offered = Object.keys(plan.prices).join(", ");
    throw new MockError(409, "no_prices_configured", `The ${plan.code} plan has no ${requested} price (it is priced ${offered}).`, {
      param: "billingInterval",
    });
  }
  return { interval, price };
}

/** Seats are counted per seat feature of the plan; any other key is a mistake worth a 400. */
function seatsFor(state: CommetState, plan: PlanDefinition, requested: Record<string, number> | undefined): Record<string, number> {
  const included = new Set(plan.features.map((feature) => feature.code));
  // A plan's features are in the catalogue for good: they cannot be deleted, and codes and types never change.
  const seatCodes = new Set(
    liveFeatures(state)
      .filter((feature) => feature.type === "seats" && included.has(feature.code))
      .map((feature) => feature.code),
  );
  for (const code of Object.keys(requested ?? {})) {
    if (seatCodes.has(code)) continue;
    const field = `initialSeats.${code}`;
    const message = `is not a seat feature of the ${plan.code} plan`;
    throw new MockError(400, "validation_error", `${field} ${message}.`, { param: field, details: [{ field, message }] });
  }
  return { ...requested };
}

function createSubscription({ state, body, now, emit }: Context) {
  const subscription = addSubscription(state, body as Schemas["CreateSubscriptionRequest"], now);
  const customer = state.customers.get(subscription.customerId)!;
  emit(subscriptionCreated(state, subscription));
  emit(customerStateChanged(state, customer, "subscription_created"));
  const { firstInvoice, checkoutUrl } = subscription;
  // The card on file paid (or there was nothing to pay): active at once. Otherwise the checkout link
  // waits for the customer (pay it with the control route, see control.ts). A trial starts with neither.
  if (subscription.status === "active" && firstInvoice) {
    emit(subscriptionActivated(state, subscription, firstInvoice));
    emit(customerStateChanged(state, customer, "subscription_activated"));
  }
  if (checkoutUrl !== null && firstInvoice) emit(checkoutReady(state, { ...subscription, checkoutUrl }, firstInvoice));
  return ok(toSubscription(state, subscription, now));
}

/** Creates and stores a subscription as POST /subscriptions does; a seeded account's subscription is made here too (state.ts). */
export function addSubscription(state: CommetState, input: Schemas["CreateSubscriptionRequest"], now: Date): SubscriptionRecord {
  const customer = findCustomer(state, input.customerId, "customerId");
  const plan = findPlan(state, input);
  const seats = seatsFor(state, plan, input.initialSeats);
  const { interval, price } = priceFor(plan, input.billingInterval);
  const blocking = [...state.subscriptions.values()].find(
    (subscription) => subscription.customerId === customer.id && BLOCKING_STATUSES.has(subscription.status),
  );
  if (blocking) {
    throw new MockError(409, "already_has_active_subscription", `The customer already has a ${blocking.status} subscription (${blocking.id}).`, {
      param: "customerId",
    });
  }
  const at = now.toISOString();
  const id = newId("sub");
  const trialDays = input.skipTrial ? 0 : (input.customTrialDays ?? plan.trialDays);
  const changes = { cancelAtPeriodEnd: false, scheduledChange: null, pendingChange: null, usage: {}, creditsUsed: 0, outstanding: null };
  const base = {
    id,
    seq: state.nextSeq++,
    customerId: customer.id,
    planCode: plan.code,
    name: input.name ?? plan.name,
    interval,
    basePrice: price,
    seats,
    ...changes,
  };
  const dates = { startDate: input.startDate ?? at, endDate: null, cancellation: null, createdAt: at, updatedAt: at };
  const firstInvoice = { id: newId("inv"), number: `INV-${String(base.seq).padStart(4, "0")}`, total: price };
  let subscription: SubscriptionRecord;
  if (trialDays > 0) {
    const trialEnd = new Date(now.getTime() + trialDays * DAY_MS);
    subscription = {
      ...base,
      ...dates,
      status: "trialing",
      trialEndsAt: trialEnd.toISOString(),
      period: { start: now, end: trialEnd },
      checkoutUrl: null,
      firstInvoice: null,
    };
  } else if (price === 0 || paymentMethodOf(customer.metadata) === "card") {
    subscription = {
      ...base,
      ...dates,
      status: "active",
      trialEndsAt: null,
      period: { start: now, end: periodEnd(now, interval) },
      checkoutUrl: null,
      firstInvoice,
    };
  } else {
    // No card on file, or it declines the first period: the customer has to pay at checkout.
    const checkoutUrl = `https://commet.co/checkout/${newId("chk")}`;
    subscription = { ...base, ...dates, status: "pending_payment", trialEndsAt: null, period: null, checkoutUrl, firstInvoice };
  }
  state.subscriptions.set(id, subscription);
  return subscription;
}

function getActiveSubscription({ state, query, now }: Context) {
  const customer = findCustomer(state, query.customerId as string, "customerId");
  const subscription = activeSubscriptionOf(state, customer);
  // Documented: "Returns null if none", a success.
  return ok(subscription ? toSubscription(state, subscription, now) : null);
}

const getSubscription = ({ state, params, now }: Context) => ok(toSubscription(state, findSubscription(state, params.id!), now));

export const subscriptionHandlers = { listSubscriptions, createSubscription, getActiveSubscription, getSubscription } satisfies HandlerGroup<
  operations,
  CommetState
>;
