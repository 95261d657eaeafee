// The retry policy against real mock servers with injected faults: what happens on the wire, counted
// by the server's own state, not by the client's word.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { createOnetClient, NetworkError, paginate } from "../../src/onet/index.js";
import { FIRST_NUMBERS, IDS } from "../../src/mock/onet/seed.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock("onet");
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

const TOKEN = "sk-onetsolutions-policy";
const scope = { organization_id: IDS.organization, project_id: IDS.project };
const ACTIVATE = "/v1/organizations/{organization_id}/projects/{project_id}/compute/instances/{id}/addons/activate" as const;

function countingClient(options: Parameters<typeof createOnetClient>[0] extends infer O ? Partial<O> : never = {}) {
  const sent: string[] = [];
  const client = createOnetClient({
    token: TOKEN,
    baseUrl: mock.url,
    retries: { baseDelayMs: 5, maxDelayMs: 20 },
    ...options,
    fetch: (input, init) => {
      sent.push(`${(input as Request).method} ${new URL((input as Request).url).pathname}`);
      return fetch(input, init);
    },
  });
  return { client, sent };
}

describe("an add-on activation whose connection drops after the server processed it", () => {
  it("is not sent again: exactly one order exists afterwards", async () => {
    const { client, sent } = countingClient();
    mock.injectFault({ operationId: "activateInstanceAddon", drop: "after" });
    const dropped = await client
      .POST(ACTIVATE, { params: { path: { ...scope, id: IDS.web01 } }, body: { addon_id: IDS.addonBackup, billing_cycle: "monthly" } })
      .catch((error: unknown) => error);
    expect(dropped).toBeInstanceOf(NetworkError);
    expect(sent.filter((line) => line.endsWith("/addons/activate"))).toHaveLength(1);
    // The server did act once: the add-on is active now…
    const again = await client.POST(ACTIVATE, { params: { path: { ...scope, id: IDS.web01 } }, body: { addon_id: IDS.addonBackup, billing_cycle: "monthly" } });
    expect(again.response.status).toBe(400);
    // …and the next order is the second one the mock ever numbered.
    const next = await client.POST(ACTIVATE, {
      params: { path: { ...scope, id: IDS.web01 } },
      body: { addon_id: IDS.addonSnapshot, billing_cycle: "monthly" },
    });
    expect(next.data?.legacy_order_id).toBe(FIRST_NUMBERS.order + 1);
  });
});

describe("a GET through transient faults", () => {
  it("is retried until it succeeds, within the limit", async () => {
    const { client, sent } = countingClient();
    mock.injectFault({ operationId: "listOrganizations", status: 503, count: 2 });
    const { data, response } = await client.GET("/v1/organizations");
    expect(response.status).toBe(200);
    expect(data?.length).toBeGreaterThan(0);
    expect(sent).toHaveLength(3);
  });

  it("honours the mock's Retry-After", async () => {
    const { client } = countingClient();
    mock.injectFault({ operationId: "listOrganizations", status: 429, retryAfter: 1 });
    const started = performance.now();
    expect((await client.GET("/v1/organizations")).response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("survives a dropped connection and an HTML error page from a proxy", async () => {
    const { client, sent } = countingClient();
    mock.injectFault({ operationId: "listOrganizations", drop: "before" });
    mock.injectFault({ operationId: "listOrganizations", body: "html" });
    expect((await client.GET("/v1/organizations")).response.status).toBe(200);
    expect(sent).toHaveLength(3);
  });

  it("gives up after the limit with the last error", async () => {
    const { client, sent } = countingClient({ retries: { limit: 1, baseDelayMs: 5, maxDelayMs: 5 } });
    mock.injectFault({ operationId: "listOrganizations", status: 503, count: 5 });
    expect((await client.GET("/v1/organizations")).response.status).toBe(503);
    expect(sent).toHaveLength(2);
  });
});

describe("pagination over the mock's page list", () => {
  const path = "/v1/organizations/{organization_id}/projects/{project_id}/hosting" as const;

  it("yields every item of every page once, in order, then stops", async () => {
    const { client, sent } = countingClient();
    const all = (await client.GET(path, { params: { path: scope, query: { page_size: 100 } } })).data!;
    const seen: string[] = [];
    // One account per page: every page boundary is crossed.
    for await (const account of paginate(client, path, { params: { path: scope, query: { page_size: 1 } } })) seen.push(account.id);
    expect(all.count).toBeGreaterThanOrEqual(3);
    expect(seen).toEqual(all.results.map((account) => account.id));
    expect(sent.length - 1).toBe(all.count);
  });

  it("stops when the caller aborts, without fetching further pages", async () => {
    const { client, sent } = countingClient();
    const controller = new AbortController();
    const seen: string[] = [];
    const walk = (async () => {
      for await (const account of paginate(client, path, { params: { path: scope, query: { page_size: 1 } }, signal: controller.signal })) {
        seen.push(account.id);
        if (seen.length === 2) controller.abort();
      }
    })();
    await expect(walk).rejects.toMatchObject({ name: "AbortError" });
    expect(seen).toHaveLength(2);
    expect(sent).toHaveLength(2);
  });
});

describe("load: 200 concurrent requests through one client to a mock where half the replies fail", () => {
  it("ends every request as the policy says, with no unhandled rejection and no timer left behind", async () => {
    const timersBefore = process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => void unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const attempts = new Map<string, number>();
      const client = createOnetClient({
        token: TOKEN,
        baseUrl: mock.url,
        retries: { limit: 2, baseDelayMs: 5, maxDelayMs: 50 },
        fetch: (input, init) => {
          const id = (input as Request).headers.get("x-test-call")!;
          attempts.set(id, (attempts.get(id) ?? 0) + 1);
          return fetch(input, init);
        },
      });
      // 100 transient failures for 200 calls: which attempts get them depends on arrival order.
      mock.injectFault({ operationId: "listOrganizations", status: 503, count: 100 });
      const results = await Promise.allSettled(
        Array.from({ length: 200 }, (_, n) => client.GET("/v1/organizations", { headers: { "x-test-call": String(n) } })),
      );
      expect(results.every((result) => result.status === "fulfilled")).toBe(true);
      const statuses = results.map((result) => (result as PromiseFulfilledResult<{ response: Response }>).value.response.status);
      const failed = statuses.filter((status) => status === 503).length;
      expect(statuses.filter((status) => status !== 200 && status !== 503)).toEqual([]);
      for (const [n, status] of statuses.entries()) {
        const count = attempts.get(String(n))!;
        // A 503 at the end means the policy used all 3 attempts; a 200 came within them.
        if (status === 503) expect(count, `call ${n}`).toBe(3);
        else expect(count, `call ${n}`).toBeLessThanOrEqual(3);
      }
      // Every failure but the last of a call that gave up was followed by exactly one retry.
      const total = [...attempts.values()].reduce((sum, count) => sum + count, 0);
      expect(total).toBe(200 + 100 - failed);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
      expect(process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length).toBeLessThanOrEqual(timersBefore);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
