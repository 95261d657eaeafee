/**
 * What a subscription gives a customer now, feature by feature: the plan's features, extended by the
 * add-ons active on it, with this period's use. Feature access, usage checks, the subscription's
 * `features` and customer.state_changed all read it here, so they never disagree.
 *
 * - A boolean add-on unlocks its feature (on a feature with units, without a limit).
 * - A metered add-on adds its included units to the plan's (or brings them, with its own overage rate,
 *   for a feature the plan lacks).
 * - A credits add-on makes its feature usable from the plan's shared credit pool, `creditCost` credits a
 *   unit: when the pool runs out, the add-on's feature is blocked too (documented).
 */
import { liveFeatures, planOf } from "./lookup.js";
import type { PlanDefinition } from "./plans.js";
import type { AddonRecord, CommetState, FeatureRecord, SubscriptionRecord } from "./state.js";

/** Documented: access is granted while trialing, active or past_due (a grace window during dunning). */
export const ACCESS_STATUSES: ReadonlySet<string> = new Set(["trialing", "active", "past_due"]);

/** How use of a feature is counted. */
export type UseModel = "boolean" | "metered" | "credits" | "seats" | "quota";

export interface Entitlement {
  feature: FeatureRecord;
  model: UseModel;
  /** The subscription's status grants access at all. */
  granted: boolean;
  /** No limit: a boolean add-on on a feature with units. */
  unlimited: boolean;
  /** Units (metered), seats or quota included this period, the add-ons' included; 0 for boolean and credits. */
  included: number;
  /** Units used this period, seats held, or the quota balance; 0 for boolean. */
  current: number;
  /** Cents per unit beyond the included ones, when the plan (or the add-on) prices overage. */
  overageUnitPrice: number | null;
  /** Overage may be used: priced, and neither a free plan nor a trial (documented: both block at the included limit). */
  overageEnabled: boolean;
  /** Credits one unit takes from the pool (credits model). */
  creditsPerUnit: number;
  /** Credits left in the pool this period (credits model); 0 otherwise. */
  creditsRemaining: number;
}

/** The plan's credit pool left this period; null for a plan without one. */
export function creditsRemaining(plan: PlanDefinition, subscription: SubscriptionRecord): number | null {
  return plan.includedCredits === undefined ? null : Math.max(0, plan.includedCredits - subscription.creditsUsed);
}

/** The add-ons active on the subscription, in the order they were activated. */
export function activeAddons(state: CommetState, subscription: SubscriptionRecord): AddonRecord[] {
  return [...state.activations.values()]
    .filter((activation) => activation.subscriptionId === subscription.id && activation.status === "active")
    .sort((a, b) => a.activatedAt.localeCompare(b.activatedAt))
    .map((activation) => state.addons.get(activation.addonId)!);
}

function modelOf(feature: FeatureRecord, planModel: PlanDefinition["consumptionModel"], addon?: AddonRecord): UseModel {
  if (feature.type === "boolean") return "boolean";
  if (feature.type === "seats" || feature.type === "quota") return feature.type;
  // A usage feature follows the plan's model; one only an add-on brings follows the add-on's.
  const model = addon && addon.consumptionModel !== "boolean" ? addon.consumptionModel : planModel;
  return model === "credits" ? "credits" : "metered";
}

function currentUse(state: CommetState, subscription: SubscriptionRecord, feature: FeatureRecord): number {
  if (feature.type === "seats") return subscription.seats[feature.code] ?? 0;
  if (feature.type === "quota") return state.quotas.get(`${subscription.customerId}/${feature.code}`)?.balance ?? 0;
  return feature.type === "usage" ? (subscription.usage[feature.code] ?? 0) : 0;
}

