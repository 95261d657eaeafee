/**
 * The Commet mock's seed set: the plan catalogue every tenant starts with (plans.ts). With seed 0 it is
 * the documented one; any other seed draws the plans' and features' ids, names and amounts from it
 * (seeding.ts). Plan codes stay: they are what a caller subscribes with, as a live account's user
 * reads them off the dashboard, and no response shows them.
 *
 * Any other seed also gives the account one customer, paying for `pro` monthly with a working card: what
 * a live account's user names with the `customerId` fixture, since no operation deletes a customer and a
 * contract run must not create one there. Seed 0 has none: the documented account is the catalogue.
 */
import type { components } from "../../../generated/commet/schema.js";
import type { Fixtures } from "../../contract/fixtures.js";
import { seeding, specExamples, type Seeding } from "../seeding.js";
import { PLAN_FEATURES, PLANS, type PlanDefinition, type PlanFeatureDefinition } from "./plans.js";

type Schemas = components["schemas"];

/** A customer the account starts with, and the subscription it is created with (state.ts creates both as the API does). */
export interface SeededCustomer {
  /** The Commet ID: drawn from the seed, unlike the random one of POST /customers, so that the fixtures can name it. */
  id: string;
  customer: Schemas["CreateCustomerRequest"];
  /** The fields of a CreateSubscriptionRequest, but `customerId` (the customer's). */
  subscription: { planCode: string; billingInterval: Schemas["BillingInterval"]; skipTrial: boolean };
}

export interface CommetSeed {
  features: PlanFeatureDefinition[];
  plans: PlanDefinition[];
  customers: SeededCustomer[];
  /** The seeded customer's Commet ID as `customerId`; none for seed 0, whose account lists all it holds. */
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
        const [units, overage] = [
          quantity(included.included),
          included.overageUnitPrice === undefined ? undefined : g.cents(included.overageUnitPrice, ...PRICE_CENTS),
        ];
        const credits = included.creditsPerUnit === undefined ? {} : { creditsPerUnit: included.creditsPerUnit };
        return {
          code: g.name(included.code),
          ...(units !== undefined ? { included: units } : {}),
          ...(overage !== undefined ? { overageUnitPrice: overage } : {}),
          ...credits,
        };
      }),
      ...(includedCredits !== undefined ? { includedCredits } : {}),
    };
  });
  // Drawn after the catalogue, so that the catalogue's values stay what they were before customers were seeded.
  const customers = seed === 0 ? [] : [seededCustomer(g)];
  const values: Record<string, string> = customers.length > 0 ? { customerId: customers[0]!.id } : {};
  return { features, plans, customers, fixtures: { values, operations: {} } };
}

/**
 * The paying customer of a seeded account. Its card is the default one, which works (payment-method.ts);
 * `skipTrial` makes the subscription active from the start whatever trial the plan gives.
 */
function seededCustomer(g: Seeding): SeededCustomer {
  return {
    // The shape of the IDs the mock makes (ids.ts): `cus_` and 16 letters and digits.
    id: g.prefixedId("cus_ContractSeeded01"),
    customer: {
      email: g.email("contract.seeded@contract-customer.test"),
      externalId: g.name("contract_seeded_customer"),
      fullName: g.name("Contract Seeded Customer"),
    },
    subscription: { planCode: "pro", billingInterval: "monthly", skipTrial: true },
  };
}
