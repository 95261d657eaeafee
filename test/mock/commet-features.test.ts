// The Commet mock's feature catalogue over HTTP: the plan catalogue's features from the start, unique
// codes (matching ^[a-z0-9_]+$) and names, reads by code or ID, updates, and deletes refused while a
// plan or an add-on uses the feature.
import { beforeEach, describe, expect, it } from "vitest";
import { Clock, createAddon, createFeature, dataOf, expectError, JULY_1, useCommetMock } from "../helpers/commet.js";

const clock = new Clock();
const { mock, client } = useCommetMock({ clock });
beforeEach(() => {
  mock().reset();
  clock.set(JULY_1);
});

describe("the catalogue at the start", () => {
  it("holds only the features the plans include, newest first", async () => {
    const features = dataOf(await client().GET("/features"));
    expect(features.map((feature) => [feature.id, feature.code, feature.type, feature.unitName])).toEqual([
      ["feat_Projects00000001", "projects", "quota", "projects"],
      ["feat_TeamSeats0000001", "team_seats", "seats", "seats"],
      ["feat_ApiCalls00000001", "api_calls", "usage", "calls"],
    ]);
  });

  it("is per tenant: a sandbox feature is not in the live catalogue", async () => {
    await createFeature(client(), "sso");
    const live = dataOf(await client("ck_live_tests").GET("/features"));
    expect(live.map((feature) => feature.code)).not.toContain("sso");
    expect(live.every((feature) => feature.livemode)).toBe(true);
  });
});

describe("create feature", () => {
  it("answers the feature with nulls for what was not given, and lists it first", async () => {
    const feature = await createFeature(client(), "sso", { name: "Single sign-on" });
    expect(feature).toEqual({
      id: feature.id,
      name: "Single sign-on",
      code: "sso",
      type: "boolean",
      description: null,
      unitName: null,
      createdAt: "2026-07-01T00:00:00.000Z",
      updatedAt: "2026-07-01T00:00:00.000Z",
      object: "feature",
      livemode: false,
    });
    expect(feature.id).toMatch(/^feat_[A-Za-z0-9]{16}$/);
    expect(dataOf(await client().GET("/features"))[0]).toEqual(feature);
  });

  it.each(["Priority_support", "priority-support", "priority support", "priorité", ""])(
    "refuses the code %j with 400 validation_error, param code",
    async (code) => {
      const result = await client().POST("/features/manage", { body: { name: "Priority support", code, type: "boolean" } });
      expect(expectError(result, 400, "validation_error", "validation_error").param).toBe("code");
    },
  );

  it("refuses a type outside boolean, usage, seats and quota", async () => {
    const result = await client().POST("/features/manage", { body: { name: "Metered", code: "metered", type: "metered" as never } });
    expect(expectError(result, 400, "validation_error", "validation_error").param).toBe("type");
  });

  it("keeps codes and names unique: 409 feature_already_exists, naming the field", async () => {
    await createFeature(client(), "sso", { name: "Single sign-on" });
    const sameCode = await client().POST("/features/manage", { body: { name: "Another", code: "sso", type: "boolean" } });
    expect(expectError(sameCode, 409, "feature_already_exists", "conflict_error").param).toBe("code");
    const sameName = await client().POST("/features/manage", { body: { name: "Single sign-on", code: "sso_v2", type: "boolean" } });
    expect(expectError(sameName, 409, "feature_already_exists", "conflict_error").param).toBe("name");
    const planFeature = await client().POST("/features/manage", { body: { name: "Calls", code: "api_calls", type: "usage" } });
    expectError(planFeature, 409, "feature_already_exists", "conflict_error");
    expect(dataOf(await client().GET("/features"))).toHaveLength(4);
  });

  it("replays the first reply for a repeated Idempotency-Key instead of refusing the duplicate", async () => {
    const header = { "Idempotency-Key": "feature-once" };
    const body = { name: "Audit log", code: "audit_log", type: "boolean" } as const;
    const first = await client().POST("/features/manage", { params: { header }, body });
    const again = await client().POST("/features/manage", { params: { header }, body });
    expect(again.response.status).toBe(200);
    expect(again.data?.data).toEqual(first.data?.data);
  });
});

