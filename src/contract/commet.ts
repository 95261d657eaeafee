/**
 * How the contract drives every documented Commet status. Each driver first arranges the state it
 * needs through the public client, so cases do not depend on the order dredd runs them in.
 */
import { randomUUID } from "node:crypto";
import { createCommetClient, type CommetClient } from "../commet/index.js";
import type { Scenario } from "./types.js";

/** Seeded in the mock (see the README's seed table); a live run passes its own. */
export const COMMET_FIXTURES = {
  subscription: "sub_3Jd8KwQ2nVb6YtRm",
  decliningSubscription: "sub_5Hr2WqE9aKd3FuJo",
  customer: "cus_9Fx4TgH1sLp0QzWa",
  /** The feature of the long-lived add-on the cases share. */
  fixtureFeature: "sso",
  /** A feature whose add-on is created and deleted by the delete case. */
  disposableFeature: "audit_log",
  /** The feature of the spec's create example. */
  exampleFeature: "priority_support",
};

const MISSING = { addon: "adn_doesNotExist0000", subscription: "sub_doesNotExist0000", customer: "cus_doesNotExist0000" };

async function findAddonByFeature(client: CommetClient, featureCode: string) {
  let cursor: string | undefined;
  do {
    const { data, error } = await client.GET("/addons", { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } });
    if (!data) throw new Error(`listAddons failed: ${JSON.stringify(error)}`);
    const found = data.data.find((addon) => addon.featureCode === featureCode);
    if (found) return found;
    cursor = data.hasMore ? (data.nextCursor ?? undefined) : undefined;
  } while (cursor);
  return undefined;
}

async function ensureAddon(client: CommetClient, featureCode: string, basePrice = 1500): Promise<string> {
  const existing = await findAddonByFeature(client, featureCode);
  if (existing) return existing.id;
  const { data, error } = await client.POST("/addons", {
    body: { name: `Contract ${featureCode}`, basePrice, featureId: featureCode, consumptionModel: "boolean" },
  });
  if (!data) throw new Error(`createAddon failed: ${JSON.stringify(error)}`);
  return data.data.id;
}

async function ensureNoAddon(client: CommetClient, featureCode: string): Promise<void> {
  const existing = await findAddonByFeature(client, featureCode);
  if (!existing) return;
  await setActive(client, existing.id, false);
  const { error } = await client.DELETE("/addons/{id}", { params: { path: { id: existing.id } } });
  if (error) throw new Error(`deleteAddon failed: ${JSON.stringify(error)}`);
}

/** Activates or deactivates on the fixture subscription; "already so" answers are fine. */
async function setActive(client: CommetClient, addonId: string, active: boolean): Promise<void> {
  const id = COMMET_FIXTURES.subscription;
  const { error } = active
    ? await client.POST("/subscriptions/{id}/addons", { params: { path: { id } }, body: { addonId } })
    : await client.DELETE("/subscriptions/{id}/addons/{addonId}", { params: { path: { id, addonId } } });
  const harmless = active ? "addon_already_active" : "addon_not_active";
  if (error && error.error.code !== harmless) throw new Error(`${active ? "activate" : "deactivate"} failed: ${JSON.stringify(error)}`);
}

const fixtureAddon = (client: CommetClient) => ensureAddon(client, COMMET_FIXTURES.fixtureFeature);

export const commetScenario: Scenario<CommetClient> = {
  api: "commet",
  mockCredentials: { "x-api-key": "ck_sandbox_contract" },
  createClient: (target) => createCommetClient({ apiKey: target.credentials["x-api-key"] ?? "", baseUrl: target.baseUrl }),
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
      "200": async ({ client }) => (await ensureNoAddon(client, COMMET_FIXTURES.exampleFeature), {}),
      "400": () => ({ body: { basePrice: 100, featureId: COMMET_FIXTURES.fixtureFeature, consumptionModel: "boolean" } }),
      "404": () => ({ body: { name: "Orphan", basePrice: 100, featureId: "no_such_feature", consumptionModel: "boolean" } }),
      "409": async ({ client }) => {
        await fixtureAddon(client);
        return { body: { name: "Duplicate", basePrice: 100, featureId: COMMET_FIXTURES.fixtureFeature, consumptionModel: "boolean" } };
      },
    },
    getAddon: {
      "200": async ({ client }) => ({ path: { id: await fixtureAddon(client) } }),
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
        await ensureNoAddon(client, COMMET_FIXTURES.disposableFeature);
        return { path: { id: await ensureAddon(client, COMMET_FIXTURES.disposableFeature) } };
      },
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
        return { query: { customerId: COMMET_FIXTURES.customer } };
      },
      "400": () => ({ query: { customerId: null } }),
      "404": () => ({ query: { customerId: MISSING.customer } }),
    },
    activateAddon: {
      "200": async ({ client }) => {
        const addonId = await fixtureAddon(client);
        await setActive(client, addonId, false);
        return { path: { id: COMMET_FIXTURES.subscription }, body: { addonId } };
      },
      "400": () => ({ path: { id: COMMET_FIXTURES.subscription }, body: {} }),
      "402": async ({ client }) => ({ path: { id: COMMET_FIXTURES.decliningSubscription }, body: { addonId: await fixtureAddon(client) } }),
      "404": async ({ client }) => ({ path: { id: MISSING.subscription }, body: { addonId: await fixtureAddon(client) } }),
      "409": async ({ client }) => {
        const addonId = await fixtureAddon(client);
        await setActive(client, addonId, true);
        return { path: { id: COMMET_FIXTURES.subscription }, body: { addonId } };
      },
    },
    deactivateAddon: {
      "200": async ({ client }) => {
        const addonId = await fixtureAddon(client);
        await setActive(client, addonId, true);
        return { path: { id: COMMET_FIXTURES.subscription, addonId } };
      },
      "400": async ({ client }) => {
        const addonId = await fixtureAddon(client);
        await setActive(client, addonId, false);
        return { path: { id: COMMET_FIXTURES.subscription, addonId } };
      },
      "404": async ({ client }) => ({ path: { id: MISSING.subscription, addonId: await fixtureAddon(client) } }),
    },
  },
};
