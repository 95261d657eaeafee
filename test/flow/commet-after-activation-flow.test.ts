// An add-on's life after activation, over HTTP from a mock that holds only its plan catalogue, driven
// by the mock's clock: a feature and a metered add-on on it, a customer subscribed to pro, the add-on
// activated (prorated), usage tracked past the add-on's included units, feature access showing the
// extension and the overage, a prorated plan change previewed and made, a cancellation at the period's
// end, and feature access revoked exactly when that period ends. The same steps and expectations run
// with specwright's public client and with the official @commet/node 7.10.0 SDK, unchanged; every answer
// either gets is checked against the spec.
import { afterEach, describe, expect, it, vi } from "vitest";
import { startMock } from "../../src/mock/index.js";
import { Clock, JULY_1 } from "../helpers/commet.js";
import { clientApi, FlowError, routeCommetTo, sdkApi, type FlowApi } from "../helpers/commet-flow-apis.js";
import { PLAN_IDS } from "../helpers/commet-lifecycle.js";

const API_KEY = "ck_sandbox_after_activation";

/** The refusal a call gets, as both clients report it. */
async function refusal(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(FlowError);
  return `${(error as FlowError).status} ${(error as FlowError).code}`;
}

const setups: [string, (mockUrl: string) => FlowApi][] = [
  ["specwright's public client", (mockUrl) => clientApi(mockUrl, API_KEY)],
  [
    "the official @commet/node 7.10.0 SDK",
    (mockUrl) => {
      vi.stubGlobal("fetch", routeCommetTo(mockUrl));
      return sdkApi(API_KEY);
    },
  ],
];

afterEach(() => {
  vi.unstubAllGlobals();
});

describe.each(setups)("Commet after activation, with %s", (_name, connect) => {
  it("extends a feature with a metered add-on, bills its overage on a prorated plan change, and revokes it when the canceled period ends", async () => {
    const clock = new Clock(JULY_1);
    const mock = await startMock("commet", { now: clock.now });
    try {
      const commet = connect(mock.url);

      // 1. A usage feature and a metered add-on on it: 1000 messages a period, 3 cents each beyond.
      await commet.createFeature({ name: "SMS messages", code: "sms_messages", type: "usage", unitName: "messages" });
      const addon = await commet.createAddon({
        name: "SMS channel",
        basePrice: 1500,
        featureId: "sms_messages",
        consumptionModel: "metered",
        includedUnits: 1000,
        overageRate: 3,
      });
      expect(addon).toMatchObject({ slug: "sms-channel", featureCode: "sms_messages", includedUnits: 1000, overageRate: 3 });

      // 2. A customer, subscribed to pro (metered, $49 a month) on July 1.
      const customer = await commet.createCustomer({ email: "ada@example.com", externalId: "user_123" });
      const pro = await commet.subscribe({ customerId: "user_123", planCode: "pro" });
      expect(pro).toMatchObject({
        customerId: customer.id,
        status: "active",
        currentPeriod: { start: "2026-07-01T00:00:00.000Z", end: "2026-08-01T00:00:00.000Z" },
      });

      // Before activation the feature is not the customer's: no access, no usage.
      expect(await commet.access("user_123", "sms_messages")).toMatchObject({ allowed: false, reason: "feature_not_in_plan" });
      expect(await refusal(commet.track("user_123", "sms_messages", 1))).toBe("400 feature_not_in_plan");

      // 3. Activated on July 12, 20 of 31 days left: round(1500 × 20 / 31) = 968 cents now.
      clock.set(new Date("2026-07-12T00:00:00Z"));
      expect(await commet.activate(pro.id, addon.id)).toMatchObject({ addonId: addon.id, status: "active", proratedCharge: 968 });

      // 4. Feature access shows the extension, then 1200 messages go past its 1000 included units.
      expect((await commet.listAccess("user_123")).map((feature) => feature.code)).toEqual(["api_calls", "projects", "sms_messages"]);
      expect(await commet.access("user_123", "sms_messages")).toMatchObject({ allowed: true, type: "usage", current: 0, included: 1000, remaining: 1000 });
      await commet.track("user_123", "sms_messages", 700);
      await commet.track("user_123", "sms_messages", 500);
      expect(await commet.access("user_123", "sms_messages", true)).toMatchObject({
        allowed: true,
        current: 1200,
        included: 1000,
        remaining: 0,
        overageQuantity: 200,
        overageUnitPrice: 3,
        overageEnabled: true,
        willBeCharged: true,
      });
      expect((await commet.getSubscription(pro.id)).features).toContainEqual({
        code: "sms_messages",
        name: "SMS messages",
        type: "usage",
        usage: { current: 1200, included: 1000, overageQuantity: 200, overageUnitPrice: 3 },
      });

      // 5. On July 17 (15 of 31 days left), preview and make the move to yearly billing: immediate and prorated.
      clock.set(new Date("2026-07-17T00:00:00Z"));
      expect(await refusal(commet.preview(pro.id, PLAN_IDS.free))).toBe("400 plan_change_scheduled");
      expect(await commet.preview(pro.id, PLAN_IDS.pro, "yearly")).toMatchObject({
        currentPlanCredit: 2371, // round(4900 × 15 / 31)
        newPlanCharge: 49000,
        estimatedTotal: 46629,
        daysRemaining: 15,
        totalDays: 31,
        isUpgrade: true,
      });
      const changed = await commet.changePlan(pro.id, { newBillingInterval: "yearly" });
      expect(changed).toMatchObject({
        scheduled: false,
        currentPlan: { id: PLAN_IDS.pro, price: 49000 },
        billingInterval: "yearly",
        // The 200 messages of overage (3 cents each) are billed on the same invoice.
        billing: { credit: 2371, charge: 49600, netAmount: 47229, totalCharged: 47229 },
      });
      const yearly = await commet.getSubscription(pro.id);
      expect(yearly).toMatchObject({ billingInterval: "yearly", currentPeriod: { start: "2026-07-17T00:00:00.000Z", end: "2027-07-17T00:00:00.000Z" } });
      // The metered add-on fits the (still metered) plan and carries on; the new cycle counts from none.
      expect((await commet.activeAddons("user_123")).map((active) => active.featureCode)).toEqual(["sms_messages"]);
      expect(await commet.access("user_123", "sms_messages")).toMatchObject({ allowed: true, current: 0, included: 1000 });

      // 6. Cancel at the period's end: access and the add-on last until July 17, 2027.
      clock.set(new Date("2026-07-20T00:00:00Z"));
      expect(await commet.cancel(pro.id, { reason: "Moving on" })).toMatchObject({
        status: "active",
        cancelReason: "Moving on",
        scheduledCancellationDate: "2027-07-17T00:00:00.000Z",
      });
      clock.set(new Date("2027-07-16T23:59:59Z"));
      expect((await commet.access("user_123", "sms_messages")).allowed).toBe(true);
      await commet.track("user_123", "sms_messages", 10);

      // 7. Revoked when the period ends, not a second before.
      clock.set(new Date("2027-07-17T00:00:00Z"));
      expect(await commet.access("user_123", "sms_messages")).toMatchObject({ allowed: false, reason: "no_active_subscription" });
      expect(await commet.listAccess("user_123")).toEqual([]);
      expect(await commet.activeAddons("user_123")).toEqual([]);
      expect(await refusal(commet.track("user_123", "sms_messages", 1))).toBe("404 no_active_subscription");
      expect(await commet.getSubscription(pro.id)).toMatchObject({ status: "canceled", currentPeriod: null, endDate: "2027-07-17T00:00:00.000Z" });
    } finally {
      await mock.close();
    }
  });
});
