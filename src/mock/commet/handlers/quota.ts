/**
 * Quota: a customer's durable count of a quota feature (projects kept, say), read against what the
 * plan and its active add-ons include, and added to, removed from or set. The count belongs to the
 * customer and does not reset with the period; it cannot go below 0 (400 insufficient_balance).
 */
import type { components, operations } from "../../../../generated/commet/schema.js";
import { MockError } from "../../mock-error.js";
import type { HandlerGroup, MockContext } from "../../types.js";
import { billedQuantity, entitlements, remaining, type Entitlement } from "../entitlements.js";
import { accessSubscriptionOf, featureByCode, requireAccessSubscription, requireEntitlement } from "../entitled.js";
import { newId } from "../ids.js";
import { findCustomer } from "../lookup.js";
import type { CommetState, CustomerRecord } from "../state.js";
import { ok } from "../views.js";
import { customerStateChanged } from "../webhooks/customer-state.js";

type Schemas = components["schemas"];
type Context = MockContext<CommetState>;

const key = (customer: CustomerRecord, code: string) => `${customer.id}/${code}`;

function toUsageQuota(state: CommetState, customer: CustomerRecord, entry: Entitlement): Schemas["UsageQuota"] {
  return {
    featureCode: entry.feature.code,
    current: entry.current,
    included: entry.included,
    remaining: remaining(entry),
    billedQuantity: billedQuantity(entry),
    unlimited: entry.unlimited,
    overageEnabled: entry.overageEnabled,
    asOf: state.quotas.get(key(customer, entry.feature.code))?.updatedAt ?? null,
    object: "usage_quota",
    livemode: state.livemode,
  };
}

/** The body's customer: `customerId` (the Commet ID or the caller's own ID) or `externalId`, as the request names it. */
function bodyCustomer(state: CommetState, input: { customerId?: string; externalId?: string }): CustomerRecord {
  if (input.customerId !== undefined) {
    const customer = state.customers.get(input.customerId) ?? [...state.customers.values()].find((candidate) => candidate.ownId === input.customerId);
    if (customer) return customer;
    throw new MockError(404, "customer_not_found", `No customer ${JSON.stringify(input.customerId)}.`, { param: "customerId" });
  }
  const customer = [...state.customers.values()].find((candidate) => candidate.externalId === input.externalId);
  if (customer) return customer;
  throw new MockError(404, "customer_not_found", `No customer with the external ID ${JSON.stringify(input.externalId)}.`, { param: "externalId" });
}

/** The customer's entitlement to a quota feature, with the documented refusals. */
function quotaEntry(state: CommetState, customer: CustomerRecord, code: string): Entitlement {
  const feature = featureByCode(state, code, "featureCode");
  const subscription = requireAccessSubscription(state, customer, "customerId");
  const entry = requireEntitlement(state, subscription, feature, "featureCode");
  // The spec: a feature that is not a quota feature of the subscription is not in its plan, as a quota.
  if (entry.model !== "quota")
    throw new MockError(400, "feature_not_in_plan", `Feature "${feature.code}" is a ${feature.type} feature, not a quota feature of the customer's plan.`, {
      param: "featureCode",
    });
  return entry;
}

function getQuota({ state, query }: Context) {
  const customer = findCustomer(state, query.customerId as string, "customerId");
  return ok(toUsageQuota(state, customer, quotaEntry(state, customer, query.featureCode as string)));
}

function getAllQuota({ state, query }: Context) {
  const customer = findCustomer(state, query.customerId as string, "customerId");
  const subscription = accessSubscriptionOf(state, customer);
  const quotas = subscription ? entitlements(state, subscription).filter((entry) => entry.model === "quota") : [];
  return ok(quotas.map((entry) => toUsageQuota(state, customer, entry)));
}

/** Moves the customer's count to `next(previous)`; the change is answered as a quota event. */
function changeQuota({ state, body, now, emit }: Context, next: (previous: number, count: number | undefined) => number) {
  const input = body as Schemas["QuotaChangeRequest"];
  const customer = bodyCustomer(state, input);
  const entry = quotaEntry(state, customer, input.featureCode);
  const previousBalance = entry.current;
  const newBalance = next(previousBalance, input.count);
  if (newBalance < 0) {
    throw new MockError(
      400,
      "insufficient_balance",
      `The quota of ${entry.feature.code} is ${previousBalance}; removing ${previousBalance - newBalance} would take it below 0.`,
      { param: "count" },
    );
  }
  const at = now.toISOString();
  state.quotas.set(key(customer, entry.feature.code), { customerId: customer.id, featureCode: entry.feature.code, balance: newBalance, updatedAt: at });
  // Going past the included units changes what the customer can do: customer.state_changed says so.
  if (!entry.unlimited && previousBalance <= entry.included && newBalance > entry.included) emit(customerStateChanged(state, customer, "quota_exceeded"));
  const event: Schemas["UsageQuotaEvent"] = {
    id: newId("qev"),
    customerId: customer.id,
    featureCode: entry.feature.code,
    previousBalance,
    newBalance,
    ts: at,
    createdAt: at,
    object: "usage_quota",
    livemode: state.livemode,
  };
  return ok(event);
}

const addQuota = (context: Context) => changeQuota(context, (previous, count = 1) => previous + count);
const removeQuota = (context: Context) => changeQuota(context, (previous, count = 1) => previous - count);
const setQuota = (context: Context) => changeQuota(context, (_previous, count) => count!);

export const quotaHandlers = { getQuota, getAllQuota, addQuota, removeQuota, setQuota } satisfies HandlerGroup<operations, CommetState>;
