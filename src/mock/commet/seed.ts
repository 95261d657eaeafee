/**
 * The Commet mock's seed set: the plan catalogue every tenant starts with (plans.ts). With seed 0 it is
 * the documented one; any other seed draws the plans' and features' ids, names and amounts from it
 * (seeding.ts). Plan codes stay: they are what a caller subscribes with, as a live account's user
 * reads them off the dashboard, and no response shows them.
 */
import type { Fixtures } from "../../contract/fixtures.js";
import { seeding, specExamples } from "../seeding.js";
import { PLAN_FEATURES, PLANS, type PlanDefinition, type PlanFeatureDefinition } from "./plans.js";

export interface CommetSeed {
  features: PlanFeatureDefinition[];
  plans: PlanDefinition[];
  /** None: a Commet account holds nothing the API did not create but the catalogue, which it lists. */
  fixtures: Fixtures;
}

/** Prices in cents, drawn for seeds other than 0: from 1.00 to 999.99 a period. */
const PRICE_CENTS = [100, 99_999] as const;
/** Included units, seats and credits, drawn for seeds other than 0. */
const QUANTITIES = [1, 99_999] as const;

/** The seed set of `seed` (0: the documented one); every call builds a fresh copy. */
export function commetSeed(seed: number): CommetSeed {
  const g = seeding(seed, specExamples("commet"));
  const quantity = (value: number | undefined) => (value === undefined ? undefined : g.integer(value, ...QUANTITIES));
  const features = PLAN_FEATURES.map((feature) => ({
    ...feature,
    id: g.prefixedId(feature.id),
    code: g.name(feature.code),
    name: g.name(feature.name),
    unitName: feature.unitName === null ? null : g.name(feature.unitName),
  }));
  const plans = PLANS.map((plan): PlanDefinition => {
    const includedCredits = quantity(plan.includedCredits);
    return {
      ...plan,
      id: g.prefixedId(plan.id),
      name: g.name(plan.name),
      prices: Object.fromEntries(Object.entries(plan.prices).map(([interval, cents]) => [interval, g.cents(cents, ...PRICE_CENTS)])),
      features: plan.features.map((included) => {
        const [units, overage] = [quantity(included.included), included.overageUnitPrice === undefined ? undefined : g.cents(included.overageUnitPrice, ...PRICE_CENTS)];
        return { code: g.name(included.code), ...(units !== undefined ? { included: units } : {}), ...(overage !== undefined ? { overageUnitPrice: overage } : {}) };
      }),
      ...(includedCredits !== undefined ? { includedCredits } : {}),
    };
  });
  return { features, plans, fixtures: { values: {}, operations: {} } };
}
