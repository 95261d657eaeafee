// The Commet mock over HTTP, through the public client: every add-on operation, its business rules
// and every documented error status, in the documented error envelope.
import { beforeEach, describe, expect, it } from "vitest";
import { useCommetMock } from "../helpers/commet.js";

const SUB = "sub_3Jd8KwQ2nVb6YtRm";
const CANCELED_SUB = "sub_8Lp1ZxC4vQm7NtYs";
const DECLINING_SUB = "sub_5Hr2WqE9aKd3FuJo";
const NO_CARD_SUB = "sub_7Gt6PbN0cXs1RwLv";
const CUSTOMER = "cus_9Fx4TgH1sLp0QzWa";

const { mock, client } = useCommetMock();
beforeEach(() => mock().reset());

async function createAddon(overrides: Record<string, unknown> = {}) {
  const { data, error } = await client().POST("/addons", {
    body: { name: "Priority support", basePrice: 5000, featureId: "priority_support", consumptionModel: "boolean", ...overrides } as never,
  });
  if (!data) throw new Error(JSON.stringify(error));
  return data.data;
}

function expectError(result: { error?: unknown; response: Response }, status: number, code: string, type: string) {
  expect(result.response.status).toBe(status);
  const body = result.error as { success: boolean; error: { code: string; type: string; message: string; doc_url: string; param?: string } };
  expect(body.success).toBe(false);
  expect(body.error.code).toBe(code);
  expect(body.error.type).toBe(type);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.doc_url).toBe(`https://commet.co/docs/api-reference/2026-07-11/errors/${code}.md`);
  return body.error;
}

describe("create add-on", () => {
  it("creates an add-on with a generated slug and nulls for omitted fields", async () => {
    const addon = await createAddon({ name: "Priority Support — 24/7!" });
    expect(addon).toMatchObject({ slug: "priority-support-24-7", description: null, includedUnits: null, overageRate: null, creditCost: null, featureCode: "priority_support", featureName: "Priority support", object: "addon", livemode: false });
    expect(addon.id).toMatch(/^adn_[A-Za-z0-9]{16}$/);
    expect(addon.createdAt).toBe(addon.updatedAt);
  });

  it("accepts the feature's public ID as well as its code", async () => {
    const addon = await createAddon({ featureId: "feat_Ss0SignOnBb22c", name: "SSO" });
    expect(addon.featureCode).toBe("sso");
  });

  it("gives a colliding slug a -2 suffix", async () => {
    await createAddon({ name: "Extra", featureId: "sso" });
    const second = await createAddon({ name: "Extra", featureId: "audit_log" });
    expect(second.slug).toBe("extra-2");
  });

  it("allows one add-on per feature: 409 feature_already_exists", async () => {
    await createAddon();
    const result = await client().POST("/addons", { body: { name: "Again", basePrice: 1, featureId: "priority_support", consumptionModel: "boolean" } });
    expect(expectError(result, 409, "feature_already_exists", "conflict_error").param).toBe("featureId");
  });

  it("answers 404 feature_not_found for an unknown feature", async () => {
    const result = await client().POST("/addons", { body: { name: "X", basePrice: 1, featureId: "nope", consumptionModel: "boolean" } });
    expectError(result, 404, "feature_not_found", "not_found_error");
  });

  it.each([
    ["a missing required field", { basePrice: 1, featureId: "sso", consumptionModel: "boolean" }, "name"],
    ["a name over 100 characters", { name: "x".repeat(101), basePrice: 1, featureId: "sso", consumptionModel: "boolean" }, "name"],
    ["a negative price", { name: "x", basePrice: -1, featureId: "sso", consumptionModel: "boolean" }, "basePrice"],
    ["a fractional price", { name: "x", basePrice: 1.5, featureId: "sso", consumptionModel: "boolean" }, "basePrice"],
    ["an unknown consumption model", { name: "x", basePrice: 1, featureId: "sso", consumptionModel: "seats" }, "consumptionModel"],
    ["a description over 255 characters", { name: "x", description: "d".repeat(256), basePrice: 1, featureId: "sso", consumptionModel: "boolean" }, "description"],
  ])("refuses %s with 400 validation_error and details", async (_, body, field) => {
    const result = await client().POST("/addons", { body: body as never });
    const error = expectError(result, 400, "validation_error", "validation_error") as unknown as { param: string; details: { field: string }[] };
    expect(error.param).toBe(field);
    expect(error.details.map((detail) => detail.field)).toContain(field);
  });

  it("answers malformed JSON with 400 invalid_json", async () => {
    const response = await fetch(`${mock().url}/addons`, { method: "POST", headers: { "x-api-key": "ck_sandbox_t", "content-type": "application/json" }, body: '{"name": ' });
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
    await createAddon();
    const live = client("ck_live_tests");
    const { data } = await live.GET("/addons");
    expect(data?.data).toEqual([]);
    const created = await live.POST("/addons", { body: { name: "Live", basePrice: 1, featureId: "priority_support", consumptionModel: "boolean" } });
    expect(created.data?.data.livemode).toBe(true);
  });
});

