/**
 * The state the Commet contract cases need, built through the public client from whatever the server
 * holds: each helper finds what an earlier case (or run) left, or creates it. Against the mock, which
 * starts with its plan catalogue only, the first case creates everything; a second run reuses it.
 */
import type { CommetClient } from "../../commet/index.js";
import { SkipCase } from "./drivers.js";
import type { ContractTarget, Driver } from "../types.js";

/** Codes, own customer IDs and plans the cases use. A live run can pass its own. */
export const COMMET_FIXTURES = {
  /** The caller's own ID of the customer whose subscription the add-on cases use: a card on file. */
  customer: "contract_customer",
  /** A customer on a free plan whose card declines (the mock reads `metadata.mock_payment_method`). */
  decliningCustomer: "contract_declining",
  /** A paid plan, and a free one (active without a charge, whatever the card). */
  plan: "pro",
  freePlan: "free",
  /** The feature of the long-lived add-on the cases share. */
  fixtureFeature: "contract_fixture",
  /** A feature whose add-on is created and deleted by the delete-add-on case. */
  disposableAddonFeature: "contract_disposable_addon",
  /** A feature created and deleted by the delete-feature case. */
  disposableFeature: "contract_disposable",
  /** The feature of the spec's examples (create feature, create add-on, get and update feature). */
  exampleFeature: "priority_support",
  /** The usage and the quota feature of the mock's plans (a live run finds the account's own). */
  usageFeature: "api_calls",
  quotaFeature: "projects",
  /** Customers whose subscriptions the subscription-change cases leave in one state each (mock only). */
  endingCustomer: "contract_ending",
  lapsedCustomer: "contract_lapsed",
  canceledCustomer: "contract_canceled",
  lapsedDecliningCustomer: "contract_lapsed_declining",
  decliningPaidCustomer: "contract_declining_paid",
};

/** A reference that names nothing, per kind. */
export const MISSING = {
  addon: "adn_doesNotExist0000",
  subscription: "sub_doesNotExist0000",
  customer: "cus_doesNotExist0000",
  feature: "no_such_feature",
  plan: "plan_doesNotExist0000",
};

/** `${ownId}_ext`: the external ID the fixture customers are created with. */
export const externalIdOf = (ownId: string): string => `${ownId}_ext`;

export function fail(what: string, error: unknown): never {
  throw new Error(`${what} failed: ${JSON.stringify(error)}`);
}

export async function ensureFeature(client: CommetClient, code: string): Promise<{ id: string; name: string }> {
  const found = await client.GET("/features/{code}", { params: { path: { code } } });
  if (found.data) return found.data.data;
  if (found.error.error.code !== "feature_not_found") fail("getFeature", found.error);
  const { data, error } = await client.POST("/features/manage", { body: { name: `Contract ${code}`, code, type: "boolean" } });
  return data ? data.data : fail("createFeature", error);
}

export async function findAddonByFeature(client: CommetClient, featureCode: string) {
  let cursor: string | undefined;
  do {
    const { data, error } = await client.GET("/addons", { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } });
    if (!data) fail("listAddons", error);
    const found = data.data.find((addon) => addon.featureCode === featureCode);
    if (found) return found;
    cursor = data.hasMore ? (data.nextCursor ?? undefined) : undefined;
  } while (cursor);
  return undefined;
}

export async function ensureAddon(client: CommetClient, featureCode: string, basePrice = 1500): Promise<string> {
  const existing = await findAddonByFeature(client, featureCode);
  if (existing) return existing.id;
  await ensureFeature(client, featureCode);
  const { data, error } = await client.POST("/addons", {
    body: { name: `Contract ${featureCode}`, basePrice, featureId: featureCode, consumptionModel: "boolean" },
  });
  return data ? data.data.id : fail("createAddon", error);
}

/** Deletes the feature's add-on, if any (only the fixture subscription ever activates one). */
export async function ensureNoAddon(client: CommetClient, target: ContractTarget, featureCode: string): Promise<void> {
  const existing = await findAddonByFeature(client, featureCode);
  if (!existing) return;
  await setActive(client, target, existing.id, false);
  const { error } = await client.DELETE("/addons/{id}", { params: { path: { id: existing.id } } });
  if (error) fail("deleteAddon", error);
}

