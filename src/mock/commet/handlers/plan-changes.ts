/**
 * Plan changes: preview the proration of an immediate change, and change plan or interval. When a
 * change takes effect and what it costs is plan-change.ts; applying it is lifecycle.ts. An immediate
 * change charges the card on file (or is refused, changing nothing); a scheduled one waits for the
 * period's end; a free-to-paid one waits for its hosted checkout (paid through the mock's pay control
 * route). In a trial nothing has been paid and nothing is charged: an upgrade switches the plan for the
 * rest of the trial, and billing starts at the new price when the trial ends.
 */
import type { components, operations } from "../../../../generated/commet/schema.js";
import { MockError } from "../../mock-error.js";
import type { HandlerGroup, MockContext } from "../../types.js";
import { meteredOverageCharge } from "../entitlements.js";
import { newInvoice } from "../billing.js";
import { newId } from "../ids.js";
import { switchPlan, switchPlanInTrial } from "../lifecycle.js";
import { findSubscription, liveFeatures, planOf } from "../lookup.js";
import { chargeCard } from "../payment-method.js";
import { changeTiming, quoteChange, type ChangeQuote, type PlanChoice } from "../plan-change.js";
import type { PlanDefinition, PlanInterval } from "../plans.js";
import type { CommetState, SubscriptionRecord } from "../state.js";
import { ok } from "../views.js";
import { customerStateChanged } from "../webhooks/customer-state.js";

type Schemas = components["schemas"];
type Context = MockContext<CommetState>;

function choice(state: CommetState, plan: PlanDefinition, interval: PlanInterval): PlanChoice {
  return { plan, interval, price: plan.prices[interval]!, sortOrder: state.plans.indexOf(plan) };
}

/** Only an active or trialing subscription changes plan, and not while its cancellation is scheduled. */
function changeable(state: CommetState, id: string): SubscriptionRecord {
  const subscription = findSubscription(state, id);
  if (subscription.status !== "active" && subscription.status !== "trialing") {
    throw new MockError(409, "subscription_not_active", `The subscription is ${subscription.status}; only an active or trialing one can change plan.`, {
      param: "id",
    });
  }
  if (subscription.cancelAtPeriodEnd) {
    throw new MockError(
      409,
      "already_scheduled",
      `The subscription is scheduled to cancel on ${subscription.cancellation!.effectiveAt}; uncancel it before changing its plan.`,
      { param: "id" },
    );
  }
  return subscription;
}

/**
 * The plan and interval asked for. Without an interval, the current one; when the new plan has no
 * price for it, the new plan's default interval (x-assumed). An interval the plan is not priced for is
 * 409 no_prices_configured, as on create.
 */
function targetOf(
  state: CommetState,
  subscription: SubscriptionRecord,
  planId: string | undefined,
  interval: string | undefined,
  params: [string, string],
): PlanChoice {
  const plan = planId === undefined ? planOf(state, subscription) : state.plans.find((candidate) => candidate.id === planId);
  if (!plan) throw new MockError(404, "plan_not_found", `No plan ${JSON.stringify(planId)} in the subscription's plan group.`, { param: params[0] });
  const wanted = (interval ?? (plan.prices[subscription.interval] !== undefined ? subscription.interval : plan.defaultInterval)) as PlanInterval;
  if (plan.prices[wanted] === undefined) {
    throw new MockError(409, "no_prices_configured", `The ${plan.name} plan has no ${wanted} price (it is priced ${Object.keys(plan.prices).join(", ")}).`, {
      param: params[1],
    });
  }
  return choice(state, plan, wanted);
}

/** The cost of changing now; nothing in a trial. */
function quote(state: CommetState, subscription: SubscriptionRecord, to: PlanChoice, now: Date): ChangeQuote {
  const period = subscription.period!;
  const trial = subscription.status === "trialing";
  const priced = quoteChange({
    oldPrice: trial ? 0 : subscription.basePrice,
    period,
    now,
    to,
    seats: subscription.seats,
    usageCharge: trial ? 0 : meteredOverageCharge(state, subscription),
  });
  return trial ? { ...priced, planCharge: 0 } : priced;
}

function previewPlanChange({ state, params, body, now }: Context) {
  const subscription = changeable(state, params.id!);
  const input = body as Schemas["PreviewChangeRequest"];
  const from = choice(state, planOf(state, subscription), subscription.interval);
  const to = targetOf(state, subscription, input.planId, input.billingInterval, ["planId", "billingInterval"]);
  const timing = changeTiming(from, to);
  if (timing.kind === "none") throw new MockError(400, "no_change_requested", "The subscription is already on this plan and interval.", { param: "planId" });
  if (timing.kind === "scheduled") {
    throw new MockError(
      400,
      "plan_change_scheduled",
      `This change takes effect at the end of the period (${subscription.period!.end.toISOString()}) and is not prorated; apply it with Change plan.`,
      { param: "planId" },
    );
  }
  // A free plan paid nothing: its credit is 0.
  const { credit, planCharge, daysRemaining, totalDays } = quote(state, subscription, to, now);
  const preview: Schemas["PreviewChange"] = {
    currency: "usd",
    currentPlanCredit: credit,
    newPlanCharge: planCharge,
    estimatedTotal: Math.max(0, planCharge - credit),
    effectiveDate: now.toISOString(),
    daysRemaining,
    totalDays,
    isUpgrade: true,
    object: "subscription",
    livemode: state.livemode,
  };
  return ok(preview);
}

