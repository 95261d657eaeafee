// Issue 15, item 1: the events Commet POSTs to a webhook endpoint for what the spec's operations cause,
// in the spec's `webhooks` section (OAS 3.1). Read from the bundle (generated/commet/openapi.json), as
// a receiver would validate a delivery: each example passes its schema and names its own event, the
// envelope's seven fields are required, a delivery of another event or without `data` is refused, the
// signature header takes what the official SDK signs, and every data field is the documented one.
// The type checks at the end compare the generated types with @commet/node 7.10.0 (pinned to the
// spec's API version, 2026-07-11); `npm run typecheck` enforces them.
import { createHmac } from "node:crypto";
import { Webhooks } from "@commet/node";
import type * as Sdk from "@commet/node";
import { describe, expect, it } from "vitest";
import type { components } from "../../generated/commet/schema.js";
import { getDocument, type JsonSchema, type OperationObject, type ParameterObject } from "../../src/spec/document.js";
import { validateBody, validateParameters, type Validation } from "../../src/spec/validator.js";

type WebhookOperation = OperationObject & { description?: string; security?: unknown[] };
const document = getDocument("commet") as unknown as { webhooks?: Record<string, { post?: WebhookOperation }> };

/** The events the add-on, customer and subscription operations of the spec cause (see the report in the spec's Webhooks tag). */
const REQUIRED_EVENTS = [
  "addon.activated",
  "addon.deactivated",
  "customer.created",
  "customer.updated",
  "subscription.created",
  "subscription.activated",
  "subscription.canceled",
];
/** Also caused by the spec's operations, per the docs: alongside the add-on events and subscription creation. */
const ALSO_CAUSED = ["customer.state_changed", "checkout.ready", "trial.checkout_ready"];
const ENVELOPE_FIELDS = ["id", "event", "timestamp", "organizationId", "mode", "apiVersion", "data"];

const webhooks = Object.entries(document.webhooks ?? {}).map(([event, item]) => {
  const operation = item.post!;
  const media = operation.requestBody!.content["application/json"]!;
  return { event, operation, schema: media.schema!, example: media.example as Record<string, unknown> };
});
const byEvent = (event: string) => webhooks.find((webhook) => webhook.event === event)!;
const cases = webhooks.map((webhook) => [webhook.event, webhook] as const);

/** The `data` schema of a delivery: in the allOf part that fixes `event` (the other is the shared envelope). */
function dataSchema(schema: JsonSchema): JsonSchema {
  const extension = (schema.allOf as JsonSchema[]).find((part) => (part.properties as Record<string, JsonSchema> | undefined)?.event?.const !== undefined);
  return (extension!.properties as Record<string, JsonSchema>).data!;
}

function fieldsAtFault(result: Validation): string[] {
  return result.valid ? [] : result.errors.map((error) => error.field);
}

describe("Commet webhooks: the set", () => {
  it("has the required events, and the others the spec's operations cause, and no more", () => {
    const names = webhooks.map((webhook) => webhook.event);
    for (const event of REQUIRED_EVENTS) expect(names, event).toContain(event);
    expect([...names].sort()).toEqual([...REQUIRED_EVENTS, ...ALSO_CAUSED].sort());
    // Invoice, payment and trial-start events follow a payment or a checkout, not an operation here.
    expect(names.some((name) => /^(invoice|payment|payment_method)\./.test(name))).toBe(false);
  });

  it("names every operation uniquely, after its event", () => {
    const ids = webhooks.map((webhook) => webhook.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { event, operation } of webhooks) {
      const camel = event.replace(/[._]([a-z])/g, (_, letter: string) => letter.toUpperCase());
      expect(operation.operationId).toBe(`${camel}Webhook`);
    }
  });
});

