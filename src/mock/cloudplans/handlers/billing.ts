/**
 * The Billing operations: the organization's subscription and invoices, and the four actions of
 * `POST /v1/organizations/billing/update` (create, change payment method, update, cancel).
 */
import type { operations } from "../../../../generated/cloudplans/schema.js";
import type { HandlerGroup, MockContext, MockReply } from "../../types.js";
import { inOrganization, type OrgAccess, type OrgHandler } from "../access.js";
import { startCheckout } from "../control.js";
import { cloudplansErrors } from "../errors.js";
import { resourcesInUse } from "../limits.js";
import type { CloudPlansState, OrganizationRecord, SubscriptionRecord } from "../state.js";
import { ok, toBillingSubscription, toInvoice } from "../views.js";

type Context = MockContext<CloudPlansState>;
type BillingAction = operations["billingUpdate"]["parameters"]["query"]["action"];

function describeBilling(_: Context, { organization }: OrgAccess): MockReply {
  const { id, name, owner } = organization;
  return ok({
    response: { organization: { resources: resourcesInUse(organization), name, id, owner }, subscription: toBillingSubscription(organization.subscription) },
  });
}

function listBillingHistory(_: Context, { organization }: OrgAccess): MockReply {
  return ok({ billing_history: organization.invoices.map((invoice) => toInvoice(organization, invoice)) });
}

function activeSubscription(organization: OrganizationRecord, toDo: string): SubscriptionRecord {
  if (!organization.subscription) throw cloudplansErrors.conflict(`${organization.id} has no active subscription to ${toDo}.`);
  return organization.subscription;
}

const bodyField = (body: unknown, field: string): unknown => (body !== null && typeof body === "object" ? (body as Record<string, unknown>)[field] : undefined);

/** The body schema is a oneOf that cannot see the action: a body with a quantity passes for these two actions too. */
function refuseQuantity(body: unknown, action: BillingAction): void {
  if (bodyField(body, "quantity") !== undefined) throw cloudplansErrors.invalid("quantity", `is not part of ${action}`);
}

const ACTIONS: Record<BillingAction, OrgHandler> = {
  // (#5, #34) org_id and quantity in the query, no body: a body (the contract tool sends the example's) is ignored.
  getpaymentlink({ state, query, headers, controlPath, now }, { organization }) {
    if (query.quantity === undefined) throw cloudplansErrors.invalid("quantity", "is required for getpaymentlink (in the query)");
    // Nothing changes until the link is paid.
    return ok({ response: startCheckout(state, organization, query.quantity as number, { host: headers.host, controlPath }, now) });
  },
  getupdatecardlink({ body }, { organization }) {
    refuseQuantity(body, "getupdatecardlink");
    activeSubscription(organization, "change the payment method of");
    return ok({ response: `https://billing.stripe.com/p/session/test_${organization.id}` });
  },
  updatesubscription({ body }, { organization }) {
    const quantity = bodyField(body, "quantity");
    if (quantity === undefined) throw cloudplansErrors.invalid("quantity", "is required for updatesubscription");
    const subscription = activeSubscription(organization, "update");
    const inUse = resourcesInUse(organization);
    // "If your organization exceeds the resource limits of the new subscription plan, the update operation will be declined."
    if ((quantity as number) < inUse) {
      throw cloudplansErrors.conflict(`Declined: ${organization.id} uses ${inUse} resources, more than ${String(quantity)}; remove resources first.`);
    }
    subscription.quantity = quantity as number;
    return ok();
  },
  cancelsubscription({ body }, { organization }) {
    refuseQuantity(body, "cancelsubscription");
    activeSubscription(organization, "cancel");
    // The docs keep the resources (skipped) for a month, then remove them; the mock keeps them and
    // does not model the month: the organization is simply back on the free tier.
    organization.subscription = null;
    return ok();
  },
};

function billingUpdate(context: Context, access: OrgAccess): MockReply {
  // The query was validated against the action enum, so this is one of the four.
  return ACTIONS[context.query.action as BillingAction](context, access);
}

export const billingHandlers = {
  describeBilling: inOrganization("describeBilling", describeBilling),
  listBillingHistory: inOrganization("listBillingHistory", listBillingHistory),
  billingUpdate: inOrganization("billingUpdate", billingUpdate),
} satisfies HandlerGroup<operations, CloudPlansState>;
