/** The Commet mock's records as the API shows them, in the `{ success: true, data }` envelope. */
import type { components } from "../../../generated/commet/schema.js";
import type { MockReply } from "../types.js";
import { creditsRemaining, entitlements, overageQuantity } from "./entitlements.js";
import { daysRemaining } from "./billing.js";
import { planOf } from "./lookup.js";
import type { AddonRecord, ActivationRecord, CommetState, CustomerRecord, FeatureRecord, SubscriptionRecord } from "./state.js";

type Schemas = components["schemas"];

export const ok = (data: unknown): MockReply => ({ status: 200, body: { success: true, data } });

export function toFeature(state: CommetState, feature: FeatureRecord): Schemas["Feature"] {
  return {
    id: feature.id,
    name: feature.name,
    code: feature.code,
    type: feature.type,
    description: feature.description,
    unitName: feature.unitName,
    createdAt: feature.createdAt,
    updatedAt: feature.updatedAt,
    object: "feature",
    livemode: state.livemode,
  };
}

export function toAddon(state: CommetState, addon: AddonRecord): Schemas["Addon"] {
  const feature = state.features.get(addon.featureId)!;
  return {
    id: addon.id,
    name: addon.name,
    slug: addon.slug,
    description: addon.description,
    basePrice: addon.basePrice,
    consumptionModel: addon.consumptionModel,
    featureCode: feature.code,
    featureName: feature.name,
    includedUnits: addon.includedUnits,
    overageRate: addon.overageRate,
    creditCost: addon.creditCost,
    createdAt: addon.createdAt,
    updatedAt: addon.updatedAt,
    object: "addon",
    livemode: state.livemode,
  };
}

export function toActiveAddon(state: CommetState, activation: ActivationRecord): Schemas["ActiveAddon"] {
  const addon = state.addons.get(activation.addonId)!;
  const feature = state.features.get(addon.featureId)!;
  return {
    slug: addon.slug,
    name: addon.name,
    basePrice: addon.basePrice,
    featureCode: feature.code,
    featureName: feature.name,
    featureType: feature.type,
    consumptionModel: addon.consumptionModel,
    activatedAt: activation.activatedAt,
    object: "addon",
    livemode: state.livemode,
  };
}

export function toCustomer(state: CommetState, customer: CustomerRecord): Schemas["Customer"] {
  return {
    id: customer.id,
    externalId: customer.externalId,
    fullName: customer.fullName,
    email: customer.email,
    taxDocument: customer.taxDocument,
    documentType: null,
    timezone: customer.timezone,
    metadata: customer.metadata,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
    object: "customer",
    livemode: state.livemode,
  };
}

/** The features the subscription gives (the plan's, extended by its active add-ons), with this period's use. */
function subscriptionFeatures(state: CommetState, subscription: SubscriptionRecord): Schemas["SubscriptionFeature"][] {
  return entitlements(state, subscription).map((entry): Schemas["SubscriptionFeature"] => {
    const { feature } = entry;
    const base = { code: feature.code, name: feature.name, type: feature.type };
    if (entry.model === "boolean") return { ...base, enabled: entry.granted };
    return {
      ...base,
      usage: {
        current: entry.current,
        included: entry.included,
        overageQuantity: overageQuantity(entry),
        ...(entry.overageUnitPrice !== null ? { overageUnitPrice: entry.overageUnitPrice } : {}),
      },
    };
  });
}

/** The scheduled change as the API shows it. */
function scheduledPlanChange(state: CommetState, subscription: SubscriptionRecord): Schemas["Subscription"]["scheduledPlanChange"] {
  const change = subscription.scheduledChange;
  if (!change) return null;
  const plan = state.plans.find((candidate) => candidate.code === change.planCode)!;
  return {
    changeType: change.changeType,
    newPlanId: plan.id,
    newPlanName: plan.name,
    newBillingInterval: change.interval,
    scheduledFor: change.scheduledFor.toISOString(),
  };
}

export function toSubscription(state: CommetState, subscription: SubscriptionRecord, now: Date): Schemas["Subscription"] {
  const plan = planOf(state, subscription);
  const { period } = subscription;
  // Billing runs from the trial's end while trialing, from the period's start otherwise.
  const anchor = period && (subscription.status === "trialing" ? period.end : period.start);
  return {
    id: subscription.id,
    customerId: subscription.customerId,
    plan: { id: plan.id, name: plan.name, basePrice: subscription.basePrice },
    name: subscription.name,
    description: plan.description,
    status: subscription.status,
    billingInterval: subscription.interval,
    consumptionModel: plan.consumptionModel,
    trialEndsAt: subscription.trialEndsAt,
    currentPeriod: period && { start: period.start.toISOString(), end: period.end.toISOString(), daysRemaining: daysRemaining(period, now) },
    features: subscriptionFeatures(state, subscription),
    credits: plan.includedCredits !== undefined ? { remaining: creditsRemaining(plan, subscription)!, included: plan.includedCredits, purchased: 0 } : null,
    balance: null,
    cancellation: subscription.cancellation,
    cancelAtPeriodEnd: subscription.cancelAtPeriodEnd,
    scheduledPlanChange: scheduledPlanChange(state, subscription),
    discount: null,
    startDate: subscription.startDate,
    endDate: subscription.endDate,
    billingDayOfMonth: anchor ? anchor.getUTCDate() : null,
    // A subscription set to cancel at the period's end bills no more.
    nextBillingDate: period && !subscription.cancelAtPeriodEnd ? period.end.toISOString() : null,
    checkoutUrl: subscription.checkoutUrl,
    createdAt: subscription.createdAt,
    updatedAt: subscription.updatedAt,
    object: "subscription",
    livemode: state.livemode,
  };
}
