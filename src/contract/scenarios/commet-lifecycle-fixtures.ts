/**
 * Subscriptions in the states the subscription-change cases need (scheduled to end, canceled, with a
 * card that now declines), and the usage and quota features the usage cases name. Built through the
 * public client like commet-fixtures.ts, and stable across runs: each helper finds the state an
 * earlier run left, or makes it. Every write here is x-irreversible, so a live run skips the cases
 * that need one (the set-up fetch refuses it there).
 */
import type { CommetClient } from "../../commet/index.js";
import { COMMET_FIXTURES, customerOf, ensureCustomer, ensureSubscription, fail, fixtureSubscription } from "./commet-fixtures.js";
import { SkipCase } from "./drivers.js";
import type { ContractTarget } from "../types.js";

type Card = "card" | "card_declined";

/** The card on file of a mock customer (the mock's `metadata.mock_payment_method` convention). */
async function setCard(client: CommetClient, ownId: string, card: Card): Promise<void> {
  await ensureCustomer(client, ownId);
  const { error } = await client.PUT("/customers/{id}", { params: { path: { id: ownId } }, body: { metadata: { mock_payment_method: card } } });
  if (error) fail("updateCustomer", error);
}

async function cancel(client: CommetClient, id: string, immediate: boolean): Promise<void> {
  const { error } = await client.POST("/subscriptions/{id}/cancel", { params: { path: { id } }, body: { immediate } });
  if (error) fail("cancelSubscription", error);
}

async function subscription(client: CommetClient, id: string) {
  const { data, error } = await client.GET("/subscriptions/{id}", { params: { path: { id } } });
  return data ? data.data : fail("getSubscription", error);
}

const isEnding = (found: { status: string; cancelAtPeriodEnd: boolean; cancellation: unknown }) =>
  found.status !== "canceled" && (found.cancelAtPeriodEnd || found.cancellation !== null);

/** The customer's newest canceled subscription, canceling a new one at once when there is none. */
async function canceledOf(client: CommetClient, ownId: string): Promise<string> {
  await ensureCustomer(client, ownId);
  const { data, error } = await client.GET("/subscriptions", { params: { query: { customerId: ownId, status: "canceled" } } });
  if (!data) fail("listSubscriptions", error);
  const found = data.data[0];
  if (found) return found.id;
  const id = await ensureSubscription(client, ownId, COMMET_FIXTURES.plan);
  await cancel(client, id, true);
  return id;
}

/** A subscription canceled for good: every change but reactivation is refused on it. */
export const canceledSubscription = (client: CommetClient) => canceledOf(client, COMMET_FIXTURES.canceledCustomer);

/** An active subscription, canceled at once here so that the case can reactivate it (it is active again after). */
export async function lapsedSubscription(client: CommetClient): Promise<string> {
  const id = await ensureSubscription(client, COMMET_FIXTURES.lapsedCustomer, COMMET_FIXTURES.plan);
  await cancel(client, id, true);
  return id;
}

/** A canceled paid subscription whose customer's card now declines: reactivating it is refused with 402. */
export async function lapsedDecliningSubscription(client: CommetClient): Promise<string> {
  const ownId = COMMET_FIXTURES.lapsedDecliningCustomer;
  await setCard(client, ownId, "card");
  const id = await canceledOf(client, ownId);
  await setCard(client, ownId, "card_declined");
  return id;
}

/** An active paid subscription whose customer's card now declines: an immediate upgrade is refused with 402. */
export async function decliningPaidSubscription(client: CommetClient): Promise<string> {
  const ownId = COMMET_FIXTURES.decliningPaidCustomer;
  await setCard(client, ownId, "card");
  const id = await ensureSubscription(client, ownId, COMMET_FIXTURES.plan);
  await setCard(client, ownId, "card_declined");
  return id;
}

/** The active subscription of the "ending" customer, scheduled (`ending`) or not for cancellation at period end. */
export async function endingSubscription(client: CommetClient, ending: boolean): Promise<string> {
  const id = await ensureSubscription(client, COMMET_FIXTURES.endingCustomer, COMMET_FIXTURES.plan);
  if (isEnding(await subscription(client, id)) === ending) return id;
  if (ending) await cancel(client, id, false);
  else {
    const { error } = await client.POST("/subscriptions/{id}/uncancel", { params: { path: { id } } });
    if (error) fail("uncancelSubscription", error);
  }
  return id;
}

/**
 * The fixture subscription, for a change the server must refuse because of its state (active, no
 * cancellation scheduled). On a live account it could be otherwise, and the change then succeed.
 */
export async function settledSubscription(client: CommetClient, target: ContractTarget): Promise<string> {
  const id = await fixtureSubscription(client, target);
  const found = await subscription(client, id);
  if (!["active", "trialing"].includes(found.status) || isEnding(found)) {
    throw new SkipCase(`the fixture subscription ${id} is ${found.status}${isEnding(found) ? ", ending at period end" : ""}: the request could succeed`);
  }
  return id;
}

/** A usage feature of the fixture customer: the mock's, or the first the live account's customer has. */
export async function usageFeatureOf(client: CommetClient, target: ContractTarget): Promise<string> {
  if (!target.live) return COMMET_FIXTURES.usageFeature;
  const { data, error } = await client.GET("/feature-access", { params: { query: { customerId: customerOf(target) } } });
  if (!data) fail("listFeatureAccess", error);
  const found = data.data.find((feature) => feature.type === "usage");
  if (!found) throw new SkipCase(`the customer ${customerOf(target)} has no usage feature`);
  return found.code;
}

/** A quota feature of the fixture customer: the mock's, or the first the live account's customer has. */
export async function quotaFeatureOf(client: CommetClient, target: ContractTarget): Promise<string> {
  if (!target.live) return COMMET_FIXTURES.quotaFeature;
  const { data, error } = await client.GET("/usage/quota/all", { params: { query: { customerId: customerOf(target) } } });
  if (!data) fail("getAllQuota", error);
  const found = data.data[0];
  if (!found) throw new SkipCase(`the customer ${customerOf(target)} has no quota feature`);
  return found.featureCode;
}
