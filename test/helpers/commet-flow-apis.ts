// The calls of the Commet after-activation flow, made two ways against the same mock: with specwright's
// public client, and with the official @commet/node 7.10.0 SDK unchanged (its base URL is fixed to
// https://commet.co, so its requests are routed to the mock by a fetch that answers nothing else). A
// flow written against `FlowApi` runs the same steps, with the same expectations, on both.
import { Commet, CommetAPIError } from "@commet/node";
import { createCommetClient, type CommetComponents } from "../../src/commet/index.js";
import { documentingFetch } from "./commet-lifecycle.js";

type Schemas = CommetComponents["schemas"];

/** A refused call, as both clients report it. */
export class FlowError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`${status} ${code}`);
  }
}

export interface FlowApi {
  name: string;
  createFeature(body: Schemas["CreateFeatureRequest"]): Promise<Schemas["Feature"]>;
  createAddon(body: Schemas["CreateAddonRequest"]): Promise<Schemas["Addon"]>;
  createCustomer(body: Schemas["CreateCustomerRequest"]): Promise<Schemas["Customer"]>;
  subscribe(body: { customerId: string; planCode: string }): Promise<Schemas["Subscription"]>;
  getSubscription(id: string): Promise<Schemas["Subscription"]>;
  activate(id: string, addonId: string): Promise<Schemas["SubscriptionAddon"]>;
  activeAddons(customerId: string): Promise<Schemas["ActiveAddon"][]>;
  track(customerId: string, feature: string, value: number): Promise<Schemas["UsageEvent"]>;
  listAccess(customerId: string): Promise<Schemas["FeatureAccess"][]>;
  access(customerId: string, code: string, canUse?: boolean): Promise<Schemas["FeatureLookup"]>;
  preview(id: string, planId: string, billingInterval?: Schemas["BillingInterval"]): Promise<Schemas["PreviewChange"]>;
  changePlan(id: string, body: { newPlanId?: string; newBillingInterval?: "weekly" | "monthly" | "quarterly" | "yearly" }): Promise<Schemas["PlanChange"]>;
  cancel(id: string, body: { reason?: string; immediate?: boolean }): Promise<Schemas["CanceledSubscription"]>;
}

/** specwright's client, with every answer checked against the spec. */
export function clientApi(baseUrl: string, apiKey: string): FlowApi {
  const client = createCommetClient({ apiKey, baseUrl, retries: 0, fetch: documentingFetch(baseUrl) });
  const data = async <T>(call: Promise<{ data?: { data: T }; error?: unknown; response: Response }>): Promise<T> => {
    const { data: body, error, response } = await call;
    if (body) return body.data;
    throw new FlowError(response.status, (error as { error: { code: string } }).error.code);
  };
  const path = (id: string) => ({ params: { path: { id } } });
  return {
    name: "specwright's public client",
    createFeature: (body) => data(client.POST("/features/manage", { body })),
    createAddon: (body) => data(client.POST("/addons", { body })),
    createCustomer: (body) => data(client.POST("/customers", { body })),
    subscribe: (body) => data(client.POST("/subscriptions", { body })),
    getSubscription: (id) => data(client.GET("/subscriptions/{id}", path(id))),
    activate: (id, addonId) => data(client.POST("/subscriptions/{id}/addons", { ...path(id), body: { addonId } })),
    activeAddons: (customerId) => data(client.GET("/active-addons", { params: { query: { customerId } } })),
    track: (customerId, feature, value) => data(client.POST("/usage/events", { body: { customerId, feature, value } })),
    listAccess: (customerId) => data(client.GET("/feature-access", { params: { query: { customerId } } })),
    access: (customerId, code, canUse) =>
      data(client.GET("/feature-access/{code}", { params: { path: { code }, query: { customerId, ...(canUse ? { action: "canUse" as const } : {}) } } })),
    preview: (id, planId, billingInterval) =>
      data(client.POST("/subscriptions/{id}/preview-change", { ...path(id), body: { planId, ...(billingInterval ? { billingInterval } : {}) } })),
    changePlan: (id, body) => data(client.POST("/subscriptions/{id}/change-plan", { ...path(id), body: body as { newPlanId: string } })),
    cancel: (id, body) => data(client.POST("/subscriptions/{id}/cancel", { ...path(id), body })),
  };
}

/**
 * The SDK's requests, all to https://commet.co/api/v1, sent to the mock instead; anything else (an
 * update check, another host) fails the test rather than leave the machine.
 */
export function routeCommetTo(mockUrl: string, realFetch: typeof fetch = globalThis.fetch): typeof fetch {
  const documenting = documentingFetch(mockUrl, realFetch);
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== "https://commet.co" || !url.pathname.startsWith("/api/v1/")) {
      return Promise.reject(new Error(`the flow only talks to the mock; refused ${url.origin}${url.pathname}`));
    }
    return documenting(`${mockUrl}${url.pathname.slice("/api/v1".length)}${url.search}`, init);
  };
}

/** The official SDK, configured as a user would (only the key); its fetch must be routed by `routeCommetTo`. */
export function sdkApi(apiKey: string): FlowApi {
  const sdk = new Commet({ apiKey });
  const data = async <T>(call: Promise<{ data?: unknown }>): Promise<T> => {
    try {
      return (await call).data as T;
    } catch (error) {
      if (error instanceof CommetAPIError) throw new FlowError(error.statusCode ?? 0, String(error.code));
      throw error;
    }
  };
  return {
    name: "the official @commet/node 7.10.0 SDK",
    createFeature: (body) => data(sdk.features.create(body)),
    createAddon: (body) => data(sdk.addons.create(body as Parameters<typeof sdk.addons.create>[0])),
    createCustomer: (body) => data(sdk.customers.create(body as Parameters<typeof sdk.customers.create>[0])),
    subscribe: (body) => data(sdk.subscriptions.create(body)),
    getSubscription: (id) => data(sdk.subscriptions.get({ id })),
    activate: (id, addonId) => data(sdk.subscriptions.activateAddon({ id, addonId })),
    activeAddons: (customerId) => data(sdk.addons.listActive({ customerId })),
    track: (customerId, feature, value) => data(sdk.usage.track({ customerId, feature, value })),
    listAccess: (customerId) => data(sdk.featureAccess.list({ customerId })),
    access: (customerId, code, canUse) => data(canUse ? sdk.featureAccess.canUse({ code, customerId }) : sdk.featureAccess.get({ code, customerId })),
    preview: (id, planId, billingInterval) => data(sdk.subscriptions.previewChange({ id, planId, ...(billingInterval ? { billingInterval } : {}) })),
    changePlan: (id, body) => data(sdk.subscriptions.changePlan({ id, ...body })),
    cancel: (id, body) => data(sdk.subscriptions.cancel({ id, ...body })),
  };
}
