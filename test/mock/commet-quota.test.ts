// The Commet mock's quota over HTTP: a customer's durable count of a quota feature (projects), read
// against what the plan includes, added to, removed from (never below 0) and set, by customerId or
// externalId; it outlives the billing period.
import { beforeEach, describe, expect, it } from "vitest";
import { Clock, dataOf, expectError, JULY_1 } from "../helpers/commet.js";
import { access, subscribed, useLifecycleMock } from "../helpers/commet-lifecycle.js";

const clock = new Clock();
const { mock, client } = useLifecycleMock(clock);
beforeEach(() => {
  mock().reset();
  clock.set(JULY_1);
});

const quota = async (customerId: string) => dataOf(await client().GET("/usage/quota", { params: { query: { customerId, featureCode: "projects" } } }));

describe("quota", () => {
  it("starts at 0 of what the plan includes, never changed", async () => {
    const pro = await subscribed(client(), "pro");
    expect(await quota(pro.customerId)).toEqual({
      featureCode: "projects",
      current: 0,
      included: 5,
      remaining: 5,
      billedQuantity: 0,
      unlimited: false,
      overageEnabled: true,
      asOf: null,
      object: "usage_quota",
      livemode: false,
    });
    expect(dataOf(await client().GET("/usage/quota/all", { params: { query: { customerId: pro.customerId } } })).map((entry) => entry.featureCode)).toEqual([
      "projects",
    ]);
  });

  it("adds 1 by default, or count; removes; sets; each answered as a quota event", async () => {
    const pro = await subscribed(client(), "pro", { externalId: "user_123" });
    clock.set(new Date("2026-07-20T10:15:22Z"));
    const added = dataOf(await client().POST("/usage/quota", { body: { customerId: pro.customerId, featureCode: "projects" } }));
    expect(added).toEqual({
      id: added.id,
      customerId: pro.customerId,
      featureCode: "projects",
      previousBalance: 0,
      newBalance: 1,
      ts: "2026-07-20T10:15:22.000Z",
      createdAt: "2026-07-20T10:15:22.000Z",
      object: "usage_quota",
      livemode: false,
    });
    expect(dataOf(await client().POST("/usage/quota", { body: { externalId: "user_123", featureCode: "projects", count: 3 } })).newBalance).toBe(4);
    expect(dataOf(await client().DELETE("/usage/quota", { body: { customerId: pro.customerId, featureCode: "projects", count: 2 } }))).toMatchObject({
      previousBalance: 4,
      newBalance: 2,
    });
    expect(dataOf(await client().PUT("/usage/quota", { body: { externalId: "user_123", featureCode: "projects", count: 7 } }))).toMatchObject({
      previousBalance: 2,
      newBalance: 7,
    });
    // Past the 5 included on a plan that bills the overage: 2 billed.
    expect(await quota(pro.customerId)).toMatchObject({ current: 7, remaining: 0, billedQuantity: 2, asOf: "2026-07-20T10:15:22.000Z" });
    expect(await access(client(), pro.customerId, "projects")).toMatchObject({ current: 7, included: 5, overageQuantity: 2, billedQuantity: 2 });
  });

  it("refuses to go below 0: 400 insufficient_balance, nothing changed", async () => {
    const pro = await subscribed(client(), "pro");
    dataOf(await client().POST("/usage/quota", { body: { customerId: pro.customerId, featureCode: "projects" } }));
    const refused = await client().DELETE("/usage/quota", { body: { customerId: pro.customerId, featureCode: "projects", count: 2 } });
    expect(expectError(refused, 400, "insufficient_balance", "billing_error").param).toBe("count");
    expect((await quota(pro.customerId)).current).toBe(1);
  });

  it("keeps the count across billing periods (it is durable, unlike usage)", async () => {
    const pro = await subscribed(client(), "pro");
    dataOf(await client().PUT("/usage/quota", { body: { customerId: pro.customerId, featureCode: "projects", count: 3 } }));
    clock.set(new Date("2026-09-15T00:00:00Z"));
    expect((await quota(pro.customerId)).current).toBe(3);
  });

  it("bills nothing above the included units on a plan without quota overage, and feature access stops allowing more", async () => {
    const free = await subscribed(client(), "free");
    dataOf(await client().PUT("/usage/quota", { body: { customerId: free.customerId, featureCode: "projects", count: 1 } }));
    expect(await quota(free.customerId)).toMatchObject({ current: 1, included: 1, remaining: 0, billedQuantity: 0, overageEnabled: false });
    expect(await access(client(), free.customerId, "projects")).toMatchObject({ allowed: false, reason: "included_limit_reached" });
  });

  it("refuses what names no quota feature of the subscription, and a customer without one", async () => {
    const pro = await subscribed(client(), "pro");
    const get = (customerId: string, featureCode: string) => client().GET("/usage/quota", { params: { query: { customerId, featureCode } } });
    expect(expectError(await get(pro.customerId, "teleports"), 404, "feature_not_found", "not_found_error").param).toBe("featureCode");
    expect(expectError(await get(pro.customerId, "team_seats"), 400, "feature_not_in_plan", "billing_error").param).toBe("featureCode");
    // A feature of the plan that is not a quota one is, as a quota, not in the plan.
    expect(expectError(await get(pro.customerId, "api_calls"), 400, "feature_not_in_plan", "billing_error").param).toBe("featureCode");
    const idle = dataOf(await client().POST("/customers", { body: { email: "idle@example.com", externalId: "idle" } }));
    expectError(await get(idle.id, "projects"), 404, "no_active_subscription", "not_found_error");
    expect(dataOf(await client().GET("/usage/quota/all", { params: { query: { customerId: idle.id } } }))).toEqual([]);
    expect(
      expectError(
        await client().POST("/usage/quota", { body: { externalId: "nobody", featureCode: "projects" } }),
        404,
        "customer_not_found",
        "not_found_error",
      ).param,
    ).toBe("externalId");
    // customerId and externalId together are refused by the spec's schema.
    expectError(
      await client().POST("/usage/quota", { body: { customerId: pro.customerId, externalId: "idle", featureCode: "projects" } as never }),
      400,
      "validation_error",
      "validation_error",
    );
  });
});
