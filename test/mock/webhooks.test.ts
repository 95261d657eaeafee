// The Commet mock delivers its webhooks (issue 15, item 3). A real receiver on loopback checks every
// delivery with the official SDK (@commet/node 7.10.0) and with `parseWebhook`, and every body against
// the spec's schema for its event, while the public client drives the mock over HTTP. Then, by concern:
// what sends nothing (seed data, refused, replayed and undone requests), the `events` filter, the
// option checks, retries with the same id, give-up, auto-disable, per-customer ordering, reset and
// close, and the bounded records that never hold the secret.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Commet } from "@commet/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCommetClient, type CommetClient } from "../../src/commet/index.js";
import { COMMET_WEBHOOK_EVENT_NAMES, parseWebhook } from "../../src/commet/webhooks.js";
import { ConfigurationError } from "../../src/core/errors/configuration-error.js";
import { MOCK_ORGANIZATION_ID } from "../../src/mock/commet/webhooks/profile.js";
import {
  isSpecwrightError,
  MAX_DELIVERY_RECORDS,
  startMock,
  type MockServer,
  type MockServerOptions,
  type WebhookDeliveryRecord,
} from "../../src/mock/index.js";
import { getDocument, type JsonSchema, type OperationObject } from "../../src/spec/document.js";
import { validateBody, validateParameters } from "../../src/spec/validator.js";
import { cancelSubscription, Clock, createAddon, dataOf, JULY_1, SANDBOX_KEY } from "../helpers/commet.js";

const SECRET = "whsec_mockTestSecret_0123456789";
const LIVE_KEY = "ck_live_webhooks";
/** The one event the mock never sends: it hands out no trial checkout links (a trial starts at once). */
const NEVER_SENT = ["trial.checkout_ready"];

interface Delivery {
  path: string;
  body: string;
  headers: IncomingHttpHeaders;
}

type Answer = number | "drop";

/**
 * A webhook endpoint on loopback. `respond` decides each answer: a status, or "drop" (the connection is
 * destroyed before any answer); it may wait. `received(n)` resolves once n requests arrived.
 */
