/**
 * How the contract drives every documented Commet status. Each driver first arranges the state it
 * needs through the public client (commet-fixtures.ts), so cases do not depend on the order dredd
 * runs them in, pass on a fresh mock (which holds only its plan catalogue) and pass again on a second
 * run against the same server.
 */
import { randomUUID } from "node:crypto";
import { createCommetClient, type CommetClient } from "../commet/index.js";
import {
  COMMET_FIXTURES,
  MISSING,
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
import { mockOnly } from "./drivers.js";
import type { Scenario } from "./types.js";

export { COMMET_FIXTURES } from "./commet-fixtures.js";

const { customer, decliningCustomer, plan, fixtureFeature, disposableAddonFeature, disposableFeature, exampleFeature } = COMMET_FIXTURES;

/**
 * The only 400 of an operation with no other input to get wrong: a malformed Commet-Version header
 * (the spec's assumed InvalidVersion response), sent to an existing resource so that 404 cannot win.
 */
const badVersion = { "Commet-Version": "latest" };

export const commetScenario: Scenario<CommetClient> = {
  api: "commet",
  mockCredentials: { "x-api-key": "ck_sandbox_contract" },
  createClient: (target, fetch) => createCommetClient({ apiKey: target.credentials["x-api-key"] ?? "", baseUrl: target.baseUrl, allowInsecureHttp: target.allowInsecureHttp === true, ...(fetch ? { fetch } : {}) }),
  // The spec's example key would make every write a replay of the first; real callers use one key per write.
  perRequestHeaders: () => ({ "Idempotency-Key": randomUUID() }),
  drivers: {
    listAddons: {
      // A non-empty page, so that item schemas are checked too; the spec's example cursor belongs to
      // no list on this server.
      "200": async ({ client }) => (await fixtureAddon(client), { query: { cursor: null } }),
      "400": () => ({ query: { limit: "0" } }),
    },
    createAddon: {
      "200": async ({ client }) => (await ensureFeature(client, exampleFeature), await ensureNoAddon(client, exampleFeature), {}),
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
      "200": async ({ client }) => {
        await ensureNoAddon(client, disposableAddonFeature);
        return { path: { id: await ensureAddon(client, disposableAddonFeature) } };
      },
      "400": async ({ client }) => ({ path: { id: await fixtureAddon(client) }, headers: badVersion }),
      "404": () => ({ path: { id: MISSING.addon } }),
      "409": async ({ client }) => {
        const id = await fixtureAddon(client);
        await setActive(client, id, true);
        return { path: { id } };
      },
    },
    listActiveAddons: {
      "200": async ({ client }) => {
        await setActive(client, await fixtureAddon(client), true);
        return { query: { customerId: customer } };
      },
      "400": () => ({ query: { customerId: null } }),
      "404": () => ({ query: { customerId: MISSING.customer } }),
    },
    activateAddon: {
      "200": async ({ client }) => {
        const addonId = await fixtureAddon(client);
        const id = await setActive(client, addonId, false);
        return { path: { id }, body: { addonId } };
      },
      "400": async ({ client }) => ({ path: { id: await fixtureSubscription(client) }, body: {} }),
      "402": mockOnly("the mock's declining-card convention", async ({ client }) => ({ path: { id: await decliningSubscription(client) }, body: { addonId: await fixtureAddon(client) } })),
      "404": async ({ client }) => ({ path: { id: MISSING.subscription }, body: { addonId: await fixtureAddon(client) } }),
      "409": async ({ client }) => {
        const addonId = await fixtureAddon(client);
        const id = await setActive(client, addonId, true);
        return { path: { id }, body: { addonId } };
      },
    },
    deactivateAddon: {
      "200": async ({ client }) => {
        const addonId = await fixtureAddon(client);
        return { path: { id: await setActive(client, addonId, true), addonId } };
      },
      "400": async ({ client }) => {
        const addonId = await fixtureAddon(client);
        return { path: { id: await setActive(client, addonId, false), addonId } };
      },
      "404": async ({ client }) => ({ path: { id: MISSING.subscription, addonId: await fixtureAddon(client) } }),
    },

    // The spec's feature examples all name `priority_support`.
    listFeatures: {
      "200": async ({ client }) => (await ensureFeature(client, exampleFeature), {}),
      "400": () => ({ headers: badVersion }),
    },
    getFeature: {
      "200": async ({ client }) => (await ensureFeature(client, exampleFeature), {}),
      "400": async ({ client }) => (await ensureFeature(client, exampleFeature), { headers: badVersion }),
      "404": () => ({ path: { code: MISSING.feature } }),
    },
    createFeature: {
      "200": async ({ client }) => (await ensureNoFeature(client, exampleFeature), {}),
      "400": () => ({ body: { name: "Badly coded", code: "Not-Lowercase", type: "boolean" } }),
      "409": async ({ client }) => {
        await ensureFeature(client, fixtureFeature);
        return { body: { name: "Another name", code: fixtureFeature, type: "boolean" } };
      },
    },
    updateFeature: {
      "200": async ({ client }) => (await ensureFeature(client, exampleFeature), {}),
      "400": async ({ client }) => (await ensureFeature(client, exampleFeature), { body: {} }),
      "404": () => ({ path: { code: MISSING.feature } }),
      // Renaming a feature to the name of another.
      "409": async ({ client }) => {
        await ensureFeature(client, fixtureFeature);
        const { name } = await ensureFeature(client, exampleFeature);
        return { path: { code: fixtureFeature }, body: { name } };
      },
    },
    deleteFeature: {
      "200": async ({ client }) => (await ensureFeature(client, disposableFeature), { path: { code: disposableFeature } }),
      "400": async ({ client }) => (await ensureFeature(client, disposableFeature), { path: { code: disposableFeature }, headers: badVersion }),
      "404": () => ({ path: { code: MISSING.feature } }),
      // The fixture add-on uses its feature.
      "409": async ({ client }) => (await fixtureAddon(client), { path: { code: fixtureFeature } }),
    },

    listCustomers: {
      "200": async ({ client }) => (await ensureCustomer(client, customer), { query: { cursor: null, externalId: externalIdOf(customer) } }),
      "400": () => ({ query: { limit: "101" } }),
    },
    createCustomer: {
      // The spec's example, with an external ID of its own: a second run would find the example's taken.
      "200": () => ({
        body: { email: "margaret@example.com", externalId: `contract_${randomUUID()}`, fullName: "Margaret Hamilton", timezone: "America/New_York", metadata: { company: "Apollo Software" } },
      }),
      "400": () => ({ body: { email: "not-an-email" } }),
      "409": async ({ client }) => (await ensureCustomer(client, customer), { body: { email: "twin@example.com", externalId: externalIdOf(customer) } }),
    },
    getCustomer: {
      "200": async ({ client }) => ({ path: { id: await ensureCustomer(client, customer) } }),
      "400": async ({ client }) => ({ path: { id: await ensureCustomer(client, customer) }, headers: badVersion }),
      "404": () => ({ path: { id: MISSING.customer } }),
    },
    updateCustomer: {
      "200": async ({ client }) => ({ path: { id: await ensureCustomer(client, customer) } }),
      "400": async ({ client }) => ({ path: { id: await ensureCustomer(client, customer) }, body: { email: "not-an-email" } }),
      "404": () => ({ path: { id: MISSING.customer } }),
      // Taking another customer's external ID.
      "409": async ({ client }) => {
        await ensureCustomer(client, decliningCustomer);
        return { path: { id: await ensureCustomer(client, customer) }, body: { externalId: externalIdOf(decliningCustomer) } };
      },
    },

    listSubscriptions: {
      "200": async ({ client }) => (await fixtureSubscription(client), { query: { customerId: customer } }),
      "400": () => ({ query: { status: "paused" } }),
    },
    createSubscription: {
      // A new customer each time: the fixture customer already has a subscription.
      "200": async ({ client }) => {
        const { data, error } = await client.POST("/customers", { body: { email: "subscriber@example.com" } });
        if (!data) throw new Error(`createCustomer failed: ${JSON.stringify(error)}`);
        return { body: { customerId: data.data.id, planCode: plan, billingInterval: "monthly", successUrl: "https://app.example.com/billing/success" } };
      },
      "400": () => ({ body: { customerId: customer } }),
      "404": () => ({ body: { customerId: MISSING.customer, planCode: plan } }),
      "409": async ({ client }) => (await fixtureSubscription(client), { body: { customerId: customer, planCode: plan } }),
    },
    getActiveSubscription: {
      "200": async ({ client }) => (await fixtureSubscription(client), { query: { customerId: customer } }),
      "400": () => ({ query: { customerId: null } }),
      "404": () => ({ query: { customerId: MISSING.customer } }),
    },
    getSubscription: {
      "200": async ({ client }) => ({ path: { id: await fixtureSubscription(client) } }),
      "400": async ({ client }) => ({ path: { id: await fixtureSubscription(client) }, headers: badVersion }),
      "404": () => ({ path: { id: MISSING.subscription } }),
    },
  },
};
