/**
 * How the contract drives every documented Commet status. Each driver first arranges the state it
 * needs through the public client (commet-fixtures.ts), so cases do not depend on the order dredd
 * runs them in, pass on a fresh mock (which holds only its plan catalogue) and pass again on a second
 * run against the same server.
 */
import { randomUUID } from "node:crypto";
import { createCommetClient, type CommetClient } from "../../commet/index.js";
import {
  COMMET_FIXTURES,
  MISSING,
  byFixtureCustomer,
  customerOf,
  decliningSubscription,
  ensureAddon,
  ensureCustomer,
  ensureFeature,
  ensureNoAddon,
  ensureNoFeature,
  externalIdOf,
  fixtureAddon,
  fixtureSubscription,
  setActive,
} from "./commet-fixtures.js";
import { lifecycleDrivers } from "./commet-lifecycle.js";
import { mockOnly, SkipCase } from "./drivers.js";
import type { operations, webhooks } from "../../../generated/commet/schema.js";
import type { ContractTarget, RequestedOperations, Scenario, ScenarioDrivers } from "../types.js";

export { COMMET_FIXTURES } from "./commet-fixtures.js";

const { decliningCustomer, plan, fixtureFeature, disposableAddonFeature, disposableFeature, exampleFeature } = COMMET_FIXTURES;

/**
 * The only 400 of an operation with no other input to get wrong: a malformed Commet-Version header
 * (the spec's assumed InvalidVersion response), sent to an existing resource so that 404 cannot win.
 */
const badVersion = { "Commet-Version": "latest" };

/**
 * The feature of the spec's examples, `priority_support`, on the mock. A live account may well have a
 * feature of that name, which the cases would then change and delete: there the run uses its own.
 */
const exampleFeatureOf = (target: ContractTarget): string => (target.live ? `contract_${exampleFeature}` : exampleFeature);

/** The customer's external ID as the server holds it (creating the customer first, on a mock). */
async function externalIdIn(client: CommetClient, ownId: string): Promise<string> {
  await ensureCustomer(client, ownId);
  const { data, error } = await client.GET("/customers/{id}", { params: { path: { id: ownId } } });
  if (!data) throw new Error(`getCustomer failed: ${JSON.stringify(error)}`);
  if (data.data.externalId === null) throw new SkipCase(`the customer ${ownId} has no externalId to collide with`);
  return data.data.externalId;
}