class Receiver {
  readonly deliveries: Delivery[] = [];
  /** Requests whose connection has closed (answered or not). */
  closed = 0;
  respond: (delivery: Delivery, index: number, request: IncomingMessage) => Answer | Promise<Answer> = () => 200;
  private waiters: { until: () => boolean; resolve: () => void }[] = [];
  private server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    request.socket.once("close", () => {
      this.closed += 1;
      this.wake();
    });
    const delivery = { path: request.url ?? "", body: Buffer.concat(chunks).toString("utf8"), headers: request.headers };
    const index = this.deliveries.push(delivery) - 1;
    this.wake();
    const answer = await this.respond(delivery, index, request);
    if (answer === "drop") request.socket.destroy();
    else response.writeHead(answer, { "content-type": "text/plain" }).end("ok");
  });
  url = "";

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/webhooks/commet`;
    return this;
  }

  /** Resolves once `condition` holds; checked whenever a request arrives or a connection closes. */
  until(condition: () => boolean): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ until: condition, resolve }));
  }

  received(count: number): Promise<void> {
    return this.until(() => this.deliveries.length >= count);
  }

  clear(): void {
    this.deliveries.length = 0;
    this.closed = 0;
    this.respond = () => 200;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) {
      if (!waiter.until()) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }
}

/** A gate a held answer waits on; it opens early when the mock gives up on the request. */
function hold(request: IncomingMessage): { answer: (status: number) => void; done: Promise<Answer> } {
  let answer!: (status: number) => void;
  const done = new Promise<Answer>((resolve) => {
    answer = resolve;
    request.socket.once("close", () => resolve("drop"));
  });
  return { answer, done };
}

const events = (deliveries: readonly Delivery[]) =>
  deliveries.map((delivery) => JSON.parse(delivery.body) as { id: string; event: string; data: Record<string, any> });

/** Polls the mock's records (they are written when an answer arrives, which the receiver cannot see). */
async function recordsUntil(mock: MockServer, condition: (records: WebhookDeliveryRecord[]) => boolean): Promise<WebhookDeliveryRecord[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const records = mock.webhookDeliveries();
    if (condition(records)) return records;
    if (Date.now() > deadline) throw new Error(`records never matched: ${JSON.stringify(records)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function useWebhookMock(options: Omit<MockServerOptions, "webhooks"> & { webhooks?: Omit<NonNullable<MockServerOptions["webhooks"]>, "url" | "secret"> } = {}) {
  const receiver = new Receiver();
  let mock: MockServer | undefined;
  beforeAll(async () => {
    await receiver.start();
    mock = await startMock("commet", { ...options, webhooks: { url: receiver.url, secret: SECRET, ...options.webhooks } });
  });
  afterAll(async () => {
    await mock?.close();
    await receiver.close();
  });
  beforeEach(() => {
    mock!.reset();
    receiver.clear();
  });
  return {
    receiver,
    mock: () => mock!,
    client: (apiKey = SANDBOX_KEY) => createCommetClient({ apiKey, baseUrl: mock!.url, retries: 0 }),
  };
}

function post(mock: MockServer, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${mock.url}${path}`, {
    method: "POST",
    headers: { "x-api-key": SANDBOX_KEY, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

const newCustomer = async (client: CommetClient, body: Record<string, unknown> = {}) =>
  dataOf(await client.POST("/customers", { body: { email: `c${Math.random().toString(36).slice(2)}@example.com`, ...body } }));

type Webhook = { post: OperationObject };
const spec = getDocument("commet") as unknown as { webhooks: Record<string, Webhook> };

describe("acceptance: what the mock delivers verifies with @commet/node, parses with parseWebhook and matches the spec", () => {
  const clock = new Clock();
  const sdk = new Commet({ apiKey: SANDBOX_KEY });
  const { receiver, mock, client } = useWebhookMock({ now: clock.now });
  beforeEach(() => clock.set(JULY_1));

  it("sends every event the mock can cause, each signed, valid and built from the API's own ids", async () => {
    const verified: unknown[] = [];
    receiver.respond = ({ body, headers }) => {
      const payload = sdk.webhooks.verifyAndParse({ rawBody: body, signature: (headers["x-commet-signature"] as string | undefined) ?? null, secret: SECRET });
      verified.push(payload);
      return payload ? 200 : 401;
    };

    // A paying customer, known by external ID: created, updated, subscribed, an add-on on and off, canceled.
    const ada = await newCustomer(client(), { externalId: "user_ada", fullName: "Ada" });
    dataOf(await client().PUT("/customers/{id}", { params: { path: { id: ada.id } }, body: { taxDocument: "20-1" } }));
    const updated = dataOf(await client().PUT("/customers/{id}", { params: { path: { id: ada.id } }, body: { email: "ada@example.com" } }));
    const addon = await createAddon(client(), "storage");
    const pro = dataOf(await client().POST("/subscriptions", { body: { customerId: "user_ada", planCode: "pro" } }));
    clock.advanceDays(11);
    const activation = dataOf(await client().POST("/subscriptions/{id}/addons", { params: { path: { id: pro.id } }, body: { addonId: addon.id } }));
    dataOf(await client().DELETE("/subscriptions/{id}/addons/{addonId}", { params: { path: { id: pro.id, addonId: addon.id } } }));
    expect((await cancelSubscription(mock(), pro.id, "Too expensive")).status).toBe(200);
    // A customer without a card: the subscription waits for its checkout, which the control route pays.
    const grace = await newCustomer(client(), { metadata: { mock_payment_method: "none" } });
    const pending = dataOf(await client().POST("/subscriptions", { body: { customerId: grace.id, planCode: "pro" } }));
    const paid = await fetch(`${mock().controlUrl}/commet/pay/${pending.id}`, { method: "POST" });
    expect(paid.status).toBe(200);
    const active = ((await paid.json()) as { data: typeof pending }).data;
    // A live-mode customer on a trial plan.
    const lin = await newCustomer(client(LIVE_KEY));
    const trial = dataOf(await client(LIVE_KEY).POST("/subscriptions", { body: { customerId: lin.id, planCode: "team" } }));

    await mock().settleWebhooks();
    const received = events(receiver.deliveries);
    expect(verified.every((payload) => payload !== null)).toBe(true);
    expect(
      mock()
        .webhookDeliveries()
        .every((record) => record.state === "delivered" && record.attempt === 1 && record.status === 200),
    ).toBe(true);
    expect(mock().webhookDeliveries()).toHaveLength(received.length);

    for (const [index, delivery] of receiver.deliveries.entries()) {
      const signature = delivery.headers["x-commet-signature"] as string;
      const parsed = await parseWebhook({ payload: delivery.body, signature, secret: SECRET });
      expect(parsed).toEqual(verified[index]);
      const operation = spec.webhooks[parsed.event]!.post;
      const schema = operation.requestBody!.content["application/json"]!.schema as JsonSchema;
      expect(validateBody(schema, parsed), delivery.body.slice(0, 400)).toEqual({ valid: true });
      expect(validateParameters("header", operation.parameters ?? [], { ...delivery.headers })).toEqual({ valid: true });
      expect(delivery.headers).toMatchObject({
        "x-commet-event": parsed.event,
        "x-commet-event-id": parsed.id,
        "x-commet-timestamp": parsed.timestamp,
        "content-type": "application/json",
      });
      expect(delivery.path).toBe("/api/webhooks/commet");
      expect(parsed.organizationId).toBe(MOCK_ORGANIZATION_ID);
      expect(parsed.id).toMatch(/^whev_[A-Za-z0-9]{24}$/);
    }
    expect(new Set(received.map((event) => event.id)).size).toBe(received.length);
    const seen = new Set(received.map((event) => event.event));
    expect([...seen].sort()).toEqual(COMMET_WEBHOOK_EVENT_NAMES.filter((name) => !NEVER_SENT.includes(name)).sort());

    // Each customer's events arrive in the order they happened.
    const about = (customerId: string) => received.filter((event) => (event.data.id ?? event.data.customerId) === customerId);
    const trigger = (event: (typeof received)[number]) => (event.event === "customer.state_changed" ? `${event.event}:${event.data.trigger}` : event.event);
    expect(about("user_ada").map(trigger)).toEqual([
      "subscription.created",
      "customer.state_changed:subscription_created",
      "subscription.activated",
      "customer.state_changed:subscription_activated",
      "addon.activated",
      "customer.state_changed:addon_activated",
      "addon.deactivated",
      "customer.state_changed:addon_deactivated",
      "subscription.canceled",
      "customer.state_changed:subscription_canceled",
    ]);
    // customer.* name the customer by its Commet ID (their `id`), the rest by the external ID.
    expect(about(ada.id).map(trigger)).toEqual(["customer.created", "customer.updated"]);
    expect(about(grace.id).map(trigger)).toEqual([
      "customer.created",
      "subscription.created",
      "customer.state_changed:subscription_created",
      "checkout.ready",
      "subscription.activated",
      "customer.state_changed:subscription_activated",
    ]);
    expect(about(lin.id).map(trigger)).toEqual(["customer.created", "subscription.created", "customer.state_changed:subscription_created"]);

    // The payloads are the mock's state, as the API showed it.
    const one = (name: string, customerId: string) => about(customerId).filter((event) => event.event === name);
    const { object: _object, livemode: _livemode, ...adaFields } = updated;
    expect(one("customer.updated", ada.id)[0]!.data).toEqual({ ...adaFields, taxDocument: "20-1", documentType: null });
    expect(one("customer.created", ada.id)[0]!.data).toMatchObject({ id: ada.id, email: ada.email, externalId: "user_ada", taxDocument: null });
    expect(one("subscription.created", "user_ada")[0]!.data).toEqual({
      subscriptionId: pro.id,
      customerId: "user_ada",
      planId: pro.plan.id,
      planName: "Pro",
      status: "active",
      startDate: pro.startDate,
      name: "Pro",
    });
    expect(one("subscription.activated", "user_ada")[0]!.data).toMatchObject({
      subscriptionId: pro.id,
      status: "active",
      currentPeriodStart: pro.currentPeriod!.start,
      currentPeriodEnd: pro.currentPeriod!.end,
      invoiceTotal: 4900,
      invoiceCurrency: "usd",
      provider: "stripe",
    });
    expect(one("addon.activated", "user_ada")[0]!.data).toEqual({
      subscriptionId: pro.id,
      customerId: "user_ada",
      addon: { id: addon.id, name: addon.name },
      featureCode: "storage",
      // Rate scale (10000 = $1.00) where the REST answer is in cents.
      proratedPrice: activation.proratedCharge * 100,
      currency: "usd",
    });
    const states = one("customer.state_changed", "user_ada").map((event) => event.data);
    expect(states[2]!.features.map((feature: { code: string }) => feature.code)).toEqual(["api_calls", "projects", "storage"]);
    expect(states[2]!.features[2]).toMatchObject({ type: "boolean", allowed: true, enabled: true });
    expect(states[3]!.features.map((feature: { code: string }) => feature.code)).toEqual(["api_calls", "projects"]);
    expect(states[4]).toMatchObject({ status: "none", subscriptionId: null, plan: null, features: [] });
    expect(one("subscription.canceled", "user_ada")[0]!.data).toMatchObject({
      status: "canceled",
      cancelReason: "Too expensive",
      canceledAt: "2026-07-12T00:00:00.000Z",
    });
    const checkout = one("checkout.ready", grace.id)[0]!.data;
    expect(checkout).toMatchObject({ subscriptionId: pending.id, checkoutUrl: pending.checkoutUrl, invoiceTotal: 4900 });
    expect(one("subscription.activated", grace.id)[0]!.data).toMatchObject({
      invoiceId: checkout.invoiceId,
      invoiceNumber: checkout.invoiceNumber,
      currentPeriodStart: active.currentPeriod!.start,
    });
    expect(one("subscription.created", lin.id)[0]!.data).toMatchObject({ subscriptionId: trial.id, status: "trialing" });

    // Envelope: the mock's clock, and the mode of the key's tenant.
    const all = receiver.deliveries.map((delivery) => JSON.parse(delivery.body) as { timestamp: string; mode: string; data: Record<string, unknown> });
    expect(all[0]!.timestamp).toBe("2026-07-01T00:00:00.000Z");
    expect(all.filter((event) => event.mode === "live")).toHaveLength(about(lin.id).length);
  });
});

describe("nothing is sent for what is not a kept change", () => {
  const { receiver, mock, client } = useWebhookMock();

  /**
   * Creates a customer as a marker, to show that deliveries work, and returns the other events sent
   * (settleWebhooks waits for every event emitted before it, of any customer).
   */
  async function sentBeforeMarker(): Promise<string[]> {
    const marker = await newCustomer(client());
    await mock().settleWebhooks();
    const received = events(receiver.deliveries);
    const isMarker = (event: (typeof received)[number]) => event.event === "customer.created" && event.data.id === marker.id;
    expect(received.filter(isMarker)).toHaveLength(1);
    return received.filter((event) => !isMarker(event)).map((event) => event.event);
  }

  it("reads, refused requests and failing control routes", async () => {
    await client().GET("/customers", {});
    expect((await post(mock(), "/subscriptions", { customerId: "cus_nobody", planCode: "pro" })).status).toBe(404);
    expect((await post(mock(), "/customers", { email: 42 })).status).toBe(400);
    expect((await post(mock(), "/customers", { email: "x@example.com", metadata: { mock_payment_method: "cash" } })).status).toBe(400);
    expect((await cancelSubscription(mock(), "sub_nobody")).status).toBe(404);
    expect((await fetch(`${mock().controlUrl}/commet/pay/sub_nobody`, { method: "POST" })).status).toBe(404);
    expect(await sentBeforeMarker()).toEqual([]);
  });

  it("an update that changes none of the documented fields, and creating again with an existing own id", async () => {
    const customer = await newCustomer(client(), { id: "own_1" });
    dataOf(await client().PUT("/customers/{id}", { params: { path: { id: customer.id } }, body: { taxDocument: "20-1", email: customer.email } }));
    dataOf(await client().POST("/customers", { body: { id: "own_1", email: "other@example.com" } }));
    expect(await sentBeforeMarker()).toEqual(["customer.created"]);
  });

  it("an idempotent replay", async () => {
    const headers = { "idempotency-key": "create-once" };
    const first = await post(mock(), "/customers", { email: "once@example.com" }, headers);
    const again = await post(mock(), "/customers", { email: "once@example.com" }, headers);
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await sentBeforeMarker()).toEqual(["customer.created"]);
  });

  it("a second cancellation (409) and paying what is not pending (409)", async () => {
    const customer = await newCustomer(client());
    const subscription = dataOf(await client().POST("/subscriptions", { body: { customerId: customer.id, planCode: "free" } }));
    expect((await fetch(`${mock().controlUrl}/commet/pay/${subscription.id}`, { method: "POST" })).status).toBe(409);
    expect((await cancelSubscription(mock(), subscription.id)).status).toBe(200);
    expect((await cancelSubscription(mock(), subscription.id)).status).toBe(409);
    const sent = await sentBeforeMarker();
    expect(sent.filter((event) => event === "subscription.canceled")).toHaveLength(1);
    expect(sent.filter((event) => event === "subscription.activated")).toHaveLength(1);
  });

  it("paying a pending checkout of a customer who has since started another subscription (409)", async () => {
    const customer = await newCustomer(client(), { metadata: { mock_payment_method: "none" } });
    const pending = dataOf(await client().POST("/subscriptions", { body: { customerId: customer.id, planCode: "pro" } }));
    dataOf(await client().POST("/subscriptions", { body: { customerId: customer.id, planCode: "free" } }));
    const paid = await fetch(`${mock().controlUrl}/commet/pay/${pending.id}`, { method: "POST" });
    expect(paid.status).toBe(409);
    expect(((await paid.json()) as { error: { code: string } }).error.code).toBe("already_has_active_subscription");
    // One activation: the free plan's, at creation.
    expect((await sentBeforeMarker()).filter((event) => event === "subscription.activated")).toHaveLength(1);
  });
});

describe("nothing is sent for the seed data or a write the tenant's limits undo", () => {
  const seeded = useWebhookMock({ seed: 7, tenantLimits: { objects: 400 } });

  it("sends nothing for the seeded customer and subscription, nor on reset", async () => {
    const customers = dataOf(await seeded.client().GET("/customers", {}));
    expect(customers).toHaveLength(1);
    seeded.mock().reset();
    await seeded.client().GET("/customers", {});
    await seeded.mock().settleWebhooks();
    expect(seeded.receiver.deliveries).toEqual([]);
  });

  it("sends one customer.created per customer kept, none for the one the full tenant refused", async () => {
    let created = 0;
    for (let attempt = 0; attempt < 200; attempt++) {
      const reply = await post(seeded.mock(), "/customers", { email: `c${attempt}@example.com`, fullName: "x".repeat(20) });
      if (reply.status !== 200) {
        expect(((await reply.json()) as { error: { code: string } }).error.code).toBe("limit_exceeded");
        break;
      }
      created += 1;
    }
    expect(created).toBeGreaterThan(0);
    expect(created).toBeLessThan(200);
    await seeded.mock().settleWebhooks();
    expect(events(seeded.receiver.deliveries).map((event) => event.event)).toEqual(Array(created).fill("customer.created"));
  });
});

describe("the events option", () => {
  const { receiver, mock, client } = useWebhookMock({ webhooks: { events: ["subscription.created", "checkout.ready"] } });

  it("sends only the events named", async () => {
    const customer = await newCustomer(client(), { metadata: { mock_payment_method: "none" } });
    dataOf(await client().POST("/subscriptions", { body: { customerId: customer.id, planCode: "pro" } }));
    await mock().settleWebhooks();
    expect(events(receiver.deliveries).map((event) => event.event)).toEqual(["subscription.created", "checkout.ready"]);
  });
});

describe("option checks", () => {
  const url = "http://127.0.0.1:9/webhooks";

  async function refusal(options: unknown, api: "commet" | "onet" | "cloudplans" = "commet"): Promise<ConfigurationError> {
    const error = await startMock(api, { webhooks: options as MockServerOptions["webhooks"] }).then(
      async (mock) => {
        await mock.close();
        throw new Error("started");
      },
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(isSpecwrightError(error)).toBe(true);
    return error as ConfigurationError;
  }

  it.each([
    ["webhooks.url", { url: "/relative", secret: SECRET }, /absolute http or https URL/],
    ["webhooks.url", { url: "ftp://example.com/x", secret: SECRET }, /absolute http or https URL/],
    ["webhooks.secret", { url, secret: "sk_not_a_whsec" }, /whsec_/],
    ["webhooks.secret", { url, secret: "whsec_has space" }, /whsec_/],
    [
      "webhooks.events",
      { url, secret: SECRET, events: ["customer.created", "invoice.created"] },
      /unknown events "invoice\.created"; expected some of addon\.activated/,
    ],
    ["webhooks.events", { url, secret: SECRET, events: [] }, /non-empty list/],
    ["webhooks.retryDelaysMs", { url, secret: SECRET, retryDelaysMs: [10, -1] }, /integer delays/],
    ["webhooks.timeoutMs", { url, secret: SECRET, timeoutMs: 0 }, /from 1 to/],
    ["webhooks", { url, secret: SECRET, retries: 3 }, /no option "retries"/],
    ["webhooks", "http://example.com", /must be an object/],
  ])("refuses a bad %s, naming it", async (option, options, message) => {
    const error = await refusal(options);
    expect(error.option).toBe(option);
    expect(error.message).toMatch(new RegExp(`^startMock: ${option.replace(".", "\\.")} `));
    expect(error.message).toMatch(message);
  });

  it("never echoes the secret or the URL", async () => {
    const secret = "whsec_leak me";
    expect((await refusal({ url, secret })).message).not.toContain("leak");
    expect((await refusal({ url: "mailto:token-123@example.com", secret: SECRET })).message).not.toContain("token-123");
  });

  it.each(["onet", "cloudplans"] as const)("refuses webhooks on the %s mock, which sends none", async (api) => {
    const error = await refusal({ url, secret: SECRET }, api);
    expect(error.option).toBe("webhooks");
    expect(error.message).toContain(`the ${api} mock`);
  });
});

describe("delivery: retries and give-up", () => {
  const { receiver, mock, client } = useWebhookMock({ webhooks: { retryDelaysMs: [20, 20, 20], timeoutMs: 2_000 } });
  afterEach(() => mock().settleWebhooks());

  it("retries a non-2xx answer with the same id, body and signature", async () => {
    receiver.respond = (_, index) => (index < 2 ? 500 : 200);
    await newCustomer(client());
    await mock().settleWebhooks();
    const [first, ...rest] = receiver.deliveries;
    expect(rest).toHaveLength(2);
    for (const retry of rest) {
      expect(retry.body).toBe(first!.body);
      for (const header of ["x-commet-signature", "x-commet-event-id", "x-commet-timestamp"]) expect(retry.headers[header]).toBe(first!.headers[header]);
    }
    const records = mock().webhookDeliveries();
    expect(records.map(({ attempt, status, error, state }) => ({ attempt, status, error, state }))).toEqual([
      { attempt: 1, status: 500, error: "status", state: "retrying" },
      { attempt: 2, status: 500, error: "status", state: "retrying" },
      { attempt: 3, status: 200, error: undefined, state: "delivered" },
    ]);
    expect(new Set(records.map((record) => record.eventId))).toEqual(new Set([JSON.parse(first!.body).id]));
    expect(records[0]).toMatchObject({ event: "customer.created", tenant: "sandbox", objectKey: expect.stringMatching(/^customer\/cus_/) });
  });

  it("retries after a dropped connection, a redirect (not followed) and a timeout", async () => {
    receiver.respond = (_, index, request) => {
      if (index === 0) return "drop";
      if (index === 1) return hold(request).done;
      return index === 2 ? 307 : 204;
    };
    await newCustomer(client());
    await mock().settleWebhooks();
    expect(receiver.deliveries.map((delivery) => delivery.path)).toEqual(Array(4).fill("/api/webhooks/commet"));
    expect(
      mock()
        .webhookDeliveries()
        .map(({ status, error, state }) => [status, error, state]),
    ).toEqual([
      [null, "connection", "retrying"],
      [null, "timeout", "retrying"],
      [307, "redirect", "retrying"],
      [204, undefined, "delivered"],
    ]);
  });

  it("gives up after the last attempt (1 + retryDelaysMs.length), and a refused connection fails too", async () => {
    receiver.respond = () => 503;
    await newCustomer(client());
    await mock().settleWebhooks();
    expect(
      mock()
        .webhookDeliveries()
        .map((record) => record.state),
    ).toEqual(["retrying", "retrying", "retrying", "failed"]);

    const nobody = new Receiver();
    await nobody.start();
    await nobody.close();
    const refused = await startMock("commet", { webhooks: { url: nobody.url, secret: SECRET, retryDelaysMs: [] } });
    try {
      await post(refused, "/customers", { email: "x@example.com" });
      await refused.settleWebhooks();
      expect(refused.webhookDeliveries()).toMatchObject([{ attempt: 1, status: null, error: "connection", state: "failed" }]);
    } finally {
      await refused.close();
    }
  });
});

describe("delivery: ordering", () => {
  // A generous timeout: the held answer must not time out on a busy machine.
  const { receiver, mock, client } = useWebhookMock({ webhooks: { timeoutMs: 120_000 } });

  it("sends one customer's events one at a time, in order, while another customer's overtake them", async () => {
    let release!: (status: number) => void;
    receiver.respond = (_, index, request) => {
      if (index > 0) return 200;
      const gate = hold(request);
      release = gate.answer;
      return gate.done;
    };
    const first = await newCustomer(client());
    dataOf(await client().PUT("/customers/{id}", { params: { path: { id: first.id } }, body: { fullName: "First, renamed" } }));
    const second = await newCustomer(client());
    await receiver.received(2);
    // The second customer's event went out while the first's was unanswered; the first's update waits.
    expect(events(receiver.deliveries).map((event) => [event.event, event.data.id])).toEqual([
      ["customer.created", first.id],
      ["customer.created", second.id],
    ]);
    release(200);
    await mock().settleWebhooks();
    expect(events(receiver.deliveries).map((event) => [event.event, event.data.id])).toEqual([
      ["customer.created", first.id],
      ["customer.created", second.id],
      ["customer.updated", first.id],
    ]);
  });
});

describe("auto-disable after three events in a row fail", () => {
  const { receiver, mock, client } = useWebhookMock({ webhooks: { retryDelaysMs: [] } });

  const rename = async (id: string, fullName: string) => dataOf(await client().PUT("/customers/{id}", { params: { path: { id } }, body: { fullName } }));

  it("records later events as skipped, not sent, until reset() enables the endpoint again", async () => {
    receiver.respond = () => 500;
    // One customer's events, so that they fail one after another.
    const customer = await newCustomer(client());
    for (const name of ["A", "B", "C"]) await rename(customer.id, name);
    await mock().settleWebhooks();
    expect(receiver.deliveries).toHaveLength(3);
    const records = mock().webhookDeliveries();
    expect(records.map(({ event, state, error, status }) => [event, state, error, status])).toEqual([
      ["customer.created", "failed", "status", 500],
      ["customer.updated", "failed", "status", 500],
      ["customer.updated", "failed", "status", 500],
      ["customer.updated", "skipped", "disabled", null],
    ]);
    await newCustomer(client());
    await mock().settleWebhooks();
    expect(mock().webhookDeliveries().at(-1)).toMatchObject({ event: "customer.created", state: "skipped", error: "disabled" });
    expect(receiver.deliveries).toHaveLength(3);

    mock().reset();
    expect(mock().webhookDeliveries()).toEqual([]);
    receiver.respond = () => 200;
    await newCustomer(client());
    await mock().settleWebhooks();
    expect(mock().webhookDeliveries()).toMatchObject([{ event: "customer.created", state: "delivered" }]);
  });

  it("counts only failures in a row: a delivered event starts the count again", async () => {
    receiver.respond = (_, index) => (index === 2 ? 200 : 500);
    const customer = await newCustomer(client());
    for (const name of ["A", "B", "C", "D"]) await rename(customer.id, name);
    await mock().settleWebhooks();
    expect(
      mock()
        .webhookDeliveries()
        .map((record) => record.state),
    ).toEqual(["failed", "failed", "delivered", "failed", "failed"]);
  });
});

describe("reset() and close()", () => {
  const timers = () => process.getActiveResourcesInfo().filter((resource) => resource === "Timeout").length;

  it("reset() cancels a pending retry (its timer) and forgets the records", async () => {
    const receiver = await new Receiver().start();
    receiver.respond = () => 500;
    const mock = await startMock("commet", { webhooks: { url: receiver.url, secret: SECRET, retryDelaysMs: [600_000] } });
    try {
      await post(mock, "/customers", { email: "x@example.com" });
      // The attempt is over once its connection closed: what is left is the wait for the retry.
      await receiver.until(() => receiver.closed === 1);
      await recordsUntil(mock, (records) => records.length === 1);
      const before = timers();
      mock.reset();
      expect(timers()).toBe(before - 1);
      expect(mock.webhookDeliveries()).toEqual([]);
      await mock.settleWebhooks();
    } finally {
      await mock.close();
      await receiver.close();
    }
  });

  it("close() cancels a delivery in flight: its connection closes, its timer goes, settleWebhooks resolves", async () => {
    const receiver = await new Receiver().start();
    receiver.respond = (_, __, request) => hold(request).done;
    const mock = await startMock("commet", { webhooks: { url: receiver.url, secret: SECRET } });
    await post(mock, "/customers", { email: "x@example.com" });
    await receiver.received(1);
    const before = timers();
    const closing = mock.close();
    expect(timers()).toBeLessThanOrEqual(before - 1);
    await closing;
    await receiver.until(() => receiver.closed === 1);
    await mock.settleWebhooks();
    expect(mock.webhookDeliveries()).toEqual([]);
    await receiver.close();
  });
});

describe("the records", () => {
  const { receiver, mock, client } = useWebhookMock({ webhooks: { retryDelaysMs: Array(100).fill(0) } });

  it("keep the last MAX_DELIVERY_RECORDS attempts", async () => {
    // 101 attempts per event (the last one delivered, so the endpoint stays enabled), 10 events.
    const attempts = new Map<string, number>();
    receiver.respond = ({ headers }) => {
      const id = headers["x-commet-event-id"] as string;
      attempts.set(id, (attempts.get(id) ?? 0) + 1);
      return attempts.get(id)! > 100 ? 200 : 500;
    };
    const customer = await newCustomer(client());
    for (let n = 0; n < 9; n++) dataOf(await client().PUT("/customers/{id}", { params: { path: { id: customer.id } }, body: { fullName: `Name ${n}` } }));
    await mock().settleWebhooks();
    expect(receiver.deliveries).toHaveLength(1010);
    const records = mock().webhookDeliveries();
    expect(records).toHaveLength(MAX_DELIVERY_RECORDS);
    expect(records[0]!.attempt).toBe(11);
    expect(records.at(-1)).toMatchObject({ attempt: 101, state: "delivered" });
  });

  it("never hold the secret, the signature or the body; the control route answers the same list", async () => {
    receiver.respond = (_, index) => (index === 0 ? 500 : 200);
    await newCustomer(client(), { fullName: "Body Marker" });
    await mock().settleWebhooks();
    const records = mock().webhookDeliveries();
    expect(records.map((record) => record.state)).toEqual(["retrying", "delivered"]);
    for (const record of records) {
      expect(Object.keys(record).sort()).toEqual(
        ["at", "attempt", "durationMs", "event", "eventId", "objectKey", "state", "status", "tenant", ...(record.error ? ["error"] : [])].sort(),
      );
      expect(record.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(record.durationMs).toBeGreaterThanOrEqual(0);
    }
    const response = await fetch(`${mock().controlUrl}/webhooks/deliveries`);
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(JSON.parse(text)).toEqual(records);
    const signature = receiver.deliveries[0]!.headers["x-commet-signature"] as string;
    for (const output of [text, JSON.stringify(records)]) {
      expect(output).not.toContain(SECRET);
      expect(output).not.toContain("whsec_");
      expect(output).not.toContain(signature);
      expect(output).not.toContain("Body Marker");
    }
  });
});

describe("without the webhooks option", () => {
  it("sends nothing and records nothing", async () => {
    const mock = await startMock("commet");
    try {
      await post(mock, "/customers", { email: "x@example.com" });
      await mock.settleWebhooks();
      expect(mock.webhookDeliveries()).toEqual([]);
      expect(await (await fetch(`${mock.controlUrl}/webhooks/deliveries`)).json()).toEqual([]);
    } finally {
      await mock.close();
    }
  });
});
