// Which requests are repeated, how often, after how long, and with which idempotency key.
import { describe, expect, it } from "vitest";
import { createCommetClient, RateLimitError, ServerError, unwrap, NetworkError } from "../../src/commet/index.js";
import { createOnetClient } from "../../src/onet/index.js";
import { createCloudPlansClient } from "../../src/cloudplans/index.js";
import { runUntilSettled, settle, track, useFakeClock } from "../helpers/fake-clock.js";
import { connectionReset, FAST, json, scriptedFetch } from "../helpers/scripted-fetch.js";

const ok = json(200, { success: true, data: [], hasMore: false });
const unavailable = json(503, { success: false, error: { type: "internal_error", code: "unavailable", message: "down" } });
const commet = (fetch: typeof globalThis.fetch, retries: object | number = FAST) =>
  createCommetClient({ apiKey: "ck_sandbox_retry", fetch, retries: retries as never });
const onet = (fetch: typeof globalThis.fetch) => createOnetClient({ token: "sk-onetsolutions-retry", fetch, retries: FAST });
const scope = { organization_id: "e6af4f6e-1606-468e-9092-3f740a445140", project_id: "38fa341f-422e-4ee3-b79b-454c5b2ca9b5" };

describe("retries by status", () => {
  it.each([408, 429, 500, 502, 503, 504])("repeats a GET answered %i, then succeeds", async (status) => {
    const server = scriptedFetch(json(status, {}), ok);
    const { data } = await commet(server.fetch).GET("/addons");
    expect(server.requests).toHaveLength(2);
    expect(data).toEqual({ success: true, data: [], hasMore: false });
  });

  it.each([400, 401, 402, 403, 404, 409, 422, 501])("does not repeat a %i", async (status) => {
    const server = scriptedFetch(json(status, {}), ok);
    const { response } = await commet(server.fetch).GET("/addons");
    expect(server.requests).toHaveLength(1);
    expect(response.status).toBe(status);
  });

  it("stops at the limit (2 by default) and returns the last error", async () => {
    const server = scriptedFetch(unavailable);
    const result = await commet(server.fetch, { ...FAST }).GET("/addons");
    expect(server.requests).toHaveLength(3);
    expect(result.response.status).toBe(503);
    expect(() => unwrap(result)).toThrow(ServerError);
  });

  it("takes the limit from the client and from each request", async () => {
    const server = scriptedFetch(unavailable);
    await commet(server.fetch, { ...FAST, limit: 4 }).GET("/addons");
    expect(server.requests).toHaveLength(5);
    const perRequest = scriptedFetch(unavailable);
    await commet(perRequest.fetch, { ...FAST, limit: 4 }).GET("/addons", { retries: 0 });
    expect(perRequest.requests).toHaveLength(1);
  });
});

describe("which requests may be repeated", () => {
  it.each(["PUT", "DELETE"] as const)("repeats a Commet %s (idempotent by method)", async (method) => {
    const server = scriptedFetch(unavailable, ok);
    if (method === "PUT") await commet(server.fetch).PUT("/addons/{id}", { params: { path: { id: "a" } }, body: { name: "x" } });
    else await commet(server.fetch).DELETE("/addons/{id}", { params: { path: { id: "a" } } });
    expect(server.requests).toHaveLength(2);
  });

  it("gives every Commet POST and PUT a UUID v4 Idempotency-Key, and resends the same key on each retry", async () => {
    const server = scriptedFetch(unavailable, unavailable, ok);
    await commet(server.fetch).POST("/addons", { body: { name: "Priority", basePrice: 100, featureId: "feat_1", consumptionModel: "boolean" } });
    const keys = server.requests.map((request) => request.headers.get("idempotency-key"));
    expect(keys).toHaveLength(3);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(keys).size).toBe(1);
    expect(new Set(server.bodies).size).toBe(1);
    expect(JSON.parse(server.bodies[0]!)).toMatchObject({ name: "Priority" });
  });

  it("gives a Commet DELETE a key too, the same on each retry: Remove quota subtracts, so a repeat without it would remove twice", async () => {
    const server = scriptedFetch(unavailable, ok);
    await commet(server.fetch).DELETE("/usage/quota", { body: { customerId: "cus_1", featureCode: "projects", count: 1 } });
    const keys = server.requests.map((request) => request.headers.get("idempotency-key"));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(server.bodies).toEqual([server.bodies[0], server.bodies[0]]);
    expect(JSON.parse(server.bodies[0]!)).toEqual({ customerId: "cus_1", featureCode: "projects", count: 1 });
  });

  it("keeps the caller's own Idempotency-Key, and gives each call a new one otherwise", async () => {
    const server = scriptedFetch(ok);
    const client = commet(server.fetch);
    await client.POST("/addons", {
      body: { name: "a", basePrice: 1, featureId: "f", consumptionModel: "boolean" },
      headers: { "Idempotency-Key": "order-42" },
    });
    await client.POST("/addons", { body: { name: "a", basePrice: 1, featureId: "f", consumptionModel: "boolean" } });
    await client.POST("/addons", { body: { name: "a", basePrice: 1, featureId: "f", consumptionModel: "boolean" } });
    await client.GET("/addons");
    const keys = server.requests.map((request) => request.headers.get("idempotency-key"));
    expect(keys[0]).toBe("order-42");
    expect(keys[1]).not.toBe(keys[2]);
    expect(keys[3]).toBeNull();
  });

  it("never repeats an OnetSolutions add-on activation (an order, no documented idempotency), on a 503 or a dropped connection", async () => {
    const activate = (fetch: typeof globalThis.fetch) =>
      onet(fetch).POST("/v1/organizations/{organization_id}/projects/{project_id}/compute/instances/{id}/addons/activate", {
        params: { path: { ...scope, id: "facdf01b-1b98-4b43-9348-72d7e15bddf6" } },
        body: { addon_id: "17ee3090-0e7e-4706-b023-9b66827a0559", billing_cycle: "monthly" },
      });
    const busy = scriptedFetch(json(503, { detail: "busy" }), json(201, {}));
    expect((await activate(busy.fetch)).response.status).toBe(503);
    expect(busy.requests).toHaveLength(1);
    const dropped = scriptedFetch(connectionReset(), json(201, {}));
    await expect(activate(dropped.fetch)).rejects.toBeInstanceOf(NetworkError);
    expect(dropped.requests).toHaveLength(1);
  });

  it("never repeats a POST whose key the vendor does not honour", async () => {
    const server = scriptedFetch(json(503, { detail: "busy" }), json(200, {}));
    await onet(server.fetch).POST("/v1/organizations/{organization_id}/projects/{project_id}/hosting/{id}/cancel", {
      params: { path: { ...scope, id: "2cf76ce5-00a0-4726-8389-52081696d0db" } },
      headers: { "Idempotency-Key": "not-honoured-by-onet" },
    });
    expect(server.requests).toHaveLength(1);
  });

  it.each(["getpaymentlink", "updatesubscription", "cancelsubscription"] as const)("never repeats the Cloud Plans subscription action %s", async (action) => {
    const server = scriptedFetch(json(503, { status: 503, error: "unavailable", message: "down" }), json(200, { status: 200 }));
    const client = createCloudPlansClient({ token: "cp-retry", baseUrl: "https://cloudplans.test", fetch: server.fetch, retries: FAST });
    const request =
      action === "getpaymentlink"
        ? { action, org_id: "org-acme", quantity: 3 }
        : action === "updatesubscription"
          ? { action, org_id: "org-acme", quantity: 3 }
          : { action, org_id: "org-acme" };
    const { response } = await client.billingUpdate(request as Parameters<typeof client.billingUpdate>[0]);
    expect(response.status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it("repeats a GET after a network error, up to the limit, then throws NetworkError with the cause", async () => {
    const recovering = scriptedFetch(connectionReset(), ok);
    expect((await commet(recovering.fetch).GET("/addons")).response.status).toBe(200);
    expect(recovering.requests).toHaveLength(2);
    const down = scriptedFetch(connectionReset());
    const error = await commet(down.fetch)
      .GET("/addons")
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).attempts).toBe(3);
    expect((error as Error).message).toBe("GET https://commet.co/api/v1/addons failed without a response (UND_ERR_SOCKET) on attempt 3: other side closed");
    expect(error).toMatchObject({ request: "GET /api/v1/addons", url: "https://commet.co/api/v1/addons", code: "UND_ERR_SOCKET" });
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });
});

