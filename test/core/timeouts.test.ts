// Per-attempt timeouts and the caller's AbortSignal: both end in a clear error, never a hang, even
// in the middle of a backoff sleep.
import { describe, expect, it } from "vitest";
import { createCommetClient, TimeoutError } from "../../src/commet/index.js";
import { FAST, json, scriptedFetch } from "../helpers/scripted-fetch.js";

const ok = json(200, { success: true, data: [], hasMore: false });

describe("timeoutMs", () => {
  it("ends an attempt that gets no answer, retries it, and throws TimeoutError after the last", async () => {
    const server = scriptedFetch("hang");
    const client = createCommetClient({ apiKey: "ck_sandbox_t", fetch: server.fetch, timeoutMs: 50, retries: { ...FAST, limit: 1 } });
    const started = performance.now();
    const error = await client.GET("/addons").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 50, attempts: 2, request: "GET /api/v1/addons" });
    expect(server.requests).toHaveLength(2);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("counts per attempt: a slow first attempt does not eat the second one's time", async () => {
    const server = scriptedFetch("hang", ok);
    const client = createCommetClient({ apiKey: "ck_sandbox_t", fetch: server.fetch, timeoutMs: 80, retries: FAST });
    expect((await client.GET("/addons")).response.status).toBe(200);
  });

  it("takes a per-request timeout over the client's", async () => {
    const server = scriptedFetch("hang");
    const client = createCommetClient({ apiKey: "ck_sandbox_t", fetch: server.fetch, timeoutMs: 60_000, retries: 0 });
    const started = performance.now();
    await expect(client.GET("/addons", { timeoutMs: 30 })).rejects.toBeInstanceOf(TimeoutError);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("covers the body too: a server that sends headers and then stalls times out", async () => {
    const stalled = () => new Response(new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"success":')) }), { status: 200, headers: { "content-type": "application/json" } });
    const client = createCommetClient({ apiKey: "ck_sandbox_t", fetch: scriptedFetch(stalled).fetch, timeoutMs: 50, retries: 0 });
    await expect(client.GET("/addons")).rejects.toBeInstanceOf(TimeoutError);
  });

  it.each([0, -1, Number.POSITIVE_INFINITY, "1000", 2 ** 31])("refuses timeoutMs %s at construction, naming it", (timeoutMs) => {
    expect(() => createCommetClient({ apiKey: "ck_sandbox_t", timeoutMs: timeoutMs as number })).toThrow(/option "timeoutMs"/);
  });
});

describe("the caller's AbortSignal", () => {
  it("ends a request in flight with the signal's reason", async () => {
    const controller = new AbortController();
    const client = createCommetClient({ apiKey: "ck_sandbox_a", fetch: scriptedFetch("hang").fetch });
    setTimeout(() => controller.abort(new Error("user left the page")), 20);
    await expect(client.GET("/addons", { signal: controller.signal })).rejects.toThrow("user left the page");
  });

  it("ends a backoff sleep within 50 ms, without another attempt", async () => {
    const server = scriptedFetch(json(503, {}), ok);
    const client = createCommetClient({ apiKey: "ck_sandbox_a", fetch: server.fetch, retries: { baseDelayMs: 10_000, maxDelayMs: 10_000 } });
    const controller = new AbortController();
    const call = client.GET("/addons", { signal: controller.signal });
    // Let the first attempt come back and the 0–10 s sleep begin.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const abortedAt = performance.now();
    controller.abort();
    const error = await call.catch((caught: unknown) => caught);
    expect(performance.now() - abortedAt).toBeLessThan(50);
    expect(error).toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(1);
  });

  it("ends a Retry-After wait too", async () => {
    const server = scriptedFetch(json(429, {}, { "retry-after": "30" }), ok);
    const client = createCommetClient({ apiKey: "ck_sandbox_a", fetch: server.fetch });
    const controller = new AbortController();
    const call = client.GET("/addons", { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const abortedAt = performance.now();
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    expect(performance.now() - abortedAt).toBeLessThan(50);
  });

  it("refuses to start with a signal that is already aborted", async () => {
    const server = scriptedFetch(ok);
    const client = createCommetClient({ apiKey: "ck_sandbox_a", fetch: server.fetch });
    await expect(client.GET("/addons", { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: "AbortError" });
    expect(server.requests).toHaveLength(0);
  });
});

describe("with the platform's own fetch (no fetch option)", () => {
  it("times out against a real server that never answers, and an abort still ends the call", async () => {
    const { createServer } = await import("node:http");
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const { port } = hanging.address() as { port: number };
    try {
      const client = createCommetClient({ apiKey: "ck_sandbox_p", baseUrl: `http://127.0.0.1:${port}/api/v1`, timeoutMs: 50, retries: 0 });
      await expect(client.GET("/addons")).rejects.toBeInstanceOf(TimeoutError);
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error("stop")), 20);
      await expect(client.GET("/addons", { signal: controller.signal, timeoutMs: 5_000 })).rejects.toThrow("stop");
    } finally {
      hanging.closeAllConnections();
      await new Promise((resolve) => hanging.close(resolve));
    }
  });
});
