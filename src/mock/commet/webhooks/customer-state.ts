/**
 * The `data` of customer.state_changed: what a customer can access now, from their current
 * subscription, its plan's features and the add-ons active on it (the flat 2026-07-11 feature shape).
 * The mock records no usage, so usage features show 0 used; seats count what the subscription holds.
 */
import type { components } from "../../../../generated/commet/schema.js";
import { activeSubscriptionOf, liveFeatures, planOf } from "../lookup.js";
import type { CommetState, CustomerRecord, FeatureRecord, SubscriptionRecord } from "../state.js";
import type { EmittedEvent } from "../../types.js";
import { about, webhookCustomerId } from "./events.js";

type Schemas = components["schemas"];
type Data = Schemas["CustomerStateChangedData"];
export type StateTrigger = Data["trigger"];

/** Documented: access is granted while trialing, active or past_due. */
const ACCESS_STATUSES: ReadonlySet<string> = new Set(["trialing", "active", "past_due"]);

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
    return { customerId, trigger, status: "none", subscriptionId: null, plan: null, billingInterval: null, consumptionModel: null, features: [], seats: [], credits: null, balance: null };
  }
  const plan = planOf(state, subscription);
  const features = featureAccess(state, subscription, ACCESS_STATUSES.has(subscription.status));
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
    credits: plan.includedCredits === undefined ? null : { planCredits: plan.includedCredits, purchasedCredits: 0, totalCredits: plan.includedCredits },
    balance: null,
  };
}

interface Allowance {
  feature: FeatureRecord;
  /** Units or seats included; null for a boolean feature. */
  included: number | null;
  overageUnitPrice: number | null;
}

/** The plan's features, then those the active add-ons bring; an add-on on a plan feature adds its units to the plan's. */
function featureAccess(state: CommetState, subscription: SubscriptionRecord, allowed: boolean): Schemas["WebhookFeatureAccess"][] {
  const catalogue = liveFeatures(state);
  const allowances = new Map<string, Allowance>();
  for (const included of planOf(state, subscription).features) {
    const feature = catalogue.find((candidate) => candidate.code === included.code);
    if (feature) allowances.set(feature.id, { feature, included: feature.type === "boolean" ? null : (included.included ?? 0), overageUnitPrice: included.overageUnitPrice ?? null });
  }
  for (const activation of state.activations.values()) {
    if (activation.subscriptionId !== subscription.id || activation.status !== "active") continue;
    const addon = state.addons.get(activation.addonId)!;
    const feature = state.features.get(addon.featureId)!;
    const units = feature.type === "boolean" ? null : (addon.includedUnits ?? 0);
    const existing = allowances.get(feature.id);
    if (existing) existing.included = existing.included === null || units === null ? existing.included : existing.included + units;
    else allowances.set(feature.id, { feature, included: units, overageUnitPrice: addon.overageRate });
  }
  return [...allowances.values()].map(({ feature, included, overageUnitPrice }) => {
    const base = { code: feature.code, name: feature.name, type: feature.type, allowed, billedQuantity: null };
    if (included === null) {
      return { ...base, enabled: allowed, current: null, included: null, remaining: null, overageQuantity: null, overageUnitPrice: null, unlimited: null, overageEnabled: null };
    }
    const current = feature.type === "seats" ? (subscription.seats[feature.code] ?? 0) : 0;
    return {
      ...base,
      enabled: null,
      current,
      included,
      remaining: Math.max(0, included - current),
      overageQuantity: Math.max(0, current - included),
      overageUnitPrice,
      unlimited: false,
      overageEnabled: overageUnitPrice !== null,
    };
  });
}