describe("get feature", () => {
  it("finds a feature by code or by public ID, and answers 404 feature_not_found otherwise", async () => {
    const feature = await createFeature(client(), "sso");
    expect(dataOf(await client().GET("/features/{code}", { params: { path: { code: "sso" } } }))).toEqual(feature);
    expect(dataOf(await client().GET("/features/{code}", { params: { path: { code: feature.id } } }))).toEqual(feature);
    const missing = expectError(await client().GET("/features/{code}", { params: { path: { code: "saml" } } }), 404, "feature_not_found", "not_found_error");
    expect(missing.param).toBe("code");
  });
});

describe("update feature", () => {
  it("changes name, description and unit name, clears them with null, keeps code and type", async () => {
    await createFeature(client(), "storage", { type: "quota", description: "Disk", unitName: "GB" });
    clock.set(new Date("2026-07-02T00:00:00Z"));
    const path = { params: { path: { code: "storage" } } };
    const renamed = dataOf(await client().PUT("/features/{code}/manage", { ...path, body: { name: "Storage", code: "disk", type: "boolean" } as never }));
    expect(renamed).toMatchObject({
      name: "Storage",
      code: "storage",
      type: "quota",
      description: "Disk",
      unitName: "GB",
      updatedAt: "2026-07-02T00:00:00.000Z",
    });
    const cleared = dataOf(await client().PUT("/features/{code}/manage", { ...path, body: { description: null, unitName: null } }));
    expect(cleared).toMatchObject({ name: "Storage", description: null, unitName: null });
    // Renaming a feature to its own name is no conflict.
    expect(dataOf(await client().PUT("/features/{code}/manage", { ...path, body: { name: "Storage" } })).name).toBe("Storage");
  });

  it("refuses an empty body (400), another feature's name (409) and an unknown feature (404)", async () => {
    await createFeature(client(), "sso");
    const path = { params: { path: { code: "sso" } } };
    expectError(await client().PUT("/features/{code}/manage", { ...path, body: {} as never }), 400, "validation_error", "validation_error");
    const taken = await client().PUT("/features/{code}/manage", { ...path, body: { name: "API calls" } });
    expect(expectError(taken, 409, "feature_already_exists", "conflict_error").param).toBe("name");
    expectError(
      await client().PUT("/features/{code}/manage", { params: { path: { code: "saml" } }, body: { name: "SAML" } }),
      404,
      "feature_not_found",
      "not_found_error",
    );
    expect(dataOf(await client().GET("/features/{code}", path)).name).toBe("Feature sso");
  });
});

describe("delete feature", () => {
  it("deletes an unused feature: gone from reads and lists, its code and name free again", async () => {
    const feature = await createFeature(client(), "sso", { name: "Single sign-on" });
    const deleted = dataOf(await client().DELETE("/features/{code}/manage", { params: { path: { code: "sso" } } }));
    expect(deleted).toEqual({ id: feature.id, deleted: true, object: "feature", livemode: false });
    expectError(await client().GET("/features/{code}", { params: { path: { code: feature.id } } }), 404, "feature_not_found", "not_found_error");
    expectError(await client().DELETE("/features/{code}/manage", { params: { path: { code: "sso" } } }), 404, "feature_not_found", "not_found_error");
    expect(dataOf(await client().GET("/features")).map((candidate) => candidate.code)).not.toContain("sso");
    expectError(
      await client().POST("/addons", { body: { name: "SSO", basePrice: 1, featureId: "sso", consumptionModel: "boolean" } }),
      404,
      "feature_not_found",
      "not_found_error",
    );
    const again = await createFeature(client(), "sso", { name: "Single sign-on" });
    expect(again.id).not.toBe(feature.id);
  });

  it.each(["api_calls", "team_seats", "projects"])("refuses to delete %s, which a plan includes: 409 feature_in_use", async (code) => {
    const error = expectError(await client().DELETE("/features/{code}/manage", { params: { path: { code } } }), 409, "feature_in_use", "conflict_error");
    expect(error.message).toContain("plan");
    expect(dataOf(await client().GET("/features/{code}", { params: { path: { code } } })).code).toBe(code);
  });

  it("refuses to delete a feature an add-on uses, until the add-on is deleted", async () => {
    const addon = await createAddon(client(), "sso");
    const error = expectError(await client().DELETE("/features/{code}/manage", { params: { path: { code: "sso" } } }), 409, "feature_in_use", "conflict_error");
    expect(error.message).toContain(addon.slug);
    dataOf(await client().DELETE("/addons/{id}", { params: { path: { id: addon.id } } }));
    expect(dataOf(await client().DELETE("/features/{code}/manage", { params: { path: { code: "sso" } } })).deleted).toBe(true);
  });
});
