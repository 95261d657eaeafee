/**
 * What an organization may hold: the free tier's limits without a subscription, the subscription's
 * quantity of resources with one. From the Add / Update subscription page: "an Organization starts
 * [with] 3 free resources and one plan to try our features (it means up to 3 resources and 3
 * credentials)".
 */
import type { OrganizationRecord } from "./state.js";

export const FREE_TIER = { resources: 3, credentials: 3, plans: 1 } as const;

/** Resources are counted across the organization's plans (a resource in two plans counts twice). */
export function resourcesInUse(organization: OrganizationRecord): number {
  return organization.plans.reduce((count, plan) => count + plan.resources.length, 0);
}

export function resourceLimit(organization: OrganizationRecord): number {
  return organization.subscription?.quantity ?? FREE_TIER.resources;
}

/** Credentials and plans are limited on the free tier only; the docs set no limit once subscribed. */
export function credentialLimit(organization: OrganizationRecord): number {
  return organization.subscription ? Number.POSITIVE_INFINITY : FREE_TIER.credentials;
}

export function planLimit(organization: OrganizationRecord): number {
  return organization.subscription ? Number.POSITIVE_INFINITY : FREE_TIER.plans;
}