function changePlan({ state, params, body, now, emit }: Context) {
  const subscription = changeable(state, params.id!);
  const input = body as { newPlanId?: string; newBillingInterval?: PlanInterval; successUrl?: string };
  const previous = planOf(state, subscription);
  const from = choice(state, previous, subscription.interval);
  const to = targetOf(state, subscription, input.newPlanId, input.newBillingInterval, ["newPlanId", "newBillingInterval"]);
  const timing = changeTiming(from, to);
  const customer = state.customers.get(subscription.customerId)!;
  const base = { id: subscription.id, customerId: customer.id, object: "subscription" as const, livemode: state.livemode };
  if (timing.kind === "none") throw new MockError(400, "no_change_requested", "The subscription is already on this plan and interval.", { param: "newPlanId" });

  if (timing.kind === "scheduled") {
    if (subscription.scheduledChange)
      throw new MockError(409, "already_scheduled", "A plan change is already scheduled for the end of this period.", { param: "id" });
    const scheduledFor = subscription.period!.end;
    subscription.scheduledChange = { changeType: timing.changeType, planCode: to.plan.code, interval: to.interval, scheduledFor };
    subscription.updatedAt = now.toISOString();
    const change: Schemas["PlanChange"] = {
      ...base,
      scheduled: true,
      scheduledFor: scheduledFor.toISOString(),
      changeType: `subscription.${timing.changeType}`,
      newPlanId: to.plan.id,
      newPlanName: to.plan.name,
      newBillingInterval: to.interval,
      ...seatLimitWarning(state, subscription, to.plan, scheduledFor),
    };
    return ok(change);
  }

  if (timing.kind === "checkout") {
    const checkoutUrl = `https://commet.co/checkout/${newId("chk")}`;
    subscription.pendingChange = { planCode: to.plan.code, interval: to.interval, checkoutUrl, invoice: newInvoice(state, to.price) };
    Object.assign(subscription, { checkoutUrl, updatedAt: now.toISOString() });
    return ok({ requiresCheckout: true, checkoutUrl, object: "subscription", livemode: state.livemode } satisfies Schemas["PlanChange"]);
  }

  const { credit, planCharge, usageCharge } = quote(state, subscription, to, now);
  const charge = planCharge + usageCharge;
  const netAmount = Math.max(0, charge - credit);
  chargeCard(customer.metadata, netAmount, "The charge for the plan change was declined; nothing changed.");
  const invoice = newInvoice(state, netAmount);
  if (subscription.status === "trialing") switchPlanInTrial(state, subscription, to.plan, to.interval, now);
  else switchPlan(state, subscription, to.plan, to.interval, now);
  emit(customerStateChanged(state, customer, "plan_change"));
  const change: Schemas["PlanChange"] = {
    ...base,
    scheduled: false,
    previousPlan: { id: previous.id, name: previous.name },
    currentPlan: { id: to.plan.id, name: to.plan.name, price: to.price },
    billingInterval: to.interval,
    billing: { credit, creditsApplied: 0, charge, taxAmount: 0, netAmount, totalCharged: netAmount, remainingCreditBalance: 0 },
    invoiceId: invoice.id,
  };
  return ok(change);
}

/** A downgrade to a plan that includes fewer seats than the customer holds says so (the first such feature). */
function seatLimitWarning(
  state: CommetState,
  subscription: SubscriptionRecord,
  plan: PlanDefinition,
  effective: Date,
): Pick<Schemas["PlanChange"], "seatLimitWarning"> {
  for (const included of plan.features) {
    const held = subscription.seats[included.code];
    if (held === undefined || included.included === undefined || held <= included.included) continue;
    // A plan's features are in the catalogue for good (they cannot be deleted).
    const feature = liveFeatures(state).find((candidate) => candidate.code === included.code)!;
    return {
      seatLimitWarning: {
        featureCode: feature.code,
        featureName: feature.name,
        currentSeats: held,
        included: included.included,
        newPlanName: plan.name,
        effectiveDate: effective.toISOString(),
      },
    };
  }
  return {};
}

export const planChangeHandlers = { previewPlanChange, changePlan } satisfies HandlerGroup<operations, CommetState>;
