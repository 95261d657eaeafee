/** The Commet mock's in-memory state for one tenant: the plan catalogue and its features, and the seed's customers. */
import type { components } from "../../../generated/commet/schema.js";
import { addCustomer } from "./handlers/customers.js";
import { addSubscription } from "./handlers/subscriptions.js";
import type { PlanDefinition, PlanInterval } from "./plans.js";
import { commetSeed, type SeededCustomer } from "./seed.js";

type Schemas = components["schemas"];
export type FeatureType = Schemas["FeatureType"];
export type ConsumptionModel = Schemas["ConsumptionModel"];
export type PlanModel = Exclude<ConsumptionModel, "boolean"> | null;
export type SubscriptionStatus = Schemas["SubscriptionStatus"];

/** Insertion order: lists are newest first and cursors point into this sequence. */
interface Sequenced {
  seq: number;
}

export interface FeatureRecord extends Sequenced {
  id: string;
  code: string;
  name: string;
  type: FeatureType;
  description: string | null;
  unitName: string | null;
  createdAt: string;
  updatedAt: string;
  /** Deleted features are kept (add-ons deleted before them still point at them) but never shown. */
  deletedAt: string | null;
}

export interface AddonRecord extends Sequenced {
  id: string;
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

export interface CustomerRecord extends Sequenced {
  /** The Commet ID (`cus_…`). */
  id: string;
  /** The caller's own ID given as `id` at creation; creating again with it returns this customer. */
  ownId: string | null;
  externalId: string | null;
  email: string;
  fullName: string | null;
  taxDocument: string | null;
  timezone: string;
  metadata: Record<string, unknown>;
  address: Schemas["Address"] | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The invoice of a subscription's first period: what its checkout collects, or what the card on file
 * paid. The API does not show it; the webhooks name it (checkout.ready, subscription.activated).
 */
export interface InvoiceRecord {
  id: string;
  /** `INV-` and the subscription's sequence number, so it is unique within the tenant. */
  number: string;
  /** In cents, the subscription's price for its interval. */
  total: number;
}

export interface SubscriptionRecord extends Sequenced {
  id: string;
  /** The Commet customer ID. */
  customerId: string;
  planCode: string;
  name: string;
  interval: PlanInterval;
  /** The plan's price for `interval`, in cents. */
  basePrice: number;
  status: SubscriptionStatus;
  trialEndsAt: string | null;
  /** The current period (the trial while trialing); null while none runs (pending payment, canceled). */
  period: { start: Date; end: Date } | null;
  /** Seats by seat feature code. */
  seats: Record<string, number>;
  startDate: string;
  endDate: string | null;
  checkoutUrl: string | null;
  /** None for a subscription that started with a trial. */
  firstInvoice: InvoiceRecord | null;
  cancellation: { scheduledAt: string; reason: string | null; effectiveAt: string } | null;
  /** A cancellation waits for the period's end (`cancellation.effectiveAt`); access lasts until then. */
  cancelAtPeriodEnd: boolean;
  /** A downgrade or a shorter interval, applied when the current period ends. */
  scheduledChange: ScheduledChange | null;
  /** A free-to-paid change waiting for its checkout to be paid (the pay control route applies it). */
  pendingChange: PendingChange | null;
  /** Units used this period, by usage feature code; a new period starts from none. */
  usage: Record<string, number>;
  /** Credits taken from the plan's pool this period (credits plans). */
  creditsUsed: number;
  /** The renewal charge that failed and left the subscription past_due; reactivation retries it. */
  outstanding: InvoiceRecord | null;
  createdAt: string;
  updatedAt: string;
}

export interface ScheduledChange {
  changeType: "plan_downgrade" | "interval_change";
  planCode: string;
  interval: PlanInterval;
  /** The end of the period it was scheduled in. */
  scheduledFor: Date;
}

export interface PendingChange {
  planCode: string;
  interval: PlanInterval;
  checkoutUrl: string;
  invoice: InvoiceRecord;
}

/** A customer's balance of one quota feature: durable, it does not reset with the period. */
export interface QuotaRecord {
  customerId: string;
  featureCode: string;
  balance: number;
  updatedAt: string;
}

export interface ActivationRecord {
  subscriptionId: string;
  addonId: string;
  status: "active" | "inactive";
  activatedAt: string;
  deactivatedAt: string | null;
}

/** A sandbox key sees the sandbox tenant, any other key the live one. */
export const COMMET_TENANTS = ["sandbox", "live"] as const;

export interface CommetState {
  livemode: boolean;
  /** The plan catalogue of the seed (read-only): plan management is outside the API. */
  plans: readonly PlanDefinition[];
  features: Map<string, FeatureRecord>;
  customers: Map<string, CustomerRecord>;
  subscriptions: Map<string, SubscriptionRecord>;
  addons: Map<string, AddonRecord>;
  /** Keyed by `${subscriptionId}/${addonId}`: one record per pair, reused on reactivation. */
  activations: Map<string, ActivationRecord>;
  /** Keyed by `${customerId}/${featureCode}`. */
  quotas: Map<string, QuotaRecord>;
  /** The caller's keys of the usage events recorded, by `${customerId}/${key}`: a key is recorded once. */
  usageKeys: Map<string, string>;
  nextSeq: number;
}

/** A tenant with the catalogue and customers of the seed set of `seed` (0: the documented one; see MockServerOptions.seed). */
export function createCommetState(livemode: boolean, now: Date, seed = 0): CommetState {
  const at = now.toISOString();
  const catalogue = commetSeed(seed);
  const features = catalogue.features.map((feature, index): FeatureRecord => ({ ...feature, seq: index + 1, createdAt: at, updatedAt: at, deletedAt: null }));
  const state: CommetState = {
    livemode,
    plans: catalogue.plans,
    features: new Map(features.map((feature) => [feature.id, feature])),
    customers: new Map(),
    subscriptions: new Map(),
    addons: new Map(),
    activations: new Map(),
    quotas: new Map(),
    usageKeys: new Map(),
    nextSeq: features.length + 1,
  };
  for (const seeded of catalogue.customers) addSeededCustomer(state, seeded, now);
  return state;
}

/** Through the API's own code, so a seeded subscription is what POST /subscriptions makes: its period on the mock's clock, its status from the card. */
function addSeededCustomer(state: CommetState, seeded: SeededCustomer, now: Date): void {
  const customer = addCustomer(state, seeded.customer, now, seeded.id);
  addSubscription(state, { ...seeded.subscription, customerId: customer.id }, now);
}
