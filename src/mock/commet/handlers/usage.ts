/**
 * Usage of usage features: track an event (counted in the subscription's current period, against the
 * included units of the plan and its active add-ons, or taken from the credit pool), check a prospective
 * use without tracking it, and set the period's count to an exact value.
 */
import type { components, operations } from "../../../../generated/commet/schema.js";
import { MockError } from "../../mock-error.js";
import type { HandlerGroup, MockContext } from "../../types.js";
import { canConsume, type Entitlement } from "../entitlements.js";
import { featureByCode, requireAccessSubscription, requireEntitlement, requireType } from "../entitled.js";
import { newId } from "../ids.js";
import { findCustomer } from "../lookup.js";
import type { CommetState, SubscriptionRecord } from "../state.js";
import { ok } from "../views.js";
import { customerStateChanged } from "../webhooks/customer-state.js";
import { MOCK_ORGANIZATION_ID } from "../webhooks/profile.js";

type Schemas = components["schemas"];
type Context = MockContext<CommetState>;

/** What a usage request names: the customer's subscription and its entitlement to a usage feature. */
function usageTarget(state: CommetState, customerId: string, code: string, featureParam: string): { subscription: SubscriptionRecord; entry: Entitlement } {
  const customer = findCustomer(state, customerId, "customerId");
  const feature = featureByCode(state, code, featureParam);
  const subscription = requireAccessSubscription(state, customer, "customerId");
  const entry = requireEntitlement(state, subscription, feature, featureParam);
  requireType(entry, ["usage"], featureParam, "usage is counted for usage features (seats and quota have their own operations)");
  return { subscription, entry };
}

/** Takes `units` of use: counted this period, and their credits taken from the pool on a credits plan. */
function consume(subscription: SubscriptionRecord, entry: Entitlement, units: number): void {
  subscription.usage[entry.feature.code] = (subscription.usage[entry.feature.code] ?? 0) + units;
  if (entry.model === "credits") subscription.creditsUsed += units * entry.creditsPerUnit;
}

const LIMIT_MESSAGES = {
  included_limit_reached: (entry: Entitlement, units: number) =>
    `Usage of ${units} would exceed the included units of ${entry.feature.code} (${entry.current} of ${entry.included} used) and overage is not allowed.`,
  insufficient_credits: (entry: Entitlement, units: number) =>
    `Usage of ${units} ${entry.feature.code} needs ${units * entry.creditsPerUnit} credits; ${entry.creditsRemaining} are left.`,
  no_active_subscription: () => "The customer has no active, trialing or past_due subscription.",
};

function trackUsage({ state, body, now, emit }: Context) {
  const input = body as Schemas["TrackUsageRequest"];
  const { subscription, entry } = usageTarget(state, input.customerId, input.feature, "feature");
  const customer = state.customers.get(subscription.customerId)!;
  const dedupe = input.idempotencyKey === undefined ? undefined : `${customer.id}/${input.idempotencyKey}`;
  if (dedupe !== undefined && state.usageKeys.has(dedupe)) {
    throw new MockError(
      409,
      "duplicate",
      `A usage event with the idempotencyKey ${JSON.stringify(input.idempotencyKey)} was already tracked (${state.usageKeys.get(dedupe)}).`,
      { param: "idempotencyKey" },
    );
  }
  // A token event counts its input and output tokens (x-assumed in the spec).
  const units = input.model !== undefined ? (input.inputTokens ?? 0) + (input.outputTokens ?? 0) : (input.value ?? 1);
  const verdict = canConsume(entry, units);
  if (!verdict.allowed) throw new MockError(400, verdict.reason!, LIMIT_MESSAGES[verdict.reason!](entry, units), { param: "feature" });
  const poolBefore = entry.creditsRemaining;
  consume(subscription, entry, units);
  const id = newId("evt");
  const at = now.toISOString();
  if (dedupe !== undefined) state.usageKeys.set(dedupe, id);
  if (entry.model === "credits" && poolBefore > 0 && poolBefore - units * entry.creditsPerUnit <= 0)
    emit(customerStateChanged(state, customer, "credits_depleted"));
  const event: Schemas["UsageEvent"] = {
    id,
    object: "usage_event",
    livemode: state.livemode,
    organizationId: MOCK_ORGANIZATION_ID,
    customerId: customer.id,
    feature: entry.feature.code,
    ...(input.idempotencyKey !== undefined ? { idempotencyKey: input.idempotencyKey } : {}),
    ts: input.timestamp ?? at,
    properties: (input.properties ?? []).map(({ property, value }) => ({ id: newId("uep"), usageEventId: id, property, value, createdAt: at })),
    createdAt: at,
  };
  return ok(event);
}

function checkUsage({ state, body }: Context) {
  const input = body as Schemas["CheckUsageRequest"];
  const { entry } = usageTarget(state, input.customerId, input.featureCode, "featureCode");
  const verdict = canConsume(entry, input.quantity);
  const base = { allowed: verdict.allowed, feature: entry.feature.code, quantity: input.quantity };
  const denial =
    verdict.reason === undefined
      ? {}
      : { reason: verdict.reason as Schemas["UsageCheckResult"]["reason"], message: LIMIT_MESSAGES[verdict.reason](entry, input.quantity) };
  if (entry.model === "credits") {
    // The credits left this period are the plan's; the mock sells no credit packs.
    return ok({
      ...base,
      consumptionModel: "credits",
      creditsPerUnit: entry.creditsPerUnit,
      estimatedCredits: input.quantity * entry.creditsPerUnit,
      planCredits: entry.creditsRemaining,
      purchasedCredits: 0,
      totalCredits: entry.creditsRemaining,
      ...denial,
    } satisfies Schemas["UsageCheckResult"]);
  }
  // A free plan has no consumption model; its usage is checked as metered (x-assumed in the spec).
  return ok({
    ...base,
    consumptionModel: "metered",
    current: entry.current,
    remaining: Math.max(0, entry.included - entry.current),
    unlimited: entry.unlimited,
    included: entry.included,
    overageEnabled: entry.overageEnabled,
    overageUnitPrice: entry.overageUnitPrice,
    ...denial,
  } satisfies Schemas["UsageCheckResult"]);
}

/** An exact count for the period: a correction, so no limit applies; only metered features have a count to set. */
function setUsage({ state, body, now }: Context) {
  const input = body as Schemas["SetUsageRequest"];
  const { subscription, entry } = usageTarget(state, input.customerId, input.feature, "feature");
  if (entry.model !== "metered") {
    const message = `is counted in credits on this plan; only a metered feature's usage can be set`;
    throw new MockError(400, "validation_error", `feature ${message}.`, { param: "feature", details: [{ field: "feature", message }] });
  }
  const previousValue = entry.current;
  subscription.usage[entry.feature.code] = input.value;
  const at = now.toISOString();
  const adjustment: Schemas["UsageAdjustment"] = {
    id: newId("evt"),
    feature: entry.feature.code,
    value: input.value,
    previousValue,
    adjustment: input.value - previousValue,
    customerId: subscription.customerId,
    idempotencyKey: input.idempotencyKey ?? null,
    reason: input.reason ?? null,
    ts: at,
    createdAt: at,
    object: "usage_event",
    livemode: state.livemode,
  };
  return ok(adjustment);
}

export const usageHandlers = { trackUsage, checkUsage, setUsage } satisfies HandlerGroup<operations, CommetState>;
