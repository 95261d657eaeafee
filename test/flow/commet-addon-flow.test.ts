// The whole Commet add-on flow over HTTP, from a mock that holds only its plan catalogue, with the
// public client alone: every step succeeds, and at each step the request a rule forbids is refused
// with the documented error, changing nothing.
import { describe, expect, it } from "vitest";
import { createCommetClient } from "../../src/commet/index.js";
import { startMock } from "../../src/mock/index.js";
import { Clock, dataOf, expectError, JULY_1 } from "../helpers/commet.js";

describe("Commet add-on flow from an empty state", () => {
  it("creates a feature and an add-on, subscribes a customer to pro, activates, lists, deactivates and deletes", async () => {
    const clock = new Clock(JULY_1);
    const mock = await startMock("commet", { now: clock.now });
    try {
      const commet = createCommetClient({ apiKey: "ck_sandbox_flow", baseUrl: mock.url });

      // Nothing but the plan catalogue's features.
      expect(
        dataOf(await commet.GET("/features"))
          .map((feature) => feature.code)
          .sort(),
      ).toEqual(["api_calls", "projects", "team_seats"]);
      expect(dataOf(await commet.GET("/addons"))).toEqual([]);
      expect(dataOf(await commet.GET("/customers"))).toEqual([]);
      expect(dataOf(await commet.GET("/subscriptions"))).toEqual([]);

      // 1. Create a feature.
      const feature = dataOf(await commet.POST("/features/manage", { body: { name: "Single sign-on", code: "sso", type: "boolean" } }));
      expect(feature).toMatchObject({ code: "sso", name: "Single sign-on", type: "boolean", object: "feature", livemode: false });
      expect(
        expectError(
          await commet.POST("/features/manage", { body: { name: "SSO again", code: "sso", type: "boolean" } }),
          409,
          "feature_already_exists",
          "conflict_error",
        ).param,
      ).toBe("code");
      expect(
        expectError(
          await commet.POST("/features/manage", { body: { name: "Audit log", code: "Audit-Log", type: "boolean" } }),
          400,
          "validation_error",
          "validation_error",
        ).param,
      ).toBe("code");

      // 2. Create an add-on on it (5000 cents: the documented $50 example).
      const addonBody = { name: "SSO", basePrice: 5000, featureId: "sso", consumptionModel: "boolean" } as const;
      expect(expectError(await commet.POST("/addons", { body: { ...addonBody, featureId: "saml" } }), 404, "feature_not_found", "not_found_error").param).toBe(
        "featureId",
      );
      const addon = dataOf(await commet.POST("/addons", { body: addonBody }));
      expect(addon).toMatchObject({ slug: "sso", featureCode: "sso", featureName: "Single sign-on", basePrice: 5000, consumptionModel: "boolean" });
      expect(
        expectError(await commet.POST("/addons", { body: { ...addonBody, name: "SSO twice" } }), 409, "feature_already_exists", "conflict_error").param,
      ).toBe("featureId");
      // A credits add-on: the consumption-model rule keeps it off the metered pro plan.
      dataOf(await commet.POST("/features/manage", { body: { name: "Image credits", code: "image_credits", type: "usage" } }));
      const creditsAddon = dataOf(
        await commet.POST("/addons", {
          body: { name: "Image credits", basePrice: 1000, featureId: "image_credits", consumptionModel: "credits", creditCost: 5 },
        }),
      );

      // 3. Create a customer, with the caller's own external ID.
      const customer = dataOf(await commet.POST("/customers", { body: { email: "ada@example.com", externalId: "user_123", fullName: "Ada Lovelace" } }));
      expect(customer).toMatchObject({ externalId: "user_123", email: "ada@example.com", timezone: "UTC", metadata: {}, object: "customer" });
      expect(
        expectError(await commet.POST("/customers", { body: { email: "other@example.com", externalId: "user_123" } }), 409, "duplicate", "conflict_error")
          .param,
      ).toBe("externalId");
      expect(dataOf(await commet.GET("/customers/{id}", { params: { path: { id: "user_123" } } })).id).toBe(customer.id);

      // 4. Subscribe the customer, by external ID, to pro.
      expect(
        expectError(await commet.POST("/subscriptions", { body: { customerId: "user_999", planCode: "pro" } }), 404, "customer_not_found", "not_found_error")
          .param,
      ).toBe("customerId");
      expect(
        expectError(await commet.POST("/subscriptions", { body: { customerId: "user_123", planCode: "enterprise" } }), 404, "plan_not_found", "not_found_error")
          .param,
      ).toBe("planCode");
      const subscription = dataOf(await commet.POST("/subscriptions", { body: { customerId: "user_123", planCode: "pro" } }));
      expect(subscription).toMatchObject({ customerId: customer.id, status: "active", consumptionModel: "metered", plan: { name: "Pro", basePrice: 4900 } });
      expect(subscription.currentPeriod).toEqual({ start: "2026-07-01T00:00:00.000Z", end: "2026-08-01T00:00:00.000Z", daysRemaining: 31 });
      expect(
        expectError(
          await commet.POST("/subscriptions", { body: { customerId: customer.id, planCode: "free" } }),
          409,
          "already_has_active_subscription",
          "conflict_error",
        ).param,
      ).toBe("customerId");
      expect(dataOf(await commet.GET("/subscriptions/active", { params: { query: { customerId: "user_123" } } }))?.id).toBe(subscription.id);

      // 5. Activate the add-on, 11 days into the 31-day period: 20 days left.
      clock.set(new Date("2026-07-12T00:00:00Z"));
      const sub = { params: { path: { id: subscription.id } } };
      expect(
        expectError(
          await commet.POST("/subscriptions/{id}/addons", { ...sub, body: { addonId: creditsAddon.id } }),
          400,
          "validation_error",
          "validation_error",
        ).param,
      ).toBe("addonId");
      // A customer whose pro subscription still waits for payment cannot take add-ons.
      const unpaid = dataOf(await commet.POST("/customers", { body: { email: "grace@example.com", metadata: { mock_payment_method: "none" } } }));
      const pending = dataOf(await commet.POST("/subscriptions", { body: { customerId: unpaid.id, planCode: "pro" } }));
      expect(pending).toMatchObject({ status: "pending_payment", currentPeriod: null });
      expect(pending.checkoutUrl).toMatch(/^https:\/\//);
      expect(
        expectError(
          await commet.POST("/subscriptions/{id}/addons", { params: { path: { id: pending.id } }, body: { addonId: addon.id } }),
          409,
          "subscription_not_active",
          "conflict_error",
        ).param,
      ).toBe("id");
      const activated = dataOf(await commet.POST("/subscriptions/{id}/addons", { ...sub, body: { addonId: addon.id } }));
      expect(activated).toEqual({ addonId: addon.id, status: "active", proratedCharge: 3226, object: "subscription", livemode: false });
      expect(
        expectError(await commet.POST("/subscriptions/{id}/addons", { ...sub, body: { addonId: addon.id } }), 409, "addon_already_active", "conflict_error")
          .param,
      ).toBe("addonId");

      // 6. List the customer's active add-ons.
      const active = dataOf(await commet.GET("/active-addons", { params: { query: { customerId: "user_123" } } }));
      expect(active).toEqual([
        {
          slug: "sso",
          name: "SSO",
          basePrice: 5000,
          featureCode: "sso",
          featureName: "Single sign-on",
          featureType: "boolean",
          consumptionModel: "boolean",
          activatedAt: "2026-07-12T00:00:00.000Z",
          object: "addon",
          livemode: false,
        },
      ]);
      expect(dataOf(await commet.GET("/active-addons", { params: { query: { customerId: unpaid.id } } }))).toEqual([]);

      // An active add-on, and the feature it sells, cannot be deleted.
      expectError(await commet.DELETE("/addons/{id}", { params: { path: { id: addon.id } } }), 409, "addon_has_activations", "conflict_error");
      expectError(await commet.DELETE("/features/{code}/manage", { params: { path: { code: "sso" } } }), 409, "feature_in_use", "conflict_error");

      // 7. Deactivate it (resolving the listed slug to the add-on's ID first).
      const resolved = dataOf(await commet.GET("/addons/{id}", { params: { path: { id: active[0]!.slug } } }));
      clock.set(new Date("2026-07-20T00:00:00Z"));
      const deactivated = dataOf(
        await commet.DELETE("/subscriptions/{id}/addons/{addonId}", { params: { path: { id: subscription.id, addonId: resolved.id } } }),
      );
      expect(deactivated).toEqual({
        id: subscription.id,
        status: "inactive",
        deactivatedAt: "2026-07-20T00:00:00.000Z",
        object: "subscription",
        livemode: false,
      });
      expectError(
        await commet.DELETE("/subscriptions/{id}/addons/{addonId}", { params: { path: { id: subscription.id, addonId: addon.id } } }),
        400,
        "addon_not_active",
        "billing_error",
      );
      expect(dataOf(await commet.GET("/active-addons", { params: { query: { customerId: "user_123" } } }))).toEqual([]);

      // The feature is still used by the (inactive) add-on.
      expectError(await commet.DELETE("/features/{code}/manage", { params: { path: { code: "sso" } } }), 409, "feature_in_use", "conflict_error");

      // 8. Delete the add-on.
      expect(dataOf(await commet.DELETE("/addons/{id}", { params: { path: { id: addon.id } } }))).toEqual({
        id: addon.id,
        deleted: true,
        object: "addon",
        livemode: false,
      });
      expectError(await commet.POST("/subscriptions/{id}/addons", { ...sub, body: { addonId: addon.id } }), 404, "addon_not_found", "not_found_error");

      // 9. Delete the feature; a feature a plan includes stays.
      expect(dataOf(await commet.DELETE("/features/{code}/manage", { params: { path: { code: "sso" } } }))).toEqual({
        id: feature.id,
        deleted: true,
        object: "feature",
        livemode: false,
      });
      expectError(await commet.GET("/features/{code}", { params: { path: { code: "sso" } } }), 404, "feature_not_found", "not_found_error");
      expectError(await commet.DELETE("/features/{code}/manage", { params: { path: { code: "api_calls" } } }), 409, "feature_in_use", "conflict_error");
      expect(
        dataOf(await commet.GET("/features"))
          .map((candidate) => candidate.code)
          .sort(),
      ).toEqual(["api_calls", "image_credits", "projects", "team_seats"]);
    } finally {
      await mock.close();
    }
  });
});
