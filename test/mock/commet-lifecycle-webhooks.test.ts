// The webhooks of a subscription's changes after activation: what a cancellation, a plan change and
// the period's end (the mock's clock) send, each event valid against the spec's webhook payload. A
// scheduled cancellation sends subscription.canceled when it takes effect, not when it is asked for.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseWebhook } from "../../src/commet/webhooks.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { Clock, dataOf, JULY_1, SANDBOX_KEY } from "../helpers/commet.js";
import { activate, addonOn, documentingFetch, PLAN_IDS, subscribed } from "../helpers/commet-lifecycle.js";
import { createCommetClient } from "../../src/commet/index.js";
import { getDocument, type JsonSchema } from "../../src/spec/document.js";
import { validateBody } from "../../src/spec/validator.js";

const SECRET = "whsec_lifecycleSecret_42";
const webhooks = (
  getDocument("commet") as unknown as { webhooks: Record<string, { post: { requestBody: { content: Record<string, { schema: JsonSchema }> } } }> }
).webhooks;
const events: { event: string; data: Record<string, any> }[] = [];
/** Deliveries whose body the spec's schema for the event refused. */
const invalid: string[] = [];
const receiver = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", async () => {
    const body = Buffer.concat(chunks).toString("utf8");
    // parseWebhook checks the signature and the envelope; the spec's schema for the event checks the rest.
    const parsed = await parseWebhook({ payload: body, signature: String(request.headers["x-commet-signature"]), secret: SECRET });
    const result = validateBody(webhooks[parsed.event]!.post.requestBody.content["application/json"]!.schema, JSON.parse(body));
    if (!result.valid) invalid.push(`${parsed.event}: ${JSON.stringify(result)}`);
    events.push(parsed as unknown as { event: string; data: Record<string, any> });
    response.writeHead(200).end();
  });
});

const clock = new Clock();
let mock: MockServer;
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  mock = await startMock("commet", { now: clock.now, webhooks: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, secret: SECRET } });
});
afterAll(async () => {
  await mock.close();
  await new Promise((resolve) => receiver.close(resolve));
});

const client = () => createCommetClient({ apiKey: SANDBOX_KEY, baseUrl: mock.url, retries: 0, fetch: documentingFetch(mock.url) });
/** The events delivered since the last call, as `event/trigger`. */
async function delivered(): Promise<string[]> {
  await mock.settleWebhooks();
  expect(invalid).toEqual([]);
  const names = events.map(({ event, data }) => (event === "customer.state_changed" ? `${event}/${data.trigger}` : event));
  events.length = 0;
  return names;
}

describe("lifecycle webhooks", () => {
  it("sends the change of access a cancellation, a plan change and the period's end make", async () => {
    clock.set(JULY_1);
    const pro = await subscribed(client(), "pro", { externalId: "user_hooks" });
    const sso = await addonOn(client(), "sso", "boolean");
    await activate(client(), pro.id, sso.id);
    await delivered();

    clock.set(new Date("2026-07-10T00:00:00Z"));
    dataOf(await client().POST("/subscriptions/{id}/change-plan", { params: { path: { id: pro.id } }, body: { newPlanId: PLAN_IDS.team } }));
    expect(await delivered()).toEqual(["customer.state_changed/plan_change"]);

    dataOf(await client().POST("/subscriptions/{id}/cancel", { params: { path: { id: pro.id } }, body: { reason: "Moving on" } }));
    expect(await delivered()).toEqual(["customer.state_changed/cancellation_scheduled"]);
    dataOf(await client().POST("/subscriptions/{id}/uncancel", { params: { path: { id: pro.id } } }));
    expect(await delivered()).toEqual(["customer.state_changed/cancellation_revoked"]);
    dataOf(await client().POST("/subscriptions/{id}/cancel", { params: { path: { id: pro.id } }, body: { reason: "Moving on" } }));
    await delivered();

    // The cancellation takes effect at the period's end (Aug 10): the first request after it settles it.
    clock.set(new Date("2026-08-10T00:00:01Z"));
    dataOf(await client().GET("/features"));
    await mock.settleWebhooks();
    const canceled = events.find((event) => event.event === "subscription.canceled");
    expect(canceled?.data).toMatchObject({
      subscriptionId: pro.id,
      customerId: "user_hooks",
      status: "canceled",
      cancelReason: "Moving on",
      endDate: "2026-08-10T00:00:00.000Z",
    });
    const state = events.find((event) => event.event === "customer.state_changed");
    expect(state?.data).toMatchObject({ trigger: "subscription_canceled", status: "none", features: [] });
    expect(await delivered()).toEqual(["subscription.canceled", "customer.state_changed/subscription_canceled"]);
  });

  it("says when a renewal fails (past_due) and when a credit pool runs out", async () => {
    clock.set(JULY_1);
    const team = await subscribed(client(), "team", { subscription: { skipTrial: true } });
    await delivered();
    dataOf(await client().POST("/usage/events", { body: { customerId: team.customerId, feature: "api_calls", value: 1000 } }));
    expect(await delivered()).toEqual(["customer.state_changed/credits_depleted"]);
    dataOf(await client().PUT("/customers/{id}", { params: { path: { id: team.customerId } }, body: { metadata: { mock_payment_method: "card_declined" } } }));
    await delivered();
    clock.set(new Date("2026-08-01T00:00:00Z"));
    dataOf(await client().GET("/subscriptions/{id}", { params: { path: { id: team.id } } }));
    expect(await delivered()).toEqual(["customer.state_changed/past_due"]);
    // Another failed renewal changes nothing a receiver does not know.
    clock.set(new Date("2026-09-01T00:00:00Z"));
    dataOf(await client().GET("/subscriptions/{id}", { params: { path: { id: team.id } } }));
    expect(await delivered()).toEqual([]);
  });

  it("says when a trial converts to its first paid period", async () => {
    clock.set(JULY_1);
    const trial = await subscribed(client(), "team");
    await delivered();
    clock.set(new Date("2026-07-15T00:00:00Z"));
    const converted = dataOf(await client().GET("/subscriptions/{id}", { params: { path: { id: trial.id } } }));
    expect(converted).toMatchObject({ status: "active", currentPeriod: { start: "2026-07-15T00:00:00.000Z", end: "2026-08-15T00:00:00.000Z" } });
    expect(await delivered()).toEqual(["customer.state_changed/trial_converted"]);
  });
});
