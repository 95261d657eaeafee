// The Commet mock's add-ons over HTTP, through the public client, from the empty start: every add-on
// operation, its business rules and every documented error status, in the documented error envelope.
// Features, customers and subscriptions are created through the API first.
import { beforeEach, describe, expect, it } from "vitest";
import {
  cancelSubscription,
  Clock,
  createAddon,
  createCustomer,
  createFeature,
  dataOf,
  expectError,
  JULY_1,
  subscribe,
  useCommetMock,
  walkCursorPages,
} from "../helpers/commet.js";

const clock = new Clock();
const { mock, client } = useCommetMock({ clock });
beforeEach(() => {
  mock().reset();
  clock.set(JULY_1);
});

const activate = (id: string, addonId: string) => client().POST("/subscriptions/{id}/addons", { params: { path: { id } }, body: { addonId } });
const deactivate = (id: string, addonId: string) => client().DELETE("/subscriptions/{id}/addons/{addonId}", { params: { path: { id, addonId } } });

describe("create add-on", () => {
  it("creates an add-on with a generated slug and nulls for omitted fields", async () => {
    await createFeature(client(), "priority_support", { name: "Priority support" });
    const addon = dataOf(
      await client().POST("/addons", {
        body: { name: "Priority Support — 24/7!", basePrice: 5000, featureId: "priority_support", consumptionModel: "boolean" },
      }),
    );
    expect(addon).toMatchObject({
      slug: "priority-support-24-7",
      description: null,
      includedUnits: null,
      overageRate: null,
      creditCost: null,
      featureCode: "priority_support",
      featureName: "Priority support",
      object: "addon",
      livemode: false,
    });
    expect(addon.id).toMatch(/^adn_[A-Za-z0-9]{16}$/);
    expect(addon.createdAt).toBe(addon.updatedAt);
  });

  it("accepts the feature's public ID as well as its code, a plan's feature included", async () => {
    const feature = await createFeature(client(), "sso");
    expect(
      dataOf(await client().POST("/addons", { body: { name: "SSO", basePrice: 1, featureId: feature.id, consumptionModel: "boolean" } })).featureCode,
    ).toBe("sso");
    expect(
      dataOf(await client().POST("/addons", { body: { name: "More calls", basePrice: 1, featureId: "feat_ApiCalls00000001", consumptionModel: "metered" } }))
        .featureCode,
    ).toBe("api_calls");
  });

  it("gives a colliding slug a -2 suffix", async () => {
    await createAddon(client(), "sso", { name: "Extra" });
    expect((await createAddon(client(), "audit_log", { name: "Extra" })).slug).toBe("extra-2");
  });

  it("allows one add-on per feature: 409 feature_already_exists", async () => {
    await createAddon(client(), "priority_support");
    const result = await client().POST("/addons", { body: { name: "Again", basePrice: 1, featureId: "priority_support", consumptionModel: "boolean" } });
    expect(expectError(result, 409, "feature_already_exists", "conflict_error").param).toBe("featureId");
  });

  it("answers 404 feature_not_found for an unknown or deleted feature", async () => {
    expectError(
      await client().POST("/addons", { body: { name: "X", basePrice: 1, featureId: "nope", consumptionModel: "boolean" } }),
      404,
      "feature_not_found",
      "not_found_error",
    );
    await createFeature(client(), "gone");
    dataOf(await client().DELETE("/features/{code}/manage", { params: { path: { code: "gone" } } }));
    expectError(
      await client().POST("/addons", { body: { name: "X", basePrice: 1, featureId: "gone", consumptionModel: "boolean" } }),
      404,
      "feature_not_found",
      "not_found_error",
    );
  });

  it.each([
    ["a missing required field", { basePrice: 1, featureId: "sso", consumptionModel: "boolean" }, "name"],
    ["a name over 100 characters", { name: "x".repeat(101), basePrice: 1, featureId: "sso", consumptionModel: "boolean" }, "name"],
    ["a negative price", { name: "x", basePrice: -1, featureId: "sso", consumptionModel: "boolean" }, "basePrice"],
    ["a fractional price", { name: "x", basePrice: 1.5, featureId: "sso", consumptionModel: "boolean" }, "basePrice"],
    ["an unknown consumption model", { name: "x", basePrice: 1, featureId: "sso", consumptionModel: "seats" }, "consumptionModel"],
    [
      "a description over 255 characters",
      { name: "x", description: "d".repeat(256), basePrice: 1, featureId: "sso", consumptionModel: "boolean" },
      "description",
    ],
  ])("refuses %s with 400 validation_error and details", async (_, body, field) => {
    const result = await client().POST("/addons", { body: body as never });
    const error = expectError(result, 400, "validation_error", "validation_error") as unknown as { param: string; details: { field: string }[] };
    expect(error.param).toBe(field);
    expect(error.details.map((detail) => detail.field)).toContain(field);
  });

  it("answers malformed JSON with 400 invalid_json", async () => {
    const response = await fetch(`${mock().url}/addons`, {
      method: "POST",
      headers: { "x-api-key": "ck_sandbox_t", "content-type": "application/json" },
      body: '{"name": ',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
  });
});

describe("authentication", () => {
  it.each([
    ["no key", undefined],
    ["a key without the ck_ prefix", "sk_live_123"],
  ])("answers %s with 401 unauthorized", async (_, key) => {
    const response = await fetch(`${mock().url}/addons`, { headers: key ? { "x-api-key": key } : {} });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { success: boolean; error: { type: string; code: string } };
    expect(body).toMatchObject({ success: false, error: { type: "authentication_error", code: "unauthorized" } });
  });

  it("keeps sandbox and live data apart and reports livemode", async () => {
    await createAddon(client(), "priority_support");
    const live = client("ck_live_tests");
    expect(dataOf(await live.GET("/addons"))).toEqual([]);
    expectError(
      await live.POST("/addons", { body: { name: "Live", basePrice: 1, featureId: "priority_support", consumptionModel: "boolean" } }),
      404,
      "feature_not_found",
      "not_found_error",
    );
    expect((await createAddon(live, "priority_support")).livemode).toBe(true);
  });
});

describe("list, get and update add-ons", () => {
  it("pages newest first with limit, hasMore and nextCursor", async () => {
    const ids: string[] = [];
    for (const code of ["priority_support", "sso", "audit_log", "webhooks", "extra_storage"]) ids.push((await createAddon(client(), code)).id);
    const { ids: seen, pages } = await walkCursorPages(client(), "/addons", 2);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it("refuses limits outside 1..100 and foreign cursors", async () => {
    expect((await client().GET("/addons")).data?.hasMore).toBe(false);
    expectError(await client().GET("/addons", { params: { query: { limit: 101 } } }), 400, "validation_error", "validation_error");
    expectError(await client().GET("/addons", { params: { query: { limit: 0 } } }), 400, "validation_error", "validation_error");
    const bad = expectError(await client().GET("/addons", { params: { query: { cursor: "not-a-cursor" } } }), 400, "validation_error", "validation_error");
    expect(bad.param).toBe("cursor");
  });

  it("gets an add-on by public ID or by slug, and 404 addon_not_found otherwise", async () => {
    const addon = await createAddon(client(), "priority_support");
    expect(dataOf(await client().GET("/addons/{id}", { params: { path: { id: addon.id } } }))).toEqual(addon);
    expect(dataOf(await client().GET("/addons/{id}", { params: { path: { id: addon.slug } } })).id).toBe(addon.id);
    expectError(await client().GET("/addons/{id}", { params: { path: { id: "adn_missing" } } }), 404, "addon_not_found", "not_found_error");
  });

  it("updates name, description and pricing, keeps the slug and refreshes updatedAt", async () => {
    const addon = await createAddon(client(), "priority_support");
    clock.set(new Date("2026-07-02T00:00:00Z"));
    const updated = dataOf(
      await client().PUT("/addons/{id}", {
        params: { path: { id: addon.slug } },
        body: { name: "Renamed", description: "New", basePrice: 7000, includedUnits: 10, overageRate: 3, creditCost: 99 } as never,
      }),
    );
    expect(updated).toMatchObject({
      name: "Renamed",
      slug: addon.slug,
      description: "New",
      basePrice: 7000,
      includedUnits: 10,
      overageRate: 3,
      creditCost: null,
      updatedAt: "2026-07-02T00:00:00.000Z",
    });
    expect(dataOf(await client().PUT("/addons/{id}", { params: { path: { id: addon.id } }, body: {} })).name).toBe("Renamed");
  });

  it("refuses invalid updates (400) and unknown add-ons (404)", async () => {
    const addon = await createAddon(client(), "priority_support");
    expectError(
      await client().PUT("/addons/{id}", { params: { path: { id: addon.id } }, body: { basePrice: -5 } }),
      400,
      "validation_error",
      "validation_error",
    );
    expectError(await client().PUT("/addons/{id}", { params: { path: { id: "missing" } }, body: {} }), 404, "addon_not_found", "not_found_error");
  });
});

describe("activate add-ons", () => {
  it("charges the documented proration: $50 with 20 of 31 days left is 3226 cents", async () => {
    const subscription = await subscribe(client(), "pro");
    const addon = await createAddon(client(), "priority_support", { basePrice: 5000 });
    clock.set(new Date("2026-07-12T00:00:00Z"));
    expect(dataOf(await activate(subscription.id, addon.id))).toEqual({
      addonId: addon.id,
      status: "active",
      proratedCharge: 3226,
      object: "subscription",
      livemode: false,
    });
  });

  it("charges the whole days left: the full price on the first day, nothing once the period is over", async () => {
    const addon = await createAddon(client(), "priority_support", { basePrice: 3100 });
    const first = await subscribe(client(), "pro");
    expect(dataOf(await activate(first.id, addon.id)).proratedCharge).toBe(3100);
    const second = await subscribe(client(), "pro");
    clock.set(new Date("2026-07-31T12:00:00Z"));
    expect(dataOf(await activate(second.id, addon.id)).proratedCharge).toBe(0);
  });

  it("charges over the trial while trialing", async () => {
    const trial = await subscribe(client(), "team");
    const addon = await createAddon(client(), "priority_support", { basePrice: 1400 });
    clock.advanceDays(7);
    expect(dataOf(await activate(trial.id, addon.id))).toMatchObject({ status: "active", proratedCharge: 700 });
  });

  it("applies the consumption-model rule: boolean fits any plan, others must match the plan's", async () => {
    const pro = await subscribe(client(), "pro");
    const team = await subscribe(client(), "team");
    const free = await subscribe(client(), "free");
    const credits = await createAddon(client(), "ai_credits", { consumptionModel: "credits" });
    const metered = await createAddon(client(), "sms", { consumptionModel: "metered" });
    const boolean = await createAddon(client(), "sso", { basePrice: 0 });
    const refused = [
      [pro.id, credits.id],
      [team.id, metered.id],
      [free.id, metered.id],
      [free.id, credits.id],
    ] as const;
    for (const [subscriptionId, addonId] of refused) {
      expect(expectError(await activate(subscriptionId, addonId), 400, "validation_error", "validation_error").param).toBe("addonId");
    }
    for (const [subscriptionId, addonId] of [
      [pro.id, metered.id],
      [team.id, credits.id],
      [free.id, boolean.id],
      [pro.id, boolean.id],
    ] as const) {
      expect(dataOf(await activate(subscriptionId, addonId)).status).toBe("active");
    }
  });

  it("activates only on an active or trialing subscription: 409 subscription_not_active", async () => {
    const addon = await createAddon(client(), "priority_support");
    const pending = await subscribe(client(), "pro", { metadata: { mock_payment_method: "none" } });
    expect(expectError(await activate(pending.id, addon.id), 409, "subscription_not_active", "conflict_error").param).toBe("id");
    const canceled = await subscribe(client(), "pro");
    await cancelSubscription(mock(), canceled.id);
    expectError(await activate(canceled.id, addon.id), 409, "subscription_not_active", "conflict_error");
  });

  it("needs a payment method when there is something to charge: 409 no_payment_method", async () => {
    const priced = await createAddon(client(), "priority_support", { basePrice: 5000 });
    const free = await createAddon(client(), "sso", { basePrice: 0 });
    const subscription = await subscribe(client(), "free", { externalId: "user_1", metadata: { mock_payment_method: "none" } });
    expect(expectError(await activate(subscription.id, priced.id), 409, "no_payment_method", "conflict_error").param).toBe("id");
    expect(dataOf(await activate(subscription.id, free.id)).proratedCharge).toBe(0);
    // The card is read at the moment of the charge: adding one to the customer lets the activation through.
    dataOf(await client().PUT("/customers/{id}", { params: { path: { id: "user_1" } }, body: { metadata: { mock_payment_method: "card" } } }));
    expect(dataOf(await activate(subscription.id, priced.id)).proratedCharge).toBeGreaterThan(0);
  });

  it("answers a declined card with 402 charge_failed and activates nothing", async () => {
    const addon = await createAddon(client(), "priority_support");
    const subscription = await subscribe(client(), "pro", { externalId: "user_1" });
    dataOf(await client().PUT("/customers/{id}", { params: { path: { id: "user_1" } }, body: { metadata: { mock_payment_method: "card_declined" } } }));
    expectError(await activate(subscription.id, addon.id), 402, "charge_failed", "billing_error");
    expect(dataOf(await client().GET("/active-addons", { params: { query: { customerId: "user_1" } } }))).toEqual([]);
    expectError(await deactivate(subscription.id, addon.id), 400, "addon_not_active", "billing_error");
  });

  it("refuses a second activation on the same subscription: 409 addon_already_active", async () => {
    const subscription = await subscribe(client(), "pro");
    const addon = await createAddon(client(), "priority_support");
    dataOf(await activate(subscription.id, addon.id));
    expect(expectError(await activate(subscription.id, addon.id), 409, "addon_already_active", "conflict_error").param).toBe("addonId");
  });

  it("takes add-on IDs, not slugs (404 addon_not_found), refuses an empty body (400) and an unknown subscription (404)", async () => {
    const subscription = await subscribe(client(), "pro");
    const addon = await createAddon(client(), "priority_support");
    expectError(await activate(subscription.id, addon.slug), 404, "addon_not_found", "not_found_error");
    expectError(
      await client().POST("/subscriptions/{id}/addons", { params: { path: { id: subscription.id } }, body: {} as never }),
      400,
      "validation_error",
      "validation_error",
    );
    expectError(await activate("sub_missing", addon.id), 404, "subscription_not_found", "not_found_error");
  });
});

describe("list active add-ons, deactivate and delete", () => {
  it("lists the customer's active add-ons by Commet ID, own ID or external ID, without an id", async () => {
    const customer = await createCustomer(client(), { id: "own_1", externalId: "user_123" });
    const subscription = dataOf(await client().POST("/subscriptions", { body: { customerId: customer.id, planCode: "pro" } }));
    const addon = await createAddon(client(), "priority_support");
    dataOf(await activate(subscription.id, addon.id));
    for (const customerId of [customer.id, "own_1", "user_123"]) {
      const active = dataOf(await client().GET("/active-addons", { params: { query: { customerId } } }));
      expect(active).toHaveLength(1);
      expect(active[0]).toMatchObject({ slug: addon.slug, featureType: "boolean", object: "addon", activatedAt: "2026-07-01T00:00:00.000Z" });
      expect(active[0]).not.toHaveProperty("id");
    }
  });

  it("lists nothing for a customer without an active subscription; 404 and 400 otherwise", async () => {
    await createCustomer(client(), { externalId: "user_456" });
    expect(dataOf(await client().GET("/active-addons", { params: { query: { customerId: "user_456" } } }))).toEqual([]);
    expectError(await client().GET("/active-addons", { params: { query: { customerId: "nobody" } } }), 404, "customer_not_found", "not_found_error");
    const response = await fetch(`${mock().url}/active-addons`, { headers: { "x-api-key": "ck_sandbox_t" } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe("customerId");
  });

  it("deactivates, then refuses to deactivate again (400 addon_not_active), and reactivates with a new charge", async () => {
    const subscription = await subscribe(client(), "pro");
    const addon = await createAddon(client(), "priority_support", { basePrice: 3100 });
    dataOf(await activate(subscription.id, addon.id));
    clock.set(new Date("2026-07-11T00:00:00Z"));
    expect(dataOf(await deactivate(subscription.id, addon.id))).toEqual({
      id: subscription.id,
      status: "inactive",
      deactivatedAt: "2026-07-11T00:00:00.000Z",
      object: "subscription",
      livemode: false,
    });
    expectError(await deactivate(subscription.id, addon.id), 400, "addon_not_active", "billing_error");
    expectError(await deactivate("sub_missing", addon.id), 404, "subscription_not_found", "not_found_error");
    expect(dataOf(await activate(subscription.id, addon.id))).toMatchObject({ status: "active", proratedCharge: 2100 });
  });

  it("will not delete an active add-on (409 addon_has_activations); a delete is soft and frees the feature", async () => {
    const subscription = await subscribe(client(), "pro");
    const addon = await createAddon(client(), "priority_support", { name: "Priority support" });
    dataOf(await activate(subscription.id, addon.id));
    expectError(await client().DELETE("/addons/{id}", { params: { path: { id: addon.id } } }), 409, "addon_has_activations", "conflict_error");
    dataOf(await deactivate(subscription.id, addon.id));
    expect(dataOf(await client().DELETE("/addons/{id}", { params: { path: { id: addon.id } } }))).toEqual({
      id: addon.id,
      deleted: true,
      object: "addon",
      livemode: false,
    });
    expectError(await client().GET("/addons/{id}", { params: { path: { id: addon.id } } }), 404, "addon_not_found", "not_found_error");
    expectError(await client().DELETE("/addons/{id}", { params: { path: { id: addon.id } } }), 404, "addon_not_found", "not_found_error");
    expect(dataOf(await client().GET("/addons"))).toEqual([]);
    const again = dataOf(
      await client().POST("/addons", { body: { name: "Priority support", basePrice: 1, featureId: "priority_support", consumptionModel: "boolean" } }),
    );
    expect(again.slug).toBe("priority-support");
  });
});

describe("idempotency keys", () => {
  it("replays the first reply for the same key and body, and refuses another body (409 idempotency_key_mismatch)", async () => {
    await createFeature(client(), "sso");
    const header = { "Idempotency-Key": "2f7b6a1e-5c1d-4c8e-9a0b-111111111111" };
    const body = { name: "Once", basePrice: 100, featureId: "sso", consumptionModel: "boolean" } as const;
    const first = await client().POST("/addons", { params: { header }, body });
    const again = await client().POST("/addons", { params: { header }, body });
    expect(again.data?.data).toEqual(first.data?.data);
    expect(dataOf(await client().GET("/addons"))).toHaveLength(1);
    expectError(await client().POST("/addons", { params: { header }, body: { ...body, basePrice: 200 } }), 409, "idempotency_key_mismatch", "conflict_error");
  });
});

describe("server behaviour", () => {
  it("puts x-request-id on every response, success or error", async () => {
    const ok = await client().GET("/addons");
    const missing = await client().GET("/addons/{id}", { params: { path: { id: "none" } } });
    const ids = [ok.response.headers.get("x-request-id"), missing.response.headers.get("x-request-id")];
    for (const id of ids) expect(id).toMatch(/^req_[0-9a-f]{24}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it("answers unknown routes with 404 in the error envelope", async () => {
    const response = await fetch(`${mock().url}/nowhere`, { headers: { "x-api-key": "ck_sandbox_t" } });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { type: string } }).error.type).toBe("not_found_error");
  });

  it("refuses a malformed Commet-Version header with 400", async () => {
    const response = await fetch(`${mock().url}/addons`, { headers: { "x-api-key": "ck_sandbox_t", "Commet-Version": "latest" } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe("commet-version");
  });

  it("fails the next requests on demand (429 with Retry-After, 500), then recovers", async () => {
    mock().injectFault({ operationId: "listAddons", status: 429, retryAfter: 3 });
    const limited = await client().GET("/addons");
    expectError(limited, 429, "rate_limited", "rate_limit_error");
    expect(limited.response.headers.get("retry-after")).toBe("3");
    const control = await fetch(`${mock().controlUrl}/faults`, { method: "POST", body: JSON.stringify({ status: 500, count: 2 }) });
    expect(control.status).toBe(204);
    expectError(await client().GET("/addons"), 500, "internal_error", "internal_error");
    expectError(await client().GET("/addons/{id}", { params: { path: { id: "x" } } }), 500, "internal_error", "internal_error");
    expect((await client().GET("/addons")).response.status).toBe(200);
  });
});
