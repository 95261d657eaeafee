/**
 * How the contract drives every documented status of what follows an add-on's activation: feature
 * access, usage and quota, and the subscription changes (cancel, uncancel, reactivate, change plan,
 * preview). Like commet.ts, each driver arranges its own state through the public client.
 */
import { randomUUID } from "node:crypto";
import type { CommetClient } from "../../commet/index.js";
import { COMMET_FIXTURES, MISSING, byFixtureCustomer, customerOf, fail, fixtureSubscription } from "./commet-fixtures.js";
import {
  canceledSubscription,
  decliningPaidSubscription,
  endingSubscription,
  lapsedDecliningSubscription,
  lapsedSubscription,
  quotaFeatureOf,
  settledSubscription,
  usageFeatureOf,
} from "./commet-lifecycle-fixtures.js";
import { mockOnly, SkipCase } from "./drivers.js";
import { fixtureValue, NO_FIXTURES } from "../fixtures.js";
import type { operations, webhooks } from "../../../generated/commet/schema.js";
import type { DriverContext, RequestChanges, RequestedOperations, ScenarioDrivers } from "../types.js";

type Context = DriverContext<CommetClient>;

const badVersion = { "Commet-Version": "latest" };

/** The plan of the mock's catalogue that is an upgrade from the fixture subscription's (Pro to Team). */
const MOCK_UPGRADE_PLAN = "plan_Team000000000001";

/**
 * A request the server must refuse because its Idempotency-Key was first used with another body:
 * `send` makes the first request with the key, the case then sends `body` with it.
 */
async function keyReusedWith(send: (key: string) => Promise<{ error?: unknown }>, body: unknown): Promise<RequestChanges> {
  const key = randomUUID();
  const { error } = await send(key);
  if (error) fail("the first request with the key", error);
  return { headers: { "Idempotency-Key": key }, body };
}

/** The quota of the fixture customer's quota feature set to `count` first. */
async function quotaAt({ client, target }: Context, count: number): Promise<{ customerId: string; featureCode: string }> {
  await fixtureSubscription(client, target);
  const customerId = customerOf(target);
  const featureCode = await quotaFeatureOf(client, target);
  const { error } = await client.PUT("/usage/quota", { body: { customerId, featureCode, count } });
  if (error) fail("setQuota", error);
  return { customerId, featureCode };
}