describe("list, get and update add-ons", () => {
  it("pages newest first with limit, hasMore and nextCursor", async () => {
    const features = ["priority_support", "sso", "audit_log", "api_calls", "extra_seats"];
    const ids: string[] = [];
    for (const featureId of features) ids.push((await createAddon({ name: featureId, featureId })).id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { data } = await client().GET("/addons", { params: { query: { limit: 2, ...(cursor ? { cursor } : {}) } } });
      seen.push(...data!.data.map((addon) => addon.id));
      cursor = data!.hasMore ? data!.nextCursor! : undefined;
      if (!data!.hasMore) expect(data!.nextCursor).toBeUndefined();
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it("defaults to 25 per page and refuses limits outside 1..100 and foreign cursors", async () => {
    expect((await client().GET("/addons")).data?.hasMore).toBe(false);
    expectError(await client().GET("/addons", { params: { query: { limit: 101 } } }), 400, "validation_error", "validation_error");
    expectError(await client().GET("/addons", { params: { query: { limit: 0 } } }), 400, "validation_error", "validation_error");
    const bad = expectError(await client().GET("/addons", { params: { query: { cursor: "not-a-cursor" } } }), 400, "validation_error", "validation_error");
    expect(bad.param).toBe("cursor");
  });

  it("gets an add-on by public ID or by slug, and 404 addon_not_found otherwise", async () => {
    const addon = await createAddon();
    expect((await client().GET("/addons/{id}", { params: { path: { id: addon.id } } })).data?.data).toEqual(addon);
    expect((await client().GET("/addons/{id}", { params: { path: { id: addon.slug } } })).data?.data.id).toBe(addon.id);
    expectError(await client().GET("/addons/{id}", { params: { path: { id: "adn_missing" } } }), 404, "addon_not_found", "not_found_error");
  });

  it("updates name, description and pricing, keeps the slug and refreshes updatedAt", async () => {
    const addon = await createAddon();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const { data } = await client().PUT("/addons/{id}", {
      params: { path: { id: addon.slug } },
      body: { name: "Renamed", description: "New", basePrice: 7000, includedUnits: 10, overageRate: 3, creditCost: 99 } as never,
    });
    expect(data?.data).toMatchObject({ name: "Renamed", slug: addon.slug, description: "New", basePrice: 7000, includedUnits: 10, overageRate: 3, creditCost: null });
    expect(data!.data.updatedAt > addon.updatedAt).toBe(true);
    const empty = await client().PUT("/addons/{id}", { params: { path: { id: addon.id } }, body: {} });
    expect(empty.data?.data.name).toBe("Renamed");
  });

  it("refuses invalid updates (400) and unknown add-ons (404)", async () => {
    const addon = await createAddon();
    expectError(await client().PUT("/addons/{id}", { params: { path: { id: addon.id } }, body: { basePrice: -5 } }), 400, "validation_error", "validation_error");
    expectError(await client().PUT("/addons/{id}", { params: { path: { id: "missing" } }, body: {} }), 404, "addon_not_found", "not_found_error");
  });
});

describe("activate, list active, deactivate and delete", () => {
  it("charges the documented proration: $50 with 20 of 31 days left is 3226 cents", async () => {
    const addon = await createAddon({ basePrice: 5000 });
    const { data } = await client().POST("/subscriptions/{id}/addons", { params: { path: { id: SUB } }, body: { addonId: addon.id } });
    expect(data?.data).toEqual({ addonId: addon.id, status: "active", proratedCharge: 3226, object: "subscription", livemode: false });
  });

  it("lists the customer's active add-ons by Commet ID or external ID, without an id", async () => {
    const addon = await createAddon();
    await client().POST("/subscriptions/{id}/addons", { params: { path: { id: SUB } }, body: { addonId: addon.id } });
    for (const customerId of [CUSTOMER, "user_123"]) {
      const { data } = await client().GET("/active-addons", { params: { query: { customerId } } });
      expect(data?.data).toHaveLength(1);
      expect(data!.data[0]).toMatchObject({ slug: addon.slug, featureType: "boolean", object: "addon" });
      expect(data!.data[0]).not.toHaveProperty("id");
    }
  });

  it("lists nothing for a customer without an active subscription; 404 and 400 otherwise", async () => {
    expect((await client().GET("/active-addons", { params: { query: { customerId: "user_456" } } })).data?.data).toEqual([]);
    expectError(await client().GET("/active-addons", { params: { query: { customerId: "nobody" } } }), 404, "customer_not_found", "not_found_error");
    const response = await fetch(`${mock().url}/active-addons`, { headers: { "x-api-key": "ck_sandbox_t" } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe("customerId");
  });

  it("refuses a second activation on the same subscription: 409 addon_already_active", async () => {
    const addon = await createAddon();
    await client().POST("/subscriptions/{id}/addons", { params: { path: { id: SUB } }, body: { addonId: addon.id } });
    expectError(await client().POST("/subscriptions/{id}/addons", { params: { path: { id: SUB } }, body: { addonId: addon.id } }), 409, "addon_already_active", "conflict_error");
  });

  it("activates only on active subscriptions with a working payment method", async () => {
    const addon = await createAddon();
    const activate = (id: string) => client().POST("/subscriptions/{id}/addons", { params: { path: { id } }, body: { addonId: addon.id } });
    expectError(await activate(CANCELED_SUB), 409, "subscription_not_active", "conflict_error");
    expectError(await activate(NO_CARD_SUB), 409, "no_payment_method", "conflict_error");
    expectError(await activate(DECLINING_SUB), 402, "charge_failed", "billing_error");
    expectError(await activate("sub_missing"), 404, "subscription_not_found", "not_found_error");
    // The declined charge activated nothing: deactivating it is refused.
    expectError(await client().DELETE("/subscriptions/{id}/addons/{addonId}", { params: { path: { id: DECLINING_SUB, addonId: addon.id } } }), 400, "addon_not_active", "billing_error");
  });

  it("applies the consumption-model rule: boolean fits any plan, others must match the plan's", async () => {
    const credits = await createAddon({ name: "Credits", featureId: "ai_credits", consumptionModel: "credits" });
    const metered = await createAddon({ name: "Metered", featureId: "api_calls", consumptionModel: "metered" });
    const refused = await client().POST("/subscriptions/{id}/addons", { params: { path: { id: SUB } }, body: { addonId: credits.id } });
    expect(expectError(refused, 400, "validation_error", "validation_error").param).toBe("addonId");
    const accepted = await client().POST("/subscriptions/{id}/addons", { params: { path: { id: SUB } }, body: { addonId: metered.id } });
    expect(accepted.data?.data.status).toBe("active");
  });

  it("takes add-on IDs, not slugs, when activating (404 addon_not_found) and refuses an empty body (400)", async () => {
    const addon = await createAddon();
    expectError(await client().POST("/subscriptions/{id}/addons", { params: { path: { id: SUB } }, body: { addonId: addon.slug } }), 404, "addon_not_found", "not_found_error");
    expectError(await client().POST("/subscriptions/{id}/addons", { params: { path: { id: SUB } }, body: {} as never }), 400, "validation_error", "validation_error");
  });

  it("deactivates, then refuses to deactivate again (400 addon_not_active), and reactivates", async () => {
    const addon = await createAddon();
    const path = { id: SUB, addonId: addon.id };
    await client().POST("/subscriptions/{id}/addons", { params: { path: { id: SUB } }, body: { addonId: addon.id } });
    const { data } = await client().DELETE("/subscriptions/{id}/addons/{addonId}", { params: { path } });
    expect(data?.data).toMatchObject({ id: SUB, status: "inactive", object: "subscription" });
    expect(Date.parse(data!.data.deactivatedAt)).not.toBeNaN();
    expectError(await client().DELETE("/subscriptions/{id}/addons/{addonId}", { params: { path } }), 400, "addon_not_active", "billing_error");
    expectError(await client().DELETE("/subscriptions/{id}/addons/{addonId}", { params: { path: { id: "sub_missing", addonId: addon.id } } }), 404, "subscription_not_found", "not_found_error");
    expect((await client().POST("/subscriptions/{id}/addons", { params: { path: { id: SUB } }, body: { addonId: addon.id } })).data?.data.status).toBe("active");
  });

  it("will not delete an active add-on (409 addon_has_activations); a delete is soft and frees the feature", async () => {
    const addon = await createAddon();
    await client().POST("/subscriptions/{id}/addons", { params: { path: { id: SUB } }, body: { addonId: addon.id } });
    expectError(await client().DELETE("/addons/{id}", { params: { path: { id: addon.id } } }), 409, "addon_has_activations", "conflict_error");
    await client().DELETE("/subscriptions/{id}/addons/{addonId}", { params: { path: { id: SUB, addonId: addon.id } } });
    const deleted = await client().DELETE("/addons/{id}", { params: { path: { id: addon.id } } });
    expect(deleted.data?.data).toEqual({ id: addon.id, deleted: true, object: "addon", livemode: false });
    expectError(await client().GET("/addons/{id}", { params: { path: { id: addon.id } } }), 404, "addon_not_found", "not_found_error");
    expectError(await client().DELETE("/addons/{id}", { params: { path: { id: addon.id } } }), 404, "addon_not_found", "not_found_error");
    expect((await client().GET("/addons")).data?.data).toEqual([]);
    expect((await createAddon({ name: "Priority support" })).slug).toBe("priority-support");
  });
});

describe("idempotency keys", () => {
  it("replays the first reply for the same key and body, and refuses another body (409 idempotency_key_mismatch)", async () => {
    const key = "2f7b6a1e-5c1d-4c8e-9a0b-111111111111";
    const body = { name: "Once", basePrice: 100, featureId: "sso", consumptionModel: "boolean" } as const;
    const first = await client().POST("/addons", { params: { header: { "Idempotency-Key": key } }, body });
    const again = await client().POST("/addons", { params: { header: { "Idempotency-Key": key } }, body });
    expect(again.data?.data).toEqual(first.data?.data);
    expect((await client().GET("/addons")).data?.data).toHaveLength(1);
    const other = await client().POST("/addons", { params: { header: { "Idempotency-Key": key } }, body: { ...body, basePrice: 200 } });
    expectError(other, 409, "idempotency_key_mismatch", "conflict_error");
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

  it("refuses a malformed commet-version header with 400", async () => {
    const response = await fetch(`${mock().url}/addons`, { headers: { "x-api-key": "ck_sandbox_t", "commet-version": "latest" } });
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
