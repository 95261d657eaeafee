// Per-attempt timeouts and the caller's AbortSignal: both end in a clear error, never a hang, even
// in the middle of a backoff sleep. Time is fake here (timers and Date), so that a busy machine cannot
// change an outcome; the last block runs on real timers against a real server.
import { describe, expect, it, vi } from "vitest";
import { createCommetClient, TimeoutError } from "../../src/commet/index.js";
import { runUntilSettled, settle, track, useFakeClock } from "../helpers/fake-clock.js";
import { FAST, json, scriptedFetch } from "../helpers/scripted-fetch.js";

const ok = json(200, { success: true, data: [], hasMore: false });

describe("timeoutMs", () => {
  useFakeClock();

  it("ends an attempt that gets no answer, retries it, and throws TimeoutError after the last", async () => {
    const server = scriptedFetch("hang");
    const client = createCommetClient({ apiKey: "ck_sandbox_t", fetch: server.fetch, timeoutMs: 50, retries: { ...FAST, limit: 1 } });
    const call = client.GET("/addons").catch((caught: unknown) => caught);
    const spent = await runUntilSettled(call);
    const error = await call;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 50, attempts: 2, request: "GET /api/v1/addons" });
    expect(server.requests).toHaveLength(2);
    // Two timeouts and one backoff sleep of at most FAST.maxDelayMs.
    expect(spent).toBeGreaterThanOrEqual(100);
    expect(spent).toBeLessThanOrEqual(100 + FAST.maxDelayMs);
  });

  it("counts per attempt: a slow first attempt does not eat the second one's time", async () => {
    // The second attempt answers only after 60 ms: inside its own 80 ms, past what the first left it.
    const late = () => new Promise<Response>((resolve) => setTimeout(() => resolve(ok.clone()), 60));
    const server = scriptedFetch("hang", late);
    const client = createCommetClient({ apiKey: "ck_sandbox_t", fetch: server.fetch, timeoutMs: 80, retries: FAST });
    const call = client.GET("/addons");
    await runUntilSettled(call);
    expect((await call).response.status).toBe(200);
    expect(server.requests).toHaveLength(2);
  });

  it("takes a per-request timeout over the client's", async () => {
    const server = scriptedFetch("hang");
    const client = createCommetClient({ apiKey: "ck_sandbox_t", fetch: server.fetch, timeoutMs: 60_000, retries: 0 });
    const call = client.GET("/addons", { timeoutMs: 30 }).catch((caught: unknown) => caught);
    expect(await runUntilSettled(call)).toBe(30);
    expect(await call).toBeInstanceOf(TimeoutError);
  });

  it("covers the body too: a server that sends headers and then stalls times out", async () => {
    const stalled = () =>
      new Response(new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{"success":')) }), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    const client = createCommetClient({ apiKey: "ck_sandbox_t", fetch: scriptedFetch(stalled).fetch, timeoutMs: 50, retries: 0 });
    const call = client.GET("/addons").catch((caught: unknown) => caught);
    expect(await runUntilSettled(call)).toBe(50);
    expect(await call).toBeInstanceOf(TimeoutError);
  });

  it.each([0, -1, Number.POSITIVE_INFINITY, "1000", 2 ** 31])("refuses timeoutMs %s at construction, naming it", (timeoutMs) => {
    expect(() => createCommetClient({ apiKey: "ck_sandbox_t", timeoutMs: timeoutMs as number })).toThrow(/option "timeoutMs"/);
  });
});

describe("the caller's AbortSignal", () => {
  useFakeClock();

  it("ends a request in flight with the signal's reason", async () => {
    const controller = new AbortController();
    const client = createCommetClient({ apiKey: "ck_sandbox_a", fetch: scriptedFetch("hang").fetch });
    const call = track(client.GET("/addons", { signal: controller.signal }));
    await settle();
    expect(call.done()).toBe(false);
    controller.abort(new Error("user left the page"));
    await expect(call.result).rejects.toThrow("user left the page");
  });

  /**
   * Aborts while the retry waits, and proves the abort alone ended the wait: fake time does not move,
   * yet the call settles, with no timer left and no second attempt.
   */
  async function abortDuringWait(first: Response): Promise<{ error: unknown; requests: number }> {
    const server = scriptedFetch(first, ok);
    const client = createCommetClient({ apiKey: "ck_sandbox_a", fetch: server.fetch, retries: { baseDelayMs: 10_000, maxDelayMs: 10_000 } });
    const controller = new AbortController();
    const call = track(client.GET("/addons", { signal: controller.signal }).catch((caught: unknown) => caught));
    await settle();
    // The first attempt came back; the one timer left is the wait before the retry.
    expect(server.requests).toHaveLength(1);
    expect(call.done()).toBe(false);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await settle();
    expect(call.done()).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    return { error: await call.result, requests: server.requests.length };
  }

  it("ends a backoff sleep at once, without another attempt", async () => {
    const { error, requests } = await abortDuringWait(json(503, {}));
    expect(error).toMatchObject({ name: "AbortError" });
    expect(requests).toBe(1);
  });

  it("ends a Retry-After wait too", async () => {
    const { error, requests } = await abortDuringWait(json(429, {}, { "retry-after": "30" }));
    expect(error).toMatchObject({ name: "AbortError" });
    expect(requests).toBe(1);
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
