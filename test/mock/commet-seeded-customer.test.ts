// A seeded Commet mock (seed other than 0) starts each tenant with one paying customer, whom its fixtures
// name as `customerId`: found by GET /customers/{id}, active on `pro` monthly without add-ons, with a card
// that pays for one. Every response on the way validates against the spec. Seed 0 stays the documented
// account: the plan catalogue, no customer, no fixtures.
import { describe, expect, it } from "vitest";
import { createCommetClient, type CommetClient } from "../../src/commet/index.js";
import { commetScenario } from "../../src/contract/scenarios/commet.js";
import { checkResponse } from "../../src/contract/check-response.js";
import { commetSeed } from "../../src/mock/commet/seed.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { getOperations } from "../../src/spec/operations.js";
import { dataOf } from "../helpers/commet.js";

const SEEDS = [7, 12345];
/** A fixed clock: the seeded subscription's period is compared with one created later through the API. */
const NOW = new Date("2026-07-01T00:00:00Z");
/** The contract scenario's key: the tenant a contract run against the mock uses. */
const API_KEY = commetScenario.mockCredentials["x-api-key"]!;

/** A fetch that checks every response of a spec operation against the spec, failing the test on a mismatch. */
const validating: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const request = input instanceof Request ? input : new Request(input, init);
  const match = getOperations("commet").match(request.method, new URL(request.url).pathname.replace(/^\/api\/v1/, ""));
  expect(match, `${request.method} ${request.url}`).toBeDefined();
  const seen = { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.clone().text() };
  expect(checkResponse(match!.operation, seen), match!.operation.operationId).toEqual([]);
  return response;
};

async function withSeededMock<T>(seed: number, use: (mock: MockServer, client: CommetClient) => Promise<T>): Promise<T> {
  const mock = await startMock("commet", { seed, now: () => NOW });
  try {
    return await use(mock, createCommetClient({ apiKey: API_KEY, baseUrl: mock.url, fetch: validating, retries: 0 }));
  } finally {
    await mock.close();
  }
}

describe("a seeded Commet mock's customer", () => {
  it.each(SEEDS)("seed %s: the fixtures' customerId is a customer, active on pro monthly, with no add-ons and a working card", async (seed) => {
    await withSeededMock(seed, async (mock, client) => {
      const fixtures = mock.fixtures();
      expect(fixtures).toEqual({ values: { customerId: expect.stringMatching(/^cus_[A-Za-z0-9]{16}$/) }, operations: {} });
      const customerId = fixtures.values.customerId!;

      const customer = dataOf(await client.GET("/customers/{id}", { params: { path: { id: customerId } } }));
      expect(customer).toMatchObject({
        id: customerId,
        externalId: expect.stringMatching(/^[a-z]+(_[a-z]+)+$/),
        fullName: expect.stringMatching(/^[A-Z][a-z]+( [A-Z][a-z]+)+$/),
      });
      expect(customer.email).toMatch(/^[a-z.]+@[a-z-]+\.test$/);

      const subscription = dataOf(await client.GET("/subscriptions/active", { params: { query: { customerId } } }))!;
      expect(subscription).toMatchObject({ customerId, status: "active", billingInterval: "monthly", trialEndsAt: null, checkoutUrl: null });
      // A response names the plan by id, not by code: the seed's `pro` plan, at its monthly price.
      const pro = commetSeed(seed).plans.find((plan) => plan.code === "pro")!;
      expect(subscription.plan).toEqual({ id: pro.id, name: pro.name, basePrice: pro.prices.monthly });
      expect(pro.prices.monthly).toBeGreaterThan(0);
      expect(dataOf(await client.GET("/subscriptions/{id}", { params: { path: { id: subscription.id } } }))).toEqual(subscription);

      expect(dataOf(await client.GET("/active-addons", { params: { query: { customerId } } }))).toEqual([]);

      // Activating a paid add-on charges the card on file: a 200 says it works.
      dataOf(await client.POST("/features/manage", { body: { name: "Seeded extra", code: "seeded_extra", type: "boolean" } }));
      const addon = dataOf(
        await client.POST("/addons", { body: { name: "Seeded extra", basePrice: 2500, featureId: "seeded_extra", consumptionModel: "boolean" } }),
      );
      const activation = await client.POST("/subscriptions/{id}/addons", { params: { path: { id: subscription.id } }, body: { addonId: addon.id } });
      expect(activation.response.status, JSON.stringify(activation.error)).toBe(200);
      expect(dataOf(await client.GET("/active-addons", { params: { query: { customerId } } })).map((active) => active.slug)).toEqual([addon.slug]);
    });
  });

  it("is what POST /subscriptions makes of a customer subscribing to `pro` monthly at the same moment", async () => {
    await withSeededMock(SEEDS[0]!, async (mock, client) => {
      const customerId = mock.fixtures().values.customerId!;
      const seeded = dataOf(await client.GET("/subscriptions/active", { params: { query: { customerId } } }))!;
      // The plan code is the one a caller subscribes with whatever the seed.
      const other = dataOf(await client.POST("/customers", { body: { email: "other@seeded.test" } }));
      const pro = dataOf(await client.POST("/subscriptions", { body: { customerId: other.id, planCode: "pro", billingInterval: "monthly" } }));
      expect(pro.status).toBe("active");
      const sameFields = ({ id: _id, customerId: _customer, ...rest }: typeof pro) => rest;
      expect(sameFields(seeded)).toEqual(sameFields(pro));
    });
  });

  it("differs between seeds, and is the same for the same seed", async () => {
    const customerIdOf = (seed: number) => withSeededMock(seed, async (mock) => mock.fixtures().values.customerId);
    const [first, again, other] = [await customerIdOf(SEEDS[0]!), await customerIdOf(SEEDS[0]!), await customerIdOf(SEEDS[1]!)];
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it("seed 0: no customer and no fixtures", async () => {
    await withSeededMock(0, async (mock, client) => {
      expect(mock.fixtures().values).toEqual({});
      const { data } = await client.GET("/customers", { params: { query: {} } });
      expect(data!.data).toEqual([]);
      expect(dataOf(await client.GET("/subscriptions", { params: { query: {} } }))).toEqual([]);
    });
  });
});