export const commetScenario: Scenario<CommetClient> = {
  api: "commet",
  mockCredentials: { "x-api-key": "ck_sandbox_contract" },
  createClient: (target, fetch) =>
    createCommetClient({
      apiKey: target.credentials["x-api-key"] ?? "",
      baseUrl: target.baseUrl,
      allowInsecureHttp: target.allowInsecureHttp === true,
      ...(fetch ? { fetch } : {}),
    }),
  // The spec's example key would make every write a replay of the first; real callers use one key per write.
  perRequestHeaders: () => ({ "Idempotency-Key": randomUUID() }),
  drivers: {
    listAddons: {
      // A non-empty page, so that item schemas are checked too; the spec's example cursor belongs to
      // no list on this server.
      "200": async ({ client }) => {
        await fixtureAddon(client);
        return { query: { cursor: null } };
      },
      "400": () => ({ query: { limit: "0" } }),
    },
    createAddon: {
      "200": async ({ client, target }) => {
        const code = exampleFeatureOf(target);
        await ensureFeature(client, code);
        await ensureNoAddon(client, target, code);
        return target.live ? { body: { name: "Contract priority support", basePrice: 2900, featureId: code, consumptionModel: "boolean" } } : {};
      },
      "400": () => ({ body: { basePrice: 100, featureId: fixtureFeature, consumptionModel: "boolean" } }),
      "404": () => ({ body: { name: "Orphan", basePrice: 100, featureId: MISSING.feature, consumptionModel: "boolean" } }),
      "409": async ({ client }) => {
        await fixtureAddon(client);
        return { body: { name: "Duplicate", basePrice: 100, featureId: fixtureFeature, consumptionModel: "boolean" } };
      },
    },
    getAddon: {
      "200": async ({ client }) => ({ path: { id: await fixtureAddon(client) } }),
      "400": async ({ client }) => ({ path: { id: await fixtureAddon(client) }, headers: badVersion }),
      "404": () => ({ path: { id: MISSING.addon } }),
    },
    updateAddon: {
      "200": async ({ client }) => ({ path: { id: await fixtureAddon(client) } }),
      "400": async ({ client }) => ({ path: { id: await fixtureAddon(client) }, body: { name: "" } }),
      "404": () => ({ path: { id: MISSING.addon } }),
      // The same Idempotency-Key with another body.
      "409": async ({ client }) => {
        const id = await fixtureAddon(client);
        const key = randomUUID();
        await client.PUT("/addons/{id}", { params: { path: { id }, header: { "Idempotency-Key": key } }, body: { basePrice: 1500 } });
        return { path: { id }, headers: { "Idempotency-Key": key }, body: { basePrice: 1600 } };
      },
    },
    deleteAddon: {
      "200": async ({ client, target }) => {
        await ensureNoAddon(client, target, disposableAddonFeature);
        return { path: { id: await ensureAddon(client, disposableAddonFeature) } };
      },
      "400": async ({ client }) => ({ path: { id: await fixtureAddon(client) }, headers: badVersion }),
      "404": () => ({ path: { id: MISSING.addon } }),
      "409": async ({ client, target }) => {
        const id = await fixtureAddon(client);
        await setActive(client, target, id, true);
        return { path: { id } };
      },
    },
    listActiveAddons: {
      "200": async ({ client, target }) => {
        await setActive(client, target, await fixtureAddon(client), true);
        return { query: { customerId: customerOf(target) } };
      },
      "400": () => ({ query: { customerId: null } }),
      "404": () => ({ query: { customerId: MISSING.customer } }),
    },
    activateAddon: {
      "200": async ({ client, target }) => {
        const addonId = await fixtureAddon(client);
        const id = await setActive(client, target, addonId, false);
        return { path: { id }, body: { addonId } };
      },
      "400": async ({ client, target }) => ({ path: { id: await fixtureSubscription(client, target) }, body: {} }),
      "402": mockOnly("the mock's declining-card convention", async ({ client }) => ({
        path: { id: await decliningSubscription(client) },
        body: { addonId: await fixtureAddon(client) },
      })),
      "404": async ({ client }) => ({ path: { id: MISSING.subscription }, body: { addonId: await fixtureAddon(client) } }),
      "409": async ({ client, target }) => {
        const addonId = await fixtureAddon(client);
        const id = await setActive(client, target, addonId, true);
        return { path: { id }, body: { addonId } };
      },
    },
    deactivateAddon: {
      "200": async ({ client, target }) => {
        const addonId = await fixtureAddon(client);
        return { path: { id: await setActive(client, target, addonId, true), addonId } };
      },
      "400": async ({ client, target }) => {
        const addonId = await fixtureAddon(client);
        return { path: { id: await setActive(client, target, addonId, false), addonId } };
      },
      "404": async ({ client }) => ({ path: { id: MISSING.subscription, addonId: await fixtureAddon(client) } }),
    },

    // The spec's feature examples all name `priority_support`.
    listFeatures: {
      "200": async ({ client, target }) => {
        await ensureFeature(client, exampleFeatureOf(target));
        return {};
      },
      "400": () => ({ headers: badVersion }),
    },
    getFeature: {
      "200": async ({ client, target }) => {
        await ensureFeature(client, exampleFeatureOf(target));
        return { path: { code: exampleFeatureOf(target) } };
      },
      "400": async ({ client, target }) => {
        await ensureFeature(client, exampleFeatureOf(target));
        return { path: { code: exampleFeatureOf(target) }, headers: badVersion };
      },
      "404": () => ({ path: { code: MISSING.feature } }),
    },
    createFeature: {
      "200": async ({ client, target }) => {
        const code = exampleFeatureOf(target);
        await ensureNoFeature(client, target, code);
        return target.live ? { body: { name: `Contract ${code}`, code, type: "boolean" } } : {};
      },
      "400": () => ({ body: { name: "Badly coded", code: "Not-Lowercase", type: "boolean" } }),
      "409": async ({ client }) => {
        await ensureFeature(client, fixtureFeature);
        return { body: { name: "Another name", code: fixtureFeature, type: "boolean" } };
      },
    },
    updateFeature: {
      "200": async ({ client, target }) => {
        await ensureFeature(client, exampleFeatureOf(target));
        return { path: { code: exampleFeatureOf(target) } };
      },
      "400": async ({ client, target }) => {
        await ensureFeature(client, exampleFeatureOf(target));
        return { path: { code: exampleFeatureOf(target) }, body: {} };
      },
      "404": () => ({ path: { code: MISSING.feature } }),
      // Renaming a feature to the name of another.
      "409": async ({ client, target }) => {
        await ensureFeature(client, fixtureFeature);
        const { name } = await ensureFeature(client, exampleFeatureOf(target));
        return { path: { code: fixtureFeature }, body: { name } };
      },
    },
    deleteFeature: {
      "200": async ({ client }) => {
        await ensureFeature(client, disposableFeature);
        return { path: { code: disposableFeature } };
      },
      "400": async ({ client }) => {
        await ensureFeature(client, disposableFeature);
        return { path: { code: disposableFeature }, headers: badVersion };
      },
      "404": () => ({ path: { code: MISSING.feature } }),
      // The fixture add-on uses its feature.
      "409": async ({ client }) => {
        await fixtureAddon(client);
        return { path: { code: fixtureFeature } };
      },
    },

    listCustomers: {
      "200": async ({ client, target }) => ({ query: { cursor: null, externalId: await externalIdIn(client, customerOf(target)) } }),
      "400": () => ({ query: { limit: "101" } }),
    },
    createCustomer: {
      // The spec's example, with an external ID of its own: a second run would find the example's taken.
      "200": () => ({
        body: {
          email: "margaret@example.com",
          externalId: `contract_${randomUUID()}`,
          fullName: "Margaret Hamilton",
          timezone: "America/New_York",
          metadata: { company: "Apollo Software" },
        },
      }),
      "400": () => ({ body: { email: "not-an-email" } }),
      // Another customer with the same external ID: on a live account, that of the fixture customer
      // as the server holds it (a made-up one would create a customer nothing can delete).
      "409": async ({ client, target }) => ({ body: { email: "twin@example.com", externalId: await externalIdIn(client, customerOf(target)) } }),
    },
    getCustomer: {
      "200": async ({ client, target }) => ({ path: { id: await ensureCustomer(client, customerOf(target)) } }),
      "400": async ({ client, target }) => ({ path: { id: await ensureCustomer(client, customerOf(target)) }, headers: badVersion }),
      "404": () => ({ path: { id: MISSING.customer } }),
    },
    updateCustomer: {
      "200": async ({ client, target }) => ({ path: { id: await ensureCustomer(client, customerOf(target)) } }),
      "400": async ({ client, target }) => ({ path: { id: await ensureCustomer(client, customerOf(target)) }, body: { email: "not-an-email" } }),
      "404": () => ({ path: { id: MISSING.customer } }),
      // Taking another customer's external ID.
      "409": async ({ client, target }) => {
        await ensureCustomer(client, decliningCustomer);
        return { path: { id: await ensureCustomer(client, customerOf(target)) }, body: { externalId: externalIdOf(decliningCustomer) } };
      },
    },

    listSubscriptions: { "200": byFixtureCustomer["200"], "400": () => ({ query: { status: "paused" } }) },
    createSubscription: {
      // A new customer each time: the fixture customer already has a subscription.
      "200": async ({ client }) => {
        const { data, error } = await client.POST("/customers", { body: { email: "subscriber@example.com" } });
        if (!data) throw new Error(`createCustomer failed: ${JSON.stringify(error)}`);
        return { body: { customerId: data.data.id, planCode: plan, billingInterval: "monthly", successUrl: "https://app.example.com/billing/success" } };
      },
      "400": ({ target }) => ({ body: { customerId: customerOf(target) } }),
      "404": () => ({ body: { customerId: MISSING.customer, planCode: plan } }),
      "409": async ({ client, target }) => {
        await fixtureSubscription(client, target);
        return { body: { customerId: customerOf(target), planCode: plan } };
      },
    },
    getActiveSubscription: byFixtureCustomer,
    getSubscription: {
      "200": async ({ client, target }) => ({ path: { id: await fixtureSubscription(client, target) } }),
      "400": async ({ client, target }) => ({ path: { id: await fixtureSubscription(client, target) }, headers: badVersion }),
      "404": () => ({ path: { id: MISSING.subscription } }),
    },
    ...lifecycleDrivers,
  } satisfies ScenarioDrivers<CommetClient, RequestedOperations<operations, webhooks>>,
};