/** Deletes the feature, and its add-on first, if they exist. */
export async function ensureNoFeature(client: CommetClient, target: ContractTarget, code: string): Promise<void> {
  await ensureNoAddon(client, target, code);
  const { error } = await client.DELETE("/features/{code}/manage", { params: { path: { code } } });
  if (error && error.error.code !== "feature_not_found") fail("deleteFeature", error);
}

/**
 * The customer whose subscription the add-on cases use: the mock's fixture customer, or on a live
 * run the account's own (`customerId` in --fixtures): a run never creates a customer there, since
 * nothing deletes one.
 */
export function customerOf(target: ContractTarget): string {
  if (!target.live) return COMMET_FIXTURES.customer;
  const own = target.fixtures?.values.customerId;
  if (own === undefined) throw new SkipCase('needs "customerId" in --fixtures: a customer with an active subscription and a working payment method');
  return own;
}

/**
 * The customer, created when missing. Create customer is idempotent on the caller's own ID, but a
 * read comes first: on a live run, creating a customer is refused (createCustomer is x-irreversible).
 */
export async function ensureCustomer(client: CommetClient, ownId: string, metadata: Record<string, unknown> = {}): Promise<string> {
  const found = await client.GET("/customers/{id}", { params: { path: { id: ownId } } });
  if (found.data) return found.data.data.id;
  const { data, error } = await client.POST("/customers", {
    body: { email: `${ownId}@example.com`, id: ownId, externalId: externalIdOf(ownId), fullName: `Contract ${ownId}`, metadata },
  });
  return data ? data.data.id : fail("createCustomer", error);
}

/** The customer's active subscription, subscribing them to the plan when they have none. */
export async function ensureSubscription(client: CommetClient, ownId: string, planCode: string, metadata?: Record<string, unknown>): Promise<string> {
  await ensureCustomer(client, ownId, metadata);
  const active = await client.GET("/subscriptions/active", { params: { query: { customerId: ownId } } });
  if (!active.data) fail("getActiveSubscription", active.error);
  if (active.data.data) return active.data.data.id;
  const { data, error } = await client.POST("/subscriptions", { body: { customerId: ownId, planCode } });
  if (!data) fail("createSubscription", error);
  if (data.data.status !== "active") throw new Error(`the ${planCode} subscription of ${ownId} started ${data.data.status}, not active`);
  return data.data.id;
}

/** The subscription the add-on cases activate on: a paid plan, a working card. */
export const fixtureSubscription = (client: CommetClient, target: ContractTarget) => ensureSubscription(client, customerOf(target), COMMET_FIXTURES.plan);

/** An active subscription whose charges are declined: a free plan (no charge to start it) and a declining card. */
export const decliningSubscription = (client: CommetClient) =>
  ensureSubscription(client, COMMET_FIXTURES.decliningCustomer, COMMET_FIXTURES.freePlan, { mock_payment_method: "card_declined" });

export const fixtureAddon = (client: CommetClient) => ensureAddon(client, COMMET_FIXTURES.fixtureFeature);

/** Activates or deactivates on the fixture subscription; "already so" answers are fine. */
export async function setActive(client: CommetClient, target: ContractTarget, addonId: string, active: boolean): Promise<string> {
  const id = await fixtureSubscription(client, target);
  const { error } = active
    ? await client.POST("/subscriptions/{id}/addons", { params: { path: { id } }, body: { addonId } })
    : await client.DELETE("/subscriptions/{id}/addons/{addonId}", { params: { path: { id, addonId } } });
  const harmless = active ? "addon_already_active" : "addon_not_active";
  if (error && error.error.code !== harmless) fail(active ? "activateAddon" : "deactivateAddon", error);
  return id;
}

/**
 * The drivers of an operation that reads by `?customerId=`: the fixture customer, subscribed (200), no
 * customer (400), an unknown one (404).
 */
export const byFixtureCustomer = {
  "200": async ({ client, target }) => {
    await fixtureSubscription(client, target);
    return { query: { customerId: customerOf(target) } };
  },
  "400": () => ({ query: { customerId: null } }),
  "404": () => ({ query: { customerId: MISSING.customer } }),
} satisfies Record<string, Driver<CommetClient>>;
