/**
 * The references a feature-access, usage or quota request carries, resolved with the errors Commet
 * documents for them: the feature by code (404 feature_not_found), the customer's subscription that
 * grants access (404 no_active_subscription) and the feature in it (400 feature_not_in_plan).
 */
import { MockError } from "../mock-error.js";
import { ACCESS_STATUSES, entitlementTo, type Entitlement } from "./entitlements.js";
import { liveFeatures } from "./lookup.js";
import type { CommetState, CustomerRecord, FeatureRecord, SubscriptionRecord } from "./state.js";

/** A feature by its code, among features that are not deleted. */
export function featureByCode(state: CommetState, code: string, param: string): FeatureRecord {
  const feature = liveFeatures(state).find((candidate) => candidate.code === code);
  if (!feature) throw new MockError(404, "feature_not_found", `No feature ${JSON.stringify(code)}.`, { param });
  return feature;
}

/**
 * The customer's subscription that grants access now: active or trialing, or past_due (documented:
 * access is granted during dunning). A customer has at most one, since each of these statuses blocks
 * a new subscription.
 */
export function accessSubscriptionOf(state: CommetState, customer: CustomerRecord): SubscriptionRecord | undefined {
  return [...state.subscriptions.values()].find((subscription) => subscription.customerId === customer.id && ACCESS_STATUSES.has(subscription.status));
}

export function requireAccessSubscription(state: CommetState, customer: CustomerRecord, param: string): SubscriptionRecord {
  const subscription = accessSubscriptionOf(state, customer);
  if (!subscription) throw new MockError(404, "no_active_subscription", "The customer has no active, trialing or past_due subscription.", { param });
  return subscription;
}

export function requireEntitlement(state: CommetState, subscription: SubscriptionRecord, feature: FeatureRecord, param: string): Entitlement {
  const entry = entitlementTo(state, subscription, feature.code);
  if (!entry) {
    throw new MockError(
      400,
      "feature_not_in_plan",
      `Feature "${feature.code}" is neither in the customer's plan nor in an add-on active on the subscription.`,
      { param },
    );
  }
  return entry;
}

/** Refuses a feature whose type the operation does not count (400 validation_error). */
export function requireType(entry: Entitlement, types: readonly string[], param: string, what: string): void {
  if (types.includes(entry.feature.type)) return;
  const message = `is a ${entry.feature.type} feature; ${what}`;
  throw new MockError(400, "validation_error", `${param} ${message}.`, { param, details: [{ field: param, message }] });
}