export const lifecycleDrivers = {
  listFeatureAccess: byFixtureCustomer,
  getFeatureAccess: {
    // The canUse form: it answers willBeCharged besides the feature's fields.
    "200": async ({ client, target }) => {
      await fixtureSubscription(client, target);
      return { path: { code: await usageFeatureOf(client, target) }, query: { customerId: customerOf(target), action: "canUse" } };
    },
    "400": ({ target }) => ({ path: { code: COMMET_FIXTURES.usageFeature }, query: { customerId: customerOf(target), action: "canDo" } }),
    "404": () => ({ path: { code: MISSING.feature }, query: { customerId: MISSING.customer } }),
  },

  trackUsage: {
    "200": async ({ client, target }) => {
      await fixtureSubscription(client, target);
      return { body: { feature: await usageFeatureOf(client, target), customerId: customerOf(target), value: 1 } };
    },
    "400": ({ target }) => ({ body: { customerId: customerOf(target), value: 1 } }),
    "404": () => ({ body: { feature: COMMET_FIXTURES.usageFeature, customerId: MISSING.customer, value: 1 } }),
    // The SDK: "Duplicate `idempotencyKey` is rejected".
    "409": async ({ client, target }) => {
      await fixtureSubscription(client, target);
      const body = { feature: await usageFeatureOf(client, target), customerId: customerOf(target), value: 1, idempotencyKey: `contract_${randomUUID()}` };
      const { error } = await client.POST("/usage/events", { body });
      if (error) fail("trackUsage", error);
      return { body };
    },
  },
  checkUsage: {
    "200": async ({ client, target }) => {
      await fixtureSubscription(client, target);
      return { body: { customerId: customerOf(target), featureCode: await usageFeatureOf(client, target), quantity: 1 } };
    },
    "400": ({ target }) => ({ body: { customerId: customerOf(target), featureCode: COMMET_FIXTURES.usageFeature } }),
    "404": () => ({ body: { customerId: MISSING.customer, featureCode: COMMET_FIXTURES.usageFeature, quantity: 1 } }),
    "409": async ({ client, target }) => {
      await fixtureSubscription(client, target);
      const body = { customerId: customerOf(target), featureCode: await usageFeatureOf(client, target), quantity: 1 };
      return keyReusedWith((key) => client.POST("/usage/check", { params: { header: { "Idempotency-Key": key } }, body }), { ...body, quantity: 2 });
    },
  },
  setUsage: {
    "200": async ({ client, target }) => {
      await fixtureSubscription(client, target);
      return { body: { customerId: customerOf(target), feature: await usageFeatureOf(client, target), value: 100, reason: "Contract run" } };
    },
    "400": ({ target }) => ({ body: { customerId: customerOf(target), feature: COMMET_FIXTURES.usageFeature } }),
    "404": () => ({ body: { customerId: MISSING.customer, feature: COMMET_FIXTURES.usageFeature, value: 1 } }),
    "409": async ({ client, target }) => {
      await fixtureSubscription(client, target);
      const body = { customerId: customerOf(target), feature: await usageFeatureOf(client, target), value: 100 };
      return keyReusedWith((key) => client.PUT("/usage", { params: { header: { "Idempotency-Key": key } }, body }), { ...body, value: 101 });
    },
  },

  getAllQuota: byFixtureCustomer,
  getQuota: {
    "200": async ({ client, target }) => {
      await fixtureSubscription(client, target);
      return { query: { customerId: customerOf(target), featureCode: await quotaFeatureOf(client, target) } };
    },
    "400": ({ target }) => ({ query: { customerId: customerOf(target), featureCode: null } }),
    "404": () => ({ query: { customerId: MISSING.customer, featureCode: COMMET_FIXTURES.quotaFeature } }),
  },
  addQuota: {
    "200": async (context) => ({ body: await quotaAt(context, 1) }),
    "400": ({ target }) => ({ body: { customerId: customerOf(target) } }),
    "404": () => ({ body: { customerId: MISSING.customer, featureCode: COMMET_FIXTURES.quotaFeature } }),
    "409": async (context) => {
      const body = await quotaAt(context, 1);
      return keyReusedWith((key) => context.client.POST("/usage/quota", { params: { header: { "Idempotency-Key": key } }, body }), { ...body, count: 2 });
    },
  },
  setQuota: {
    "200": async (context) => ({ body: { ...(await quotaAt(context, 1)), count: 2 } }),
    "400": ({ target }) => ({ body: { customerId: customerOf(target), featureCode: COMMET_FIXTURES.quotaFeature } }),
    "404": () => ({ body: { customerId: MISSING.customer, featureCode: COMMET_FIXTURES.quotaFeature, count: 1 } }),
    "409": async (context) => {
      const body = { ...(await quotaAt(context, 1)), count: 2 };
      return keyReusedWith((key) => context.client.PUT("/usage/quota", { params: { header: { "Idempotency-Key": key } }, body }), { ...body, count: 3 });
    },
  },
  removeQuota: {
    "200": async (context) => ({ body: { ...(await quotaAt(context, 2)), count: 1 } }),
    // The documented refusal: the balance would go below zero.
    "400": async (context) => ({ body: { ...(await quotaAt(context, 0)), count: 1 } }),
    "404": () => ({ body: { customerId: MISSING.customer, featureCode: COMMET_FIXTURES.quotaFeature } }),
    "409": async (context) => {
      const body = { ...(await quotaAt(context, 3)), count: 1 };
      return keyReusedWith((key) => context.client.DELETE("/usage/quota", { params: { header: { "Idempotency-Key": key } }, body }), { ...body, count: 2 });
    },
  },

  cancelSubscription: {
    // At period end (the spec's example body); the uncancel case reverts it.
    "200": async ({ client }) => ({ path: { id: await endingSubscription(client, false) } }),
    "400": async ({ client, target }) => ({ path: { id: await fixtureSubscription(client, target) }, body: { immediate: "yes" } }),
    "404": () => ({ path: { id: MISSING.subscription } }),
    "409": async ({ client }) => ({ path: { id: await canceledSubscription(client) } }),
  },
  uncancelSubscription: {
    "200": async ({ client }) => ({ path: { id: await endingSubscription(client, true) } }),
    "400": async ({ client, target }) => ({ path: { id: await fixtureSubscription(client, target) }, headers: badVersion }),
    "404": () => ({ path: { id: MISSING.subscription } }),
    // Nothing is scheduled to be reverted.
    "409": async ({ client, target }) => ({ path: { id: await settledSubscription(client, target) } }),
  },
  reactivateSubscription: {
    "200": async ({ client }) => ({ path: { id: await lapsedSubscription(client) } }),
    "400": async ({ client, target }) => ({ path: { id: await fixtureSubscription(client, target) }, headers: badVersion }),
    "402": mockOnly("the mock's declining-card convention", async ({ client }) => ({ path: { id: await lapsedDecliningSubscription(client) } })),
    "404": () => ({ path: { id: MISSING.subscription } }),
    // An active subscription has nothing to reactivate.
    "409": async ({ client, target }) => ({ path: { id: await settledSubscription(client, target) } }),
  },
  changePlan: {
    // A customer of its own each time: the upgrade leaves the subscription on the other plan.
    "200": async ({ client }) => {
      const { data, error } = await client.POST("/customers", { body: { email: "upgrader@example.com" } });
      if (!data) fail("createCustomer", error);
      const created = await client.POST("/subscriptions", { body: { customerId: data.data.id, planCode: COMMET_FIXTURES.plan } });
      if (!created.data) fail("createSubscription", created.error);
      return { path: { id: created.data.data.id }, body: { newPlanId: MOCK_UPGRADE_PLAN } };
    },
    "400": async ({ client, target }) => ({ path: { id: await fixtureSubscription(client, target) }, body: {} }),
    "402": mockOnly("the mock's declining-card convention", async ({ client }) => ({
      path: { id: await decliningPaidSubscription(client) },
      body: { newPlanId: MOCK_UPGRADE_PLAN },
    })),
    "404": () => ({ path: { id: MISSING.subscription }, body: { newPlanId: MISSING.plan } }),
    "409": async ({ client }) => ({ path: { id: await canceledSubscription(client) }, body: { newPlanId: MOCK_UPGRADE_PLAN } }),
  },
  previewPlanChange: {
    // Live, the upgrade plan is the account's own: operations.previewPlanChange.planId in --fixtures.
    "200": async ({ client, target }) => {
      const planId = target.live ? fixtureValue(target.fixtures ?? NO_FIXTURES, "previewPlanChange", "planId") : MOCK_UPGRADE_PLAN;
      if (planId === undefined)
        throw new SkipCase('needs "operations.previewPlanChange.planId" in --fixtures: a plan of the customer\'s plan group that is an upgrade');
      return { path: { id: await fixtureSubscription(client, target) }, body: { planId } };
    },
    "400": async ({ client, target }) => ({ path: { id: await fixtureSubscription(client, target) }, body: {} }),
    "404": () => ({ path: { id: MISSING.subscription }, body: { planId: MISSING.plan } }),
    "409": async ({ client }) => ({ path: { id: await canceledSubscription(client) }, body: { planId: MOCK_UPGRADE_PLAN } }),
  },
} satisfies Partial<ScenarioDrivers<CommetClient, RequestedOperations<operations, webhooks>>>;