describe("Retry-After", () => {
  // Fake timers and Date: the waits are measured in fake milliseconds, which load cannot stretch.
  useFakeClock();

  it("waits the seconds the server asks for before the retry", async () => {
    const server = scriptedFetch(json(429, {}, { "retry-after": "1" }), ok);
    const call = commet(server.fetch, { ...FAST }).GET("/addons");
    expect(await runUntilSettled(call)).toBe(1000);
    expect(server.requests).toHaveLength(2);
  });

  it("waits until an HTTP-date", async () => {
    // toUTCString drops the milliseconds: a whole second makes the wait exact.
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 2000);
    const server = scriptedFetch(() => json(503, {}, { "retry-after": at.toUTCString() }), ok);
    const started = Date.now();
    const call = commet(server.fetch).GET("/addons");
    await runUntilSettled(call);
    expect(Date.now() - started).toBe(at.getTime() - started);
    expect(server.requests).toHaveLength(2);
  });

  it("returns a rate-limit error at once when asked to wait longer than the policy allows (60 s)", async () => {
    const server = scriptedFetch(
      json(429, { success: false, error: { type: "rate_limit_error", code: "rate_limited", message: "slow down" } }, { "retry-after": "61" }),
      ok,
    );
    const call = track(commet(server.fetch).GET("/addons"));
    // No fake time passes: the call settles without waiting on any timer.
    await settle();
    expect(call.done()).toBe(true);
    const result = await call.result;
    expect(server.requests).toHaveLength(1);
    const error = (() => {
      try {
        unwrap(result);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(61_000);
    expect((error as RateLimitError).code).toBe("rate_limited");
  });
});

describe("total time", () => {
  useFakeClock();

  it("stays within what the policy allows: the sum of the backoff bounds", async () => {
    const policy = { limit: 3, baseDelayMs: 40, maxDelayMs: 100 };
    const server = scriptedFetch(unavailable);
    // Full jitter waits at most 40, 80, then 100 ms (the cap).
    const client = createCommetClient({ apiKey: "ck_sandbox_time", fetch: server.fetch, retries: policy });
    const spent = await runUntilSettled(client.GET("/addons"));
    expect(server.requests).toHaveLength(4);
    expect(spent).toBeLessThanOrEqual(40 + 80 + 100);
  });
});

describe("the retries option at construction", () => {
  it.each([
    ["createCommetClient", () => createCommetClient({ apiKey: "ck_sandbox_o", retries: -1 })],
    ["createOnetClient", () => createOnetClient({ token: "sk-onetsolutions-o", retries: { limit: 2, jitter: true } as never })],
    ["createCloudPlansClient", () => createCloudPlansClient({ token: "cp-o", baseUrl: "https://cloudplans.test", retries: { statuses: [200, 99] } })],
  ])("%s refuses a bad policy, naming the option", (factory, create) => {
    expect(create).toThrow(new RegExp(`${factory}: option "retries`));
  });
});
