// The Commet client against the Commet mock: a create whose reply is lost is sent again under the same
// Idempotency-Key and the server replays instead of acting twice; paginate() walks a cursor list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { createCommetClient, paginate, unwrap } from "../../src/commet/index.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock("commet");
});
afterAll(() => mock.close());

function countingClient() {
  const sent: { method: string; key: string | null }[] = [];
  const client = createCommetClient({
    apiKey: "ck_sandbox_lost_reply",
    baseUrl: mock.url,
    retries: { baseDelayMs: 5, maxDelayMs: 20 },
    fetch: (input, init) => {
      const request = input as Request;
      if (new URL(request.url).pathname.endsWith("/addons")) sent.push({ method: request.method, key: request.headers.get("idempotency-key") });
      return fetch(input, init);
    },
  });
  return { client, sent };
}

describe("a Commet add-on create whose reply is lost", () => {
  it("is retried with the same key and creates exactly one add-on", async () => {
    mock.reset();
    const { client, sent } = countingClient();
    unwrap(await client.POST("/features/manage", { body: { name: "Single sign-on", code: "sso", type: "boolean" } }));
    mock.injectFault({ operationId: "createAddon", drop: "after" });
    const created = unwrap(await client.POST("/addons", { body: { name: "SSO", basePrice: 5000, featureId: "sso", consumptionModel: "boolean" } }));
    const posts = sent.filter((entry) => entry.method === "POST");
    expect(posts).toHaveLength(2);
    expect(posts[0]!.key).toBeTruthy();
    expect(posts[1]!.key).toBe(posts[0]!.key);
    const listed = unwrap(await client.GET("/addons"));
    expect(listed.data.map((addon) => addon.id)).toEqual([created.data.id]);
  });

  it("without retries, the same loss leaves one add-on and a NetworkError, never two add-ons", async () => {
    mock.reset();
    const { client } = countingClient();
    unwrap(await client.POST("/features/manage", { body: { name: "Audit log", code: "audit_log", type: "boolean" } }));
    mock.injectFault({ operationId: "createAddon", drop: "after" });
    await expect(
      client.POST("/addons", { body: { name: "Audit", basePrice: 1000, featureId: "audit_log", consumptionModel: "boolean" }, retries: 0 }),
    ).rejects.toMatchObject({ name: "NetworkError" });
    expect(unwrap(await client.GET("/addons")).data).toHaveLength(1);
  });
});

describe("paginate over a Commet cursor list", () => {
  async function fiveCustomers(client: ReturnType<typeof createCommetClient>): Promise<string[]> {
    const ids: string[] = [];
    for (let n = 0; n < 5; n += 1) ids.push(unwrap(await client.POST("/customers", { body: { email: `c${n}@example.com` } })).data.id);
    return ids;
  }

  it("yields every customer once, newest first, two per page", async () => {
    mock.reset();
    const { client } = countingClient();
    const ids = await fiveCustomers(client);
    const seen: string[] = [];
    for await (const customer of paginate(client, "/customers", { params: { query: { limit: 2 } } })) seen.push(customer.id);
    expect(seen).toEqual([...ids].reverse());
  });

  it("stops at the caller's abort", async () => {
    mock.reset();
    const { client } = countingClient();
    await fiveCustomers(client);
    const controller = new AbortController();
    const seen: string[] = [];
    const walk = (async () => {
      for await (const customer of paginate(client, "/customers", { params: { query: { limit: 2 } }, signal: controller.signal })) {
        seen.push(customer.id);
        if (seen.length === 3) controller.abort();
      }
    })();
    await expect(walk).rejects.toMatchObject({ name: "AbortError" });
    expect(seen).toHaveLength(3);
  });
});
