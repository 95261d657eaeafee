/** How the Commet mock resolves the references a request carries, and the 404 it answers otherwise. */
import { MockError } from "../mock-error.js";
import type { PlanDefinition } from "./plans.js";
import type { AddonRecord, CommetState, CustomerRecord, FeatureRecord, SubscriptionRecord } from "./state.js";

/** Statuses on which add-ons can be activated, and which count as "the active subscription". */
export const ACTIVE_STATUSES: ReadonlySet<string> = new Set(["active", "trialing"]);

export function liveFeatures(state: CommetState): FeatureRecord[] {
  return [...state.features.values()].filter((feature) => feature.deletedAt === null);
}

/** By public ID first, then by code, among features that are not deleted. */
export function findFeature(state: CommetState, idOrCode: string, param: string): FeatureRecord {
  const live = liveFeatures(state);
  const feature = live.find((candidate) => candidate.id === idOrCode) ?? live.find((candidate) => candidate.code === idOrCode);
  if (!feature) throw new MockError(404, "feature_not_found", `No feature ${JSON.stringify(idOrCode)}.`, { param });
  return feature;
}

export function liveAddons(state: CommetState): AddonRecord[] {
  return [...state.addons.values()].filter((addon) => addon.deletedAt === null);
}

/** By public ID first, then by slug (where the operation takes one), among add-ons that are not deleted. */
export function findAddon(state: CommetState, idOrSlug: string, param: string, allowSlug = true): AddonRecord {
  const byId = state.addons.get(idOrSlug);
  const addon = byId?.deletedAt === null ? byId : allowSlug ? liveAddons(state).find((candidate) => candidate.slug === idOrSlug) : undefined;
  if (!addon) throw new MockError(404, "addon_not_found", `No add-on ${JSON.stringify(idOrSlug)}.`, { param });
  return addon;
}

/** A `customerId` as the docs use it: the Commet ID, else the caller's own ID, else the external ID. */
export function resolveCustomer(state: CommetState, reference: string): CustomerRecord | undefined {
  const customers = [...state.customers.values()];
  return (
    state.customers.get(reference) ??
    customers.find((customer) => customer.ownId === reference) ??
    customers.find((customer) => customer.externalId === reference)
  );
}

export function findCustomer(state: CommetState, reference: string, param: string): CustomerRecord {
  const customer = resolveCustomer(state, reference);
  if (!customer) throw new MockError(404, "customer_not_found", `No customer ${JSON.stringify(reference)}.`, { param });
  return customer;
}

export function findSubscription(state: CommetState, id: string, param = "id"): SubscriptionRecord {
  const subscription = state.subscriptions.get(id);
  if (!subscription) throw new MockError(404, "subscription_not_found", `No subscription ${JSON.stringify(id)}.`, { param });
  return subscription;
}

/** The customer's active or trialing subscription; a customer has at most one. */
export function activeSubscriptionOf(state: CommetState, customer: CustomerRecord): SubscriptionRecord | undefined {
  return [...state.subscriptions.values()].find((subscription) => subscription.customerId === customer.id && ACTIVE_STATUSES.has(subscription.status));
}

export function planOf(state: CommetState, subscription: SubscriptionRecord): PlanDefinition {
  const plan = state.plans.find((candidate) => candidate.code === subscription.planCode);
  if (!plan) throw new Error(`subscription ${subscription.id} names no catalogue plan ${subscription.planCode}`);
  return plan;
}

export function findPlan(state: CommetState, reference: { planId?: string; planCode?: string }): PlanDefinition {
  const plan = state.plans.find((candidate) => (reference.planId !== undefined ? candidate.id === reference.planId : candidate.code === reference.planCode));
  if (plan) return plan;
  const [param, value] = reference.planId !== undefined ? ["planId", reference.planId] : ["planCode", reference.planCode];
  throw new MockError(
    404,
    "plan_not_found",
    `No plan ${JSON.stringify(value)}; the mock's catalogue has ${state.plans.map((candidate) => candidate.code).join(", ")}.`,
    { param },
  );
}
