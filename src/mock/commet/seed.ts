/**
 * The Commet mock's seed set: what every tenant (sandbox or live key) starts with. Features,
 * customers and subscriptions get their own operations later; until then they exist only here.
 * Subscription periods are placed around "now" so that prorated charges are predictable: the main
 * subscription has 20 of 31 days left, the documented example ($50 x 20/31 = $32.26).
 */
import type { FeatureType, PlanModel } from "./state.js";

export const SEED_FEATURES: readonly { id: string; code: string; name: string; type: FeatureType }[] = [
  { id: "feat_Pr1oSupp0rtAa11", code: "priority_support", name: "Priority support", type: "boolean" },
  { id: "feat_Ss0SignOnBb22c", code: "sso", name: "Single sign-on", type: "boolean" },
  { id: "feat_AudLogCc33dEe4", code: "audit_log", name: "Audit log", type: "boolean" },
  { id: "feat_ApiCallsDd44eF", code: "api_calls", name: "API calls", type: "usage" },
  { id: "feat_XtraSeatsEe55f", code: "extra_seats", name: "Extra seats", type: "seats" },
  { id: "feat_StorGbFf66gHh7", code: "storage_gb", name: "Storage (GB)", type: "quota" },
  { id: "feat_AiCredGg77hIi8", code: "ai_credits", name: "AI credits", type: "usage" },
];

export const SEED_CUSTOMERS: readonly { id: string; email: string; externalId: string }[] = [
  { id: "cus_9Fx4TgH1sLp0QzWa", email: "ada@example.com", externalId: "user_123" },
  { id: "cus_2Bn7RkV5yJc8MdXe", email: "grace@example.com", externalId: "user_456" },
  { id: "cus_6Kw3SzU8hFq2LbYt", email: "alan@example.com", externalId: "user_789" },
  { id: "cus_4Mv9QaJ6tRn1XcPd", email: "edsger@example.com", externalId: "user_321" },
];

export interface SeedSubscription {
  id: string;
  customerId: string;
  plan: { id: string; code: string; name: string; basePrice: number; consumptionModel: PlanModel };
  status: "active" | "trialing" | "canceled";
  /** Days since the period started and days until it ends. */
  daysElapsed: number;
  daysRemaining: number;
  paymentMethod: "card" | "declining_card" | null;
}

const PRO = { id: "plan_Pro0000000000001", code: "pro", name: "Pro", basePrice: 4900, consumptionModel: "metered" as const };

export const SEED_SUBSCRIPTIONS: readonly SeedSubscription[] = [
  // Active, card on file: add-ons activate and are charged.
  { id: "sub_3Jd8KwQ2nVb6YtRm", customerId: "cus_9Fx4TgH1sLp0QzWa", plan: PRO, status: "active", daysElapsed: 11, daysRemaining: 20, paymentMethod: "card" },
  // Canceled: activation gets 409 subscription_not_active; the customer has no active add-ons.
  { id: "sub_8Lp1ZxC4vQm7NtYs", customerId: "cus_2Bn7RkV5yJc8MdXe", plan: PRO, status: "canceled", daysElapsed: 40, daysRemaining: 0, paymentMethod: "card" },
  // Active, but the card declines: activation gets 402 charge_failed and activates nothing.
  { id: "sub_5Hr2WqE9aKd3FuJo", customerId: "cus_6Kw3SzU8hFq2LbYt", plan: PRO, status: "active", daysElapsed: 11, daysRemaining: 20, paymentMethod: "declining_card" },
  // Active, no payment method: a charged activation gets 409 no_payment_method.
  { id: "sub_7Gt6PbN0cXs1RwLv", customerId: "cus_4Mv9QaJ6tRn1XcPd", plan: PRO, status: "active", daysElapsed: 11, daysRemaining: 20, paymentMethod: null },
];
