/**
 * The `data` of customer.state_changed: what a customer can access now, from their current
 * subscription, its plan's features and the add-ons active on it (the flat 2026-07-11 feature shape),
 * as feature access computes it (entitlements.ts): this period's use, the seats held, the quota balances.
 */
import type { components } from "../../../../generated/commet/schema.js";
import { billedQuantity, canConsume, creditsRemaining, entitlements, overageQuantity, remaining, type Entitlement } from "../entitlements.js";
import { activeSubscriptionOf, planOf } from "../lookup.js";
import type { CommetState, CustomerRecord, SubscriptionRecord } from "../state.js";
import type { EmittedEvent } from "../../types.js";
import { about, webhookCustomerId } from "./events.js";

type Schemas = components["schemas"];
type Data = Schemas["CustomerStateChangedData"];
export type StateTrigger = Data["trigger"];

/** The live subscription: the active or trialing one, else the newest that is not canceled; none when all ended. */
function currentSubscriptionOf(state: CommetState, customer: CustomerRecord): SubscriptionRecord | undefined {
  const active = activeSubscriptionOf(state, customer);
  if (active) return active;
  const open = [...state.subscriptions.values()].filter((subscription) => subscription.customerId === customer.id && subscription.status !== "canceled");
  return open.sort((a, b) => b.seq - a.seq)[0];
}

/** Sent after every change of what the customer can access, with `trigger` naming the change. */
export function customerStateChanged(state: CommetState, customer: CustomerRecord, trigger: StateTrigger): EmittedEvent {
  return about("customer.state_changed", customer, customerState(state, customer, trigger));
}

function customerState(state: CommetState, customer: CustomerRecord, trigger: StateTrigger): Data {
  const customerId = webhookCustomerId(customer);
  const subscription = currentSubscriptionOf(state, customer);
  if (!subscription) {
    return {
      customerId,
      trigger,
      status: "none",
      subscriptionId: null,
      plan: null,
      billingInterval: null,
      consumptionModel: null,
      features: [],
      seats: [],
      credits: null,
      balance: null,
    };
  }
  const plan = planOf(state, subscription);
  const features = entitlements(state, subscription).map(featureAccess);
  return {
    customerId,
    trigger,
    status: subscription.status,
    subscriptionId: subscription.id,
    plan: { id: plan.id, name: plan.name },
    billingInterval: subscription.interval,
    consumptionModel: plan.consumptionModel,
    features,
    seats: features
      .filter((feature) => feature.type === "seats")
      .map(({ code, current, included, remaining, unlimited }) => ({ code, current, included, remaining, unlimited })),
    credits:
      plan.includedCredits === undefined
        ? null
        : { planCredits: creditsRemaining(plan, subscription)!, purchasedCredits: 0, totalCredits: creditsRemaining(plan, subscription)! },
    balance: null,
  };
}

/** The flat 2026-07-11 shape of one entitlement (entitlements.ts); fields that do not apply are null. */
function featureAccess(entry: Entitlement): Schemas["WebhookFeatureAccess"] {
  const { feature, model } = entry;
  const allowed = canConsume(entry).allowed;
  const base = { code: feature.code, name: feature.name, type: feature.type, allowed };
  if (model === "boolean") {
    return {
      ...base,
      enabled: entry.granted,
      current: null,
      included: null,
      remaining: null,
      overageQuantity: null,
      overageUnitPrice: null,
      unlimited: null,
      overageEnabled: null,
      billedQuantity: null,
    };
  }
  return {
    ...base,
    enabled: null,
    current: entry.current,
    included: model === "credits" ? null : entry.included,
    remaining: remaining(entry),
    overageQuantity: overageQuantity(entry),
    overageUnitPrice: entry.overageUnitPrice,
    unlimited: entry.unlimited,
    overageEnabled: entry.overageEnabled,
    billedQuantity: model === "quota" ? billedQuantity(entry) : null,
  };
}
