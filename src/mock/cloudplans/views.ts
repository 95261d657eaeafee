/** State records as the API shows them (the spec's schemas), in the `{status: 200, ...}` envelope. */
import { randomBytes } from "node:crypto";
import type { components } from "../../../generated/cloudplans/schema.js";
import type { MockReply } from "../types.js";
import { FREE_TIER } from "./limits.js";
import type { CredentialRecord, InvoiceRecord, OrganizationRecord, PlanRecord, SubscriptionRecord } from "./state.js";

type Schemas = components["schemas"];

/** Every success body echoes the status beside its payload key(s). */
export const ok = (payload: Record<string, unknown> = {}): MockReply => ({ status: 200, body: { status: 200, ...payload } });

/** A new id: the prefix and 8 hex digits, like `org-1f2e3d4c`. */
export const newId = (prefix: string): string => `${prefix}${randomBytes(4).toString("hex")}`;

/** The docs' timestamps have no milliseconds ("2025-05-14T08:30:00Z"). */
export const isoSeconds = (at: Date): string => at.toISOString().replace(/\.\d{3}Z$/, "Z");

export const isoDate = (at: Date): string => at.toISOString().slice(0, 10);

/** Invoice amounts are decimal strings with two decimals ("59.90"). */
export const formatCents = (cents: number): string => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

/**
 * The docs show no organization without a subscription, and the schema needs all three keys: the free
 * tier is shown as what it is, plan "free" for its 3 resources, with no payment method.
 */
const FREE_SUBSCRIPTION: Schemas["BillingSubscription"] = { payment_exp: "", plan: "free", quantity: String(FREE_TIER.resources) };

export function toBillingSubscription(subscription: SubscriptionRecord | null): Schemas["BillingSubscription"] {
  if (!subscription) return { ...FREE_SUBSCRIPTION };
  // (#3) A string in this response, an integer in the requests.
  return { payment_exp: subscription.paymentExp, plan: subscription.plan, quantity: String(subscription.quantity) };
}

export function toInvoice(organization: OrganizationRecord, invoice: InvoiceRecord): Schemas["BillingHistoryEntry"] {
  return { status: invoice.status, id: invoice.id, organization: organization.id, date: invoice.date, due_date: invoice.dueDate, amount: invoice.amount };
}

export function toCredential(organization: OrganizationRecord, credential: CredentialRecord): Schemas["Credential"] {
  const resources = organization.plans.reduce((count, plan) => count + plan.resources.filter((resource) => resource.credential === credential.id).length, 0);
  return { type: credential.type, id: credential.id, name: credential.name, comments: credential.comments, resources, last_time: credential.lastTime };
}

export function toPlanSummary(plan: PlanRecord): Schemas["PlanSummary"] {
  return { id: plan.id, name: plan.name, schedule: { ...plan.schedule, days: [...plan.schedule.days] }, pauses: [], resources: plan.resources.length };
}

export function toPlanDetail(plan: PlanRecord): Schemas["PlanDetail"] {
  return {
    id: plan.id,
    name: plan.name,
    schedule: { ...plan.schedule, days: [...plan.schedule.days] },
    resources: plan.resources.map((resource) => ({
      id: resource.id,
      resource_name: resource.resourceName,
      type: resource.type,
      status: resource.status,
      credential: resource.credential,
      index: resource.index,
    })),
    dependencies: plan.dependencies,
    state: plan.state,
  };
}
