/** The Commet mock's in-memory state for one tenant, built from the seed set. */
import { SEED_CUSTOMERS, SEED_FEATURES, SEED_SUBSCRIPTIONS, type SeedSubscription } from "./seed.js";

export type FeatureType = "boolean" | "usage" | "seats" | "quota";
export type ConsumptionModel = "boolean" | "metered" | "credits" | "balance";
export type PlanModel = Exclude<ConsumptionModel, "boolean"> | null;

export interface FeatureRecord {
  id: string;
  code: string;
  name: string;
  type: FeatureType;
}

export interface AddonRecord {
  id: string;
  /** Insertion order: lists are newest first and cursors point into this sequence. */
  seq: number;
  name: string;
  slug: string;
  description: string | null;
  basePrice: number;
  consumptionModel: ConsumptionModel;
  featureId: string;
  includedUnits: number | null;
  overageRate: number | null;
  creditCost: number | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface SubscriptionRecord extends Omit<SeedSubscription, "daysElapsed" | "daysRemaining"> {
  periodStart: Date;
  periodEnd: Date;
}

export interface ActivationRecord {
  subscriptionId: string;
  addonId: string;
  status: "active" | "inactive";
  activatedAt: string;
  deactivatedAt: string | null;
}

export interface ChargeRecord {
  subscriptionId: string;
  addonId: string;
  amount: number;
  at: string;
}

export interface CommetState {
  livemode: boolean;
  features: Map<string, FeatureRecord>;
  customers: Map<string, { id: string; email: string; externalId: string }>;
  subscriptions: Map<string, SubscriptionRecord>;
  addons: Map<string, AddonRecord>;
  /** Keyed by `${subscriptionId}/${addonId}`: one record per pair, reused on reactivation. */
  activations: Map<string, ActivationRecord>;
  charges: ChargeRecord[];
  nextSeq: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function createCommetState(livemode: boolean, now: Date): CommetState {
  return {
    livemode,
    features: new Map(SEED_FEATURES.map((feature) => [feature.id, { ...feature }])),
    customers: new Map(SEED_CUSTOMERS.map((customer) => [customer.id, { ...customer }])),
    subscriptions: new Map(
      SEED_SUBSCRIPTIONS.map(({ daysElapsed, daysRemaining, ...subscription }) => [
        subscription.id,
        {
          ...subscription,
          // Half a day of slack keeps `floor(days remaining)` stable while a test runs.
          periodStart: new Date(now.getTime() - (daysElapsed - 0.5) * DAY_MS),
          periodEnd: new Date(now.getTime() + (daysRemaining + 0.5) * DAY_MS),
        },
      ]),
    ),
    addons: new Map(),
    activations: new Map(),
    charges: [],
    nextSeq: 1,
  };
}
