// A Commet mock on a test clock, and a public client whose every answer is checked against the spec
// (a documented status of the operation, with a body valid against its schema), for the tests of
// what happens after an add-on's activation: feature access, usage, quota and subscription changes.
import { afterAll, beforeAll, expect } from "vitest";
import { createCommetClient, type CommetClient, type CommetComponents } from "../../src/commet/index.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { getOperations } from "../../src/spec/operations.js";
import { expectDocumented } from "./documented.js";
import { type Clock, dataOf, SANDBOX_KEY } from "./commet.js";

type Schemas = CommetComponents["schemas"];

/** The catalogue's plan IDs (plans.ts, seed 0): what change-plan and preview-change take. */
export const PLAN_IDS = { free: "plan_Free000000000001", pro: "plan_Pro0000000000001", team: "plan_Team000000000001" } as const;

const operations = getOperations("commet");

/**
 * A fetch that fails the test when the mock answers anything the spec does not document. `send` is
 * taken when it is made, so that it keeps working under a test that replaces the global fetch.
 */
export function documentingFetch(baseUrl: string, send: typeof fetch = globalThis.fetch): typeof fetch {
  const basePath = new URL(baseUrl).pathname;
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await send(request);
    const path = new URL(request.url).pathname.slice(basePath.length);
    const match = operations.match(request.method, path);
    expect(match, `${request.method} ${path} is an operation of the spec`).toBeDefined();
    expectDocumented("commet", match!.operation.operationId, response.status, await response.clone().json());
    return response;
  };
}

export function useLifecycleMock(clock: Clock): { mock: () => MockServer; client: () => CommetClient } {
  let server: MockServer | undefined;
  beforeAll(async () => {
    server = await startMock("commet", { now: clock.now });
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    mock: () => server!,
    client: () => createCommetClient({ apiKey: SANDBOX_KEY, baseUrl: server!.url, retries: 0, fetch: documentingFetch(server!.url) }),
  };
}

let customers = 0;

/** A new customer (a working card unless `paymentMethod` says otherwise) on `planCode`. */
export async function subscribed(
  client: CommetClient,
  planCode: string,
  options: { paymentMethod?: "card" | "card_declined" | "none"; externalId?: string; subscription?: Partial<Schemas["CreateSubscriptionRequest"]> } = {},
): Promise<Schemas["Subscription"]> {
  customers += 1;
  const metadata = options.paymentMethod ? { mock_payment_method: options.paymentMethod } : undefined;
  const customer = dataOf(
    await client.POST("/customers", {
      body: {
        email: `lifecycle${customers}@example.com`,
        ...(options.externalId ? { externalId: options.externalId } : {}),
        ...(metadata ? { metadata } : {}),
      },
    }),
  );
  return dataOf(await client.POST("/subscriptions", { body: { customerId: customer.id, planCode, ...options.subscription } }));
}

/** A feature and an add-on on it; `addon` overrides the add-on's fields (boolean, $50 by default). */
export async function addonOn(
  client: CommetClient,
  code: string,
  type: Schemas["FeatureType"],
  addon: Partial<Schemas["CreateAddonRequest"]> = {},
): Promise<Schemas["Addon"]> {
  dataOf(await client.POST("/features/manage", { body: { name: `Feature ${code}`, code, type } }));
  return dataOf(await client.POST("/addons", { body: { name: `Addon ${code}`, basePrice: 5000, featureId: code, consumptionModel: "boolean", ...addon } }));
}

export async function activate(client: CommetClient, subscriptionId: string, addonId: string): Promise<Schemas["SubscriptionAddon"]> {
  return dataOf(await client.POST("/subscriptions/{id}/addons", { params: { path: { id: subscriptionId } }, body: { addonId } }));
}

export async function access(client: CommetClient, customerId: string, code: string, action?: "canUse"): Promise<Schemas["FeatureLookup"]> {
  return dataOf(await client.GET("/feature-access/{code}", { params: { path: { code }, query: { customerId, ...(action ? { action } : {}) } } }));
}

export async function subscription(client: CommetClient, id: string): Promise<Schemas["Subscription"]> {
  return dataOf(await client.GET("/subscriptions/{id}", { params: { path: { id } } }));
}

export async function track(client: CommetClient, customerId: string, feature: string, value: number) {
  return client.POST("/usage/events", { body: { customerId, feature, value } });
}
