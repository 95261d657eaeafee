/**
 * The Commet mock's plan catalogue: what every tenant starts with, since plan management is outside
 * the API this project covers. Each plan brings the features it includes into the feature catalogue,
 * so those features exist from the start and cannot be deleted (`feature_in_use`). Everything else
 * (features, add-ons, customers, subscriptions) starts empty and is created through the API.
 *
 * The plans form one plan group whose `sortOrder` is their order here (free, pro, team): what makes a
 * plan change an upgrade (immediate, prorated) or a downgrade (at renewal).
 */
import type { FeatureType, PlanModel } from "./state.js";

/** The intervals a plan can be priced for; `one_time` plans are not part of the catalogue. */
export type PlanInterval = "weekly" | "monthly" | "quarterly" | "yearly";

/** Shortest first: moving right is a longer interval (an immediate change), left a shorter one (at renewal). */
export const INTERVAL_ORDER: readonly PlanInterval[] = ["weekly", "monthly", "quarterly", "yearly"];

export interface PlanFeatureDefinition {
  id: string;
  code: string;
  name: string;
  type: FeatureType;
  unitName: string | null;
  description: string | null;
}

export interface PlanFeature {
  code: string;
  /** Units (usage) or seats included per period; absent for boolean features. */
  included?: number;
  /** Price per unit beyond the included ones, in cents; without it, usage stops at the included units. */
  overageUnitPrice?: number;
  /** In a credits plan, the credits one unit of a usage feature takes from the pool (1 when absent). */
  creditsPerUnit?: number;
}

export interface PlanDefinition {
  id: string;
  code: string;
  name: string;
  description: string | null;
  /** Price per period in cents, by billing interval; the first interval listed is the default. */
  prices: Partial<Record<PlanInterval, number>>;
  defaultInterval: PlanInterval;
  consumptionModel: PlanModel;
  /** Trial days a new subscription gets unless it asks for `skipTrial` or `customTrialDays`. */
  trialDays: number;
  features: readonly PlanFeature[];
  /** The credit pool of a credits plan, per period. */
  includedCredits?: number;
}

/** The features the plans include, created in every tenant's feature catalogue. */
export const PLAN_FEATURES: readonly PlanFeatureDefinition[] = [
  { id: "feat_ApiCalls00000001", code: "api_calls", name: "API calls", type: "usage", unitName: "calls", description: "Requests to the public API." },
  { id: "feat_TeamSeats0000001", code: "team_seats", name: "Team seats", type: "seats", unitName: "seats", description: null },
  {
    id: "feat_Projects00000001",
    code: "projects",
    name: "Projects",
    type: "quota",
    unitName: "projects",
    description: "Projects a customer can keep at once.",
  },
];

// One plan per consumption model the add-on rule distinguishes: none (free), metered, credits.
export const PLANS: readonly PlanDefinition[] = [
  {
    id: "plan_Free000000000001",
    code: "free",
    name: "Free",
    description: "Try the product.",
    prices: { monthly: 0 },
    defaultInterval: "monthly",
    consumptionModel: null,
    trialDays: 0,
    features: [
      { code: "api_calls", included: 1000 },
      { code: "projects", included: 1 },
    ],
  },
  {
    id: "plan_Pro0000000000001",
    code: "pro",
    name: "Pro",
    description: null,
    prices: { monthly: 4900, yearly: 49000 },
    defaultInterval: "monthly",
    consumptionModel: "metered",
    trialDays: 0,
    features: [
      { code: "api_calls", included: 10000, overageUnitPrice: 2 },
      { code: "projects", included: 5, overageUnitPrice: 500 },
    ],
  },
  {
    id: "plan_Team000000000001",
    code: "team",
    name: "Team",
    description: "For teams that share a credit pool.",
    prices: { monthly: 9900, yearly: 99000 },
    defaultInterval: "monthly",
    consumptionModel: "credits",
    trialDays: 14,
    features: [
      { code: "api_calls", included: 50000, creditsPerUnit: 1 },
      { code: "team_seats", included: 5, overageUnitPrice: 1500 },
      { code: "projects", included: 25 },
    ],
    includedCredits: 1000,
  },
];
