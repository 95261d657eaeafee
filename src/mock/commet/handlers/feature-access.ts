/**
 * Feature access: what a customer's subscription gives, feature by feature, plan features first and
 * then the features of its active add-ons (entitlements.ts), and one feature's access, with `action=canUse`
 * for one more unit.
 */
import type { components, operations } from "../../../../generated/commet/schema.js";
import type { HandlerGroup, MockContext } from "../../types.js";
import { billedQuantity, canConsume, entitlementTo, entitlements, overageQuantity, remaining, type Entitlement } from "../entitlements.js";
import { accessSubscriptionOf, featureByCode } from "../entitled.js";
import { findCustomer } from "../lookup.js";
import type { CommetState } from "../state.js";
import { ok } from "../views.js";

type Schemas = components["schemas"];
type Context = MockContext<CommetState>;

/** The flat 2026-07-11 shape: `enabled` for a boolean feature, the counters for the others. */
function toFeatureAccess(state: CommetState, entry: Entitlement): Schemas["FeatureAccess"] {
  const { feature, model } = entry;
  const base = {
    code: feature.code,
    name: feature.name,
    type: feature.type,
    allowed: canConsume(entry).allowed,
    object: "feature" as const,
    livemode: state.livemode,
  };
  if (model === "boolean") return { ...base, enabled: entry.granted };
  const left = remaining(entry);
  return {
    ...base,
    current: entry.current,
    included: entry.included,
    ...(left !== null ? { remaining: left } : {}),
    overageQuantity: overageQuantity(entry),
    ...(entry.overageUnitPrice !== null ? { overageUnitPrice: entry.overageUnitPrice } : {}),
    unlimited: entry.unlimited,
    overageEnabled: entry.overageEnabled,
    ...(model === "quota" ? { billedQuantity: billedQuantity(entry) } : {}),
  };
}

function listFeatureAccess({ state, query }: Context) {
  const customer = findCustomer(state, query.customerId as string, "customerId");
  const subscription = accessSubscriptionOf(state, customer);
  return ok(subscription ? entitlements(state, subscription).map((entry) => toFeatureAccess(state, entry)) : []);
}

/**
 * A feature the customer cannot use is an answer (`allowed: false` and a reason), not an error; only a
 * code that names no feature is a 404.
 */
function getFeatureAccess({ state, params, query }: Context) {
  const customer = findCustomer(state, query.customerId as string, "customerId");
  const feature = featureByCode(state, params.code!, "code");
  const denied = (reason: string): Schemas["FeatureLookup"] => ({ allowed: false, reason, object: "feature", livemode: state.livemode });
  const subscription = accessSubscriptionOf(state, customer);
  if (!subscription) return ok(denied("no_active_subscription"));
  const entry = entitlementTo(state, subscription, feature.code);
  if (!entry) return ok(denied("feature_not_in_plan"));
  const consumption = canConsume(entry);
  const lookup: Schemas["FeatureLookup"] = {
    ...toFeatureAccess(state, entry),
    ...(query.action === "canUse" ? { willBeCharged: consumption.willBeCharged } : {}),
    ...(consumption.reason !== undefined ? { reason: consumption.reason } : {}),
  };
  return ok(lookup);
}

export const featureAccessHandlers = { listFeatureAccess, getFeatureAccess } satisfies HandlerGroup<operations, CommetState>;