describe.each(cases)("Commet webhook %s", (event, { operation, schema, example }) => {
  it("is a POST with a required JSON body, signed rather than authenticated by API key", () => {
    expect(operation.security).toEqual([]);
    expect(operation.requestBody!.required).toBe(true);
    expect(operation.summary).toBe(event);
    expect(operation.description).toMatch(/Source: <https:\/\//);
  });

  it("is acknowledged by a 2XX, and anything else is a failed delivery that is retried with the same id", () => {
    expect(Object.keys(operation.responses).sort()).toEqual(["2XX", "default"]);
    expect(operation.responses["2XX"]!.description).toMatch(/2xx/);
    expect(operation.responses.default!.description).toMatch(/retries it/);
    expect(operation.responses.default!.description).toMatch(/same event `id`/);
    expect(operation.responses.default!.description).toMatch(/10 seconds/);
  });

  it("declares the documented headers: the signature, the event id, the event and the timestamp", () => {
    const headers = new Map(
      (operation.parameters ?? []).filter((parameter) => parameter.in === "header").map((parameter) => [parameter.name, parameter] as const),
    );
    expect([...headers.keys()].sort()).toEqual(["X-Commet-Event", "X-Commet-Event-Id", "X-Commet-Signature", "X-Commet-Timestamp"]);
    for (const header of headers.values()) expect(header.required, header.name).toBe(true);
    expect(headers.get("X-Commet-Signature")!.schema).toMatchObject({ type: "string", pattern: "^[0-9a-f]{64}$" });
    expect(headers.get("X-Commet-Event")!.schema).toMatchObject({ type: "string", const: event });
    expect(headers.get("X-Commet-Timestamp")!.schema).toMatchObject({ type: "string", format: "date-time" });
  });

  it("has an example that passes its schema and names this event", () => {
    expect(validateBody(schema, example)).toEqual({ valid: true });
    expect(example.event).toBe(event);
  });

  it("requires each of the seven envelope fields", () => {
    for (const field of ENVELOPE_FIELDS) {
      const body: Record<string, unknown> = structuredClone(example);
      delete body[field];
      expect(fieldsAtFault(validateBody(schema, body)), field).toContain(field);
    }
  });

  it("refuses a body that names another event, or has no data", () => {
    for (const other of webhooks.filter((webhook) => webhook.event !== event)) {
      expect(fieldsAtFault(validateBody(schema, { ...example, event: other.event })), other.event).toContain("event");
    }
    expect(fieldsAtFault(validateBody(schema, { ...example, event: "no.such_event" }))).toContain("event");
    const { data: _data, ...withoutData } = example;
    expect(fieldsAtFault(validateBody(schema, withoutData))).toContain("data");
    expect(validateBody(schema, { ...example, data: null }).valid).toBe(false);
  });

  it("refuses a bad mode, timestamp or apiVersion", () => {
    expect(fieldsAtFault(validateBody(schema, { ...example, mode: "test" }))).toContain("mode");
    expect(fieldsAtFault(validateBody(schema, { ...example, timestamp: "yesterday" }))).toContain("timestamp");
    expect(fieldsAtFault(validateBody(schema, { ...example, apiVersion: "v1" }))).toContain("apiVersion");
  });

  // The envelope is open: "New fields added to responses" ship without a new API version
  // (documentation/api-versioning.md), so a receiver must not refuse a field it does not know.
  it("accepts fields it does not know, in the envelope and in data", () => {
    expect(validateBody(schema, { ...example, deliveryAttempt: 2 })).toEqual({ valid: true });
    expect(validateBody(schema, { ...example, data: { ...(example.data as object), addedLater: true } })).toEqual({ valid: true });
  });

  it("takes in its headers what the official SDK signs and verifies", () => {
    const secret = "whsec_abc123";
    const rawBody = JSON.stringify(example);
    const signature = createHmac("sha256", secret).update(rawBody).digest("hex");
    expect(new Webhooks().verify({ payload: rawBody, signature, secret })).toBe(true);
    const declared = operation.parameters as ParameterObject[];
    const headers = (overrides: Record<string, string> = {}) => ({
      "x-commet-signature": signature,
      "x-commet-event-id": String(example.id),
      "x-commet-event": event,
      "x-commet-timestamp": String(example.timestamp),
      ...overrides,
    });
    expect(validateParameters("header", declared, headers())).toEqual({ valid: true });
    for (const bad of [signature.toUpperCase(), `sha256=${signature}`, signature.slice(0, 40)]) {
      expect(fieldsAtFault(validateParameters("header", declared, headers({ "x-commet-signature": bad }))), bad).toContain("x-commet-signature");
    }
    const { "x-commet-signature": _signature, ...unsigned } = headers();
    expect(fieldsAtFault(validateParameters("header", declared, unsigned))).toContain("x-commet-signature");
    const other = webhooks.find((webhook) => webhook.event !== event)!.event;
    expect(fieldsAtFault(validateParameters("header", declared, headers({ "x-commet-event": other })))).toContain("x-commet-event");
  });
});

/** customer.created and customer.updated carry the same customer fields (webhooks/customer-*.md). */
const CUSTOMER_FIELDS: Record<string, string[]> = {
  id: ["string"],
  externalId: ["string", "null"],
  fullName: ["string", "null"],
  email: ["string"],
  taxDocument: ["string", "null"],
  documentType: ["string", "null"],
  timezone: ["string", "null"],
  metadata: ["object", "null"],
  createdAt: ["string"],
  updatedAt: ["string"],
};

/**
 * Each event's data fields as documented (webhooks/<event>.md, webhooks.md and, for
 * customer.state_changed, @commet/node 7.10.0): required and optional names, and the JSON types of each.
 */
const DOCUMENTED: Record<string, { required: Record<string, string[]>; optional?: Record<string, string[]> }> = {
  "addon.activated": {
    required: {
      subscriptionId: ["string"],
      customerId: ["string"],
      addon: ["object"],
      featureCode: ["string"],
      proratedPrice: ["number"],
      currency: ["string"],
    },
  },
  "addon.deactivated": { required: { subscriptionId: ["string"], customerId: ["string"], addon: ["object"], featureCode: ["string"] } },
  "customer.created": { required: CUSTOMER_FIELDS },
  "customer.updated": { required: CUSTOMER_FIELDS },
  "customer.state_changed": {
    required: {
      customerId: ["string"],
      trigger: ["string"],
      status: ["string"],
      subscriptionId: ["string", "null"],
      plan: ["object", "null"],
      billingInterval: ["string", "null"],
      consumptionModel: ["string", "null"],
      features: ["array"],
      seats: ["array"],
      credits: ["object", "null"],
      balance: ["object", "null"],
    },
  },
  "subscription.created": {
    required: {
      subscriptionId: ["string"],
      customerId: ["string"],
      planId: ["string"],
      planName: ["string"],
      status: ["string"],
      startDate: ["string"],
      name: ["string", "null"],
    },
  },
  "subscription.activated": {
    required: {
      subscriptionId: ["string"],
      customerId: ["string"],
      status: ["string"],
      name: ["string", "null"],
      invoiceId: ["string"],
      invoiceNumber: ["string"],
      invoiceTotal: ["number"],
      invoiceCurrency: ["string"],
      provider: ["string", "null"],
    },
    optional: { currentPeriodStart: ["string"], currentPeriodEnd: ["string"] },
  },
  "subscription.canceled": {
    required: { subscriptionId: ["string"], customerId: ["string"], status: ["string"], cancelReason: ["string", "null"] },
    optional: { canceledAt: ["string"], endDate: ["string"] },
  },
  "checkout.ready": {
    required: {
      subscriptionId: ["string"],
      customerId: ["string"],
      invoiceId: ["string"],
      invoiceNumber: ["string"],
      invoiceTotal: ["number"],
      invoiceCurrency: ["string"],
      checkoutUrl: ["string"],
    },
  },
  "trial.checkout_ready": {
    required: { subscriptionId: ["string"], customerId: ["string"], planName: ["string"], trialDays: ["number"], checkoutUrl: ["string"] },
  },
};

/** The JSON types a property schema admits (`type`, or each branch of an anyOf). */
function jsonTypes(schema: JsonSchema): string[] {
  if (Array.isArray(schema.anyOf)) return [...new Set((schema.anyOf as JsonSchema[]).flatMap(jsonTypes))].sort();
  return ([] as string[]).concat((schema.type as string | string[] | undefined) ?? []).sort();
}

describe("Commet webhooks: the documented data fields", () => {
  it.each(Object.keys(DOCUMENTED))("%s", (event) => {
    const data = dataSchema(byEvent(event).schema);
    const { required, optional = {} } = DOCUMENTED[event]!;
    const properties = data.properties as Record<string, JsonSchema>;
    expect(Object.keys(properties).sort()).toEqual([...Object.keys(required), ...Object.keys(optional)].sort());
    expect((data.required as string[]).sort()).toEqual(Object.keys(required).sort());
    for (const [field, types] of Object.entries({ ...required, ...optional })) expect(jsonTypes(properties[field]!), field).toEqual([...types].sort());
  });

  it("encodes the documented enums, constants and formats", () => {
    const data = (event: string) => dataSchema(byEvent(event).schema).properties as Record<string, JsonSchema>;
    expect(data("subscription.canceled").status!.const).toBe("canceled");
    expect(data("subscription.activated").provider!.enum).toEqual(["stripe", "commet", "dlocal", null]);
    for (const event of ["subscription.created", "subscription.activated"]) {
      expect(data(event).status!.enum, event).toEqual(["draft", "pending_payment", "trialing", "active", "past_due", "canceled"]);
    }
    expect(data("customer.state_changed").consumptionModel!.enum).toEqual(["metered", "credits", "balance", null]);
    expect(data("customer.state_changed").trigger!.enum).toEqual(expect.arrayContaining(["subscription_created", "addon_activated", "addon_deactivated"]));
    expect(data("customer.state_changed").trigger!.enum).toHaveLength(18);
    expect((data("addon.activated").addon!.required as string[]).sort()).toEqual(["id", "name"]);
    for (const [event, field] of [
      ["subscription.created", "startDate"],
      ["subscription.activated", "currentPeriodStart"],
      ["subscription.activated", "currentPeriodEnd"],
      ["subscription.canceled", "canceledAt"],
      ["subscription.canceled", "endDate"],
      ["customer.created", "createdAt"],
      ["customer.updated", "updatedAt"],
    ] as const) {
      expect(data(event)[field]!.format, `${event} ${field}`).toBe("date-time");
    }
    const envelope = (byEvent("addon.activated").schema.allOf as JsonSchema[])[0]!;
    expect((envelope.properties as Record<string, JsonSchema>).mode!.enum).toEqual(["live", "sandbox"]);
  });

  it("keeps the webhook money scale apart from the REST one, and says so", () => {
    const proratedPrice = (dataSchema(byEvent("addon.activated").schema).properties as Record<string, JsonSchema>).proratedPrice!;
    expect(proratedPrice.description).toMatch(/10000 = \$1\.00/);
    expect(proratedPrice["x-doc-discrepancy"]).toMatch(/proratedCharge/);
  });

  it("refuses a subscription.canceled whose status is not canceled, and a provider the docs do not list", () => {
    const canceled = byEvent("subscription.canceled");
    const example = canceled.example as { data: Record<string, unknown> };
    expect(fieldsAtFault(validateBody(canceled.schema, { ...example, data: { ...example.data, status: "active" } }))).toContain("data.status");
    const activated = byEvent("subscription.activated");
    const activatedExample = activated.example as { data: Record<string, unknown> };
    expect(validateBody(activated.schema, { ...activatedExample, data: { ...activatedExample.data, provider: null } })).toEqual({ valid: true });
    expect(fieldsAtFault(validateBody(activated.schema, { ...activatedExample, data: { ...activatedExample.data, provider: "paypal" } }))).toContain(
      "data.provider",
    );
  });
});

// Type checks against the official SDK (tsc, via `npm run typecheck`): every payload the spec's types
// describe is one the SDK's 2026-07-11 types accept, with the same fields and the same required ones.
type Ours = components["schemas"];
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Matches<O, S> = O extends S ? (Same<keyof O, keyof S> extends true ? (Same<RequiredKeys<O>, RequiredKeys<S>> extends true ? true : false) : false) : false;

const sdkAgrees: {
  addonActivated: Matches<Ours["AddonActivatedData"], Sdk.AddonActivatedData>;
  addonDeactivated: Matches<Ours["AddonDeactivatedData"], Sdk.AddonDeactivatedData>;
  customerCreated: Matches<Ours["WebhookCustomer"], Sdk.CustomerCreatedData>;
  customerUpdated: Matches<Ours["WebhookCustomer"], Sdk.CustomerUpdatedData>;
  customerStateChanged: Matches<Ours["CustomerStateChangedData"], Sdk.CustomerStateChangedData>;
  featureAccess: Matches<Ours["WebhookFeatureAccess"], Sdk.WebhookFeatureAccess>;
  subscriptionCreated: Matches<Ours["SubscriptionCreatedData"], Sdk.SubscriptionCreatedData>;
  subscriptionActivated: Matches<Ours["SubscriptionActivatedData"], Sdk.SubscriptionActivatedData>;
  subscriptionCanceled: Matches<Ours["SubscriptionCanceledData"], Sdk.SubscriptionCanceledData>;
  checkoutReady: Matches<Ours["CheckoutReadyData"], Sdk.CheckoutReadyData>;
  trialCheckoutReady: Matches<Ours["TrialCheckoutReadyData"], Sdk.TrialCheckoutReadyData>;
  // The SDK's envelope has no `id` (x-doc-discrepancy on WebhookEnvelope.id): ours adds it, and is still an SDK envelope.
  envelope: Ours["AddonActivatedEvent"] extends Sdk.WebhookEventEnvelope<"addon.activated", Sdk.AddonActivatedData> ? true : false;
  envelopeAddsOnlyId: Same<Exclude<keyof Ours["WebhookEnvelope"], keyof Sdk.WebhookEventEnvelope<"addon.activated", unknown>>, "id">;
} = {
  addonActivated: true,
  addonDeactivated: true,
  customerCreated: true,
  customerUpdated: true,
  customerStateChanged: true,
  featureAccess: true,
  subscriptionCreated: true,
  subscriptionActivated: true,
  subscriptionCanceled: true,
  checkoutReady: true,
  trialCheckoutReady: true,
  envelope: true,
  envelopeAddsOnlyId: true,
};

describe("Commet webhooks and @commet/node 7.10.0", () => {
  it("agree on every event's data (checked by tsc; see sdkAgrees)", () => {
    expect(Object.values(sdkAgrees).every(Boolean)).toBe(true);
  });
});