/** Every feature the subscription gives: the plan's in its order, then those only add-ons bring. */
export function entitlements(state: CommetState, subscription: SubscriptionRecord): Entitlement[] {
  const plan = planOf(state, subscription);
  const granted = ACCESS_STATUSES.has(subscription.status);
  // Documented: overage is not allowed on a free plan, and blocked during a trial.
  const overageAllowed = subscription.basePrice > 0 && subscription.status !== "trialing";
  const pool = creditsRemaining(plan, subscription) ?? 0;
  const catalogue = liveFeatures(state);
  const byFeature = new Map<string, Entitlement>();
  const entitlement = (feature: FeatureRecord, model: UseModel, overageUnitPrice: number | null, creditsPerUnit: number): Entitlement => ({
    feature,
    model,
    granted,
    unlimited: false,
    included: 0,
    current: currentUse(state, subscription, feature),
    overageUnitPrice,
    overageEnabled: overageAllowed && overageUnitPrice !== null,
    creditsPerUnit,
    creditsRemaining: model === "credits" ? pool : 0,
  });
  for (const included of plan.features) {
    const feature = catalogue.find((candidate) => candidate.code === included.code);
    if (!feature) continue;
    const model = modelOf(feature, plan.consumptionModel);
    const entry = entitlement(feature, model, included.overageUnitPrice ?? null, included.creditsPerUnit ?? 1);
    entry.included = model === "boolean" ? 0 : (included.included ?? 0);
    byFeature.set(feature.id, entry);
  }
  for (const addon of activeAddons(state, subscription)) {
    // Add-on features are not deleted while an add-on uses them, so the feature is there.
    const feature = state.features.get(addon.featureId)!;
    let entry = byFeature.get(feature.id);
    if (!entry) {
      entry = entitlement(feature, modelOf(feature, plan.consumptionModel, addon), addon.overageRate, addon.creditCost ?? 1);
      byFeature.set(feature.id, entry);
    }
    if (addon.consumptionModel === "boolean") entry.unlimited = entry.model !== "boolean";
    else if (addon.consumptionModel === "metered") entry.included += addon.includedUnits ?? 0;
  }
  return [...byFeature.values()];
}

/** The entitlement to one feature (by code), if the subscription gives it. */
export function entitlementTo(state: CommetState, subscription: SubscriptionRecord, code: string): Entitlement | undefined {
  return entitlements(state, subscription).find((entry) => entry.feature.code === code);
}

/** Units left before overage (metered, seats, quota) or in the pool (credits); null without a limit. */
export function remaining(entry: Entitlement): number | null {
  if (entry.unlimited || entry.model === "boolean") return null;
  if (entry.model === "credits") return Math.floor(entry.creditsRemaining / entry.creditsPerUnit);
  return Math.max(0, entry.included - entry.current);
}

/** Units used beyond the included ones. */
export function overageQuantity(entry: Entitlement): number {
  if (entry.unlimited || entry.model === "boolean" || entry.model === "credits") return 0;
  return Math.max(0, entry.current - entry.included);
}

/** Quota units billed this period: those above the included ones, when overage is billed. */
export function billedQuantity(entry: Entitlement): number {
  return entry.overageEnabled ? overageQuantity(entry) : 0;
}

export interface Consumption {
  allowed: boolean;
  /** Some of the units would be billed as overage. */
  willBeCharged: boolean;
  /** Why not, in Commet's denial codes. */
  reason?: "no_active_subscription" | "included_limit_reached" | "insufficient_credits";
}

/**
 * Whether `quantity` more units can be used now: for a usage feature, units used; for seats and quota,
 * units more held. Feature access asks for one unit: a feature is allowed while one more unit fits
 * (included units left, overage allowed, or no limit).
 */
export function canConsume(entry: Entitlement, quantity = 1): Consumption {
  if (!entry.granted) return { allowed: false, willBeCharged: false, reason: "no_active_subscription" };
  if (entry.model === "boolean" || entry.unlimited) return { allowed: true, willBeCharged: false };
  if (entry.model === "credits") {
    const enough = entry.creditsRemaining >= quantity * entry.creditsPerUnit;
    return enough ? { allowed: true, willBeCharged: false } : { allowed: false, willBeCharged: false, reason: "insufficient_credits" };
  }
  const beyond = entry.current + quantity > entry.included;
  if (!beyond) return { allowed: true, willBeCharged: false };
  return entry.overageEnabled ? { allowed: true, willBeCharged: true } : { allowed: false, willBeCharged: false, reason: "included_limit_reached" };
}

/** The overage of the metered features this period, in cents: what the period's end (or a plan change) bills. */
export function meteredOverageCharge(state: CommetState, subscription: SubscriptionRecord): number {
  return entitlements(state, subscription)
    .filter((entry) => entry.model === "metered" && entry.overageUnitPrice !== null)
    .reduce((sum, entry) => sum + overageQuantity(entry) * entry.overageUnitPrice!, 0);
}
