/**
 * The mock's stand-in for Stripe's checkout page: Create subscription (`getpaymentlink`) hands out a
 * link to the control route `<controlUrl>/cloudplans/checkout/<session>`, and opening it (GET) or
 * submitting it (POST) pays, which starts the subscription. The docs: the subscription starts after
 * payment through Stripe, never when the link is created.
 */
import type { ControlHandler, MockReply } from "../types.js";
import { MockError } from "../mock-error.js";
import { cloudplansErrors } from "./errors.js";
import { CLOUDPLANS_TENANT } from "./seed.js";
import type { CheckoutSessionRecord, CloudPlansState, OrganizationRecord } from "./state.js";
import { formatCents, isoDate, newId, ok, toBillingSubscription } from "./views.js";

export const CHECKOUT_ROUTE = "checkout";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What a paid checkout gives: a monthly subscription paid by a card that expires 12/2030, and a paid
 * invoice at 5.99 per unit (the seed's 10 units for 59.90; the real pricing table is stepped and not
 * documented), due 14 days after its date like the seed's.
 */
export const CHECKOUT = { plan: "monthly", paymentExp: "12/2030", unitPriceCents: 599, dueAfterDays: 14 } as const;

/**
 * A new session, and the link that pays it: on the host the caller reached the mock by, under the
 * control path with the server's token (`MockContext.controlPath`).
 */
export function startCheckout(
  state: CloudPlansState,
  organization: OrganizationRecord,
  quantity: number,
  link: { host: string | undefined; controlPath: string },
  now: Date,
): string {
  let id = newId("cs_test_");
  while (state.checkouts.has(id)) id = newId("cs_test_");
  state.checkouts.set(id, { id, orgId: organization.id, quantity, createdAt: now.toISOString(), paidAt: null });
  return `http://${link.host ?? "127.0.0.1"}${link.controlPath}/cloudplans/${CHECKOUT_ROUTE}/${id}`;
}

function pay(session: CheckoutSessionRecord, organization: OrganizationRecord, now: Date): MockReply {
  // Creates the subscription, or replaces the one there is.
  organization.subscription = { plan: CHECKOUT.plan, quantity: session.quantity, paymentExp: CHECKOUT.paymentExp };
  const invoice = {
    id: newId("inv-"),
    status: "paid" as const,
    date: isoDate(now),
    dueDate: isoDate(new Date(now.getTime() + CHECKOUT.dueAfterDays * DAY_MS)),
    amount: formatCents(session.quantity * CHECKOUT.unitPriceCents),
  };
  organization.invoices.push(invoice);
  session.paidAt = now.toISOString();
  return ok({
    response: { session: session.id, org_id: organization.id, subscription: toBillingSubscription(organization.subscription), invoice: invoice.id },
  });
}

const payCheckout: ControlHandler<CloudPlansState> = ({ method, segments, state, now }) => {
  if (method !== "GET" && method !== "POST") throw new MockError(405, "method_not_allowed", "Open the checkout link (GET) or submit it (POST).");
  const [sessionId = "", ...rest] = segments;
  // Sessions live in the state the API created them in; no API call since the last reset means none.
  const world = state(CLOUDPLANS_TENANT);
  const session = rest.length === 0 ? world?.checkouts.get(sessionId) : undefined;
  const organization = session && world?.organizations.get(session.orgId);
  if (!session || !organization) throw cloudplansErrors.notFound(`No checkout session ${sessionId}.`);
  if (session.paidAt !== null) throw cloudplansErrors.conflict(`Checkout session ${session.id} was already paid.`);
  return pay(session, organization, now);
};

export const cloudplansControl: Record<string, ControlHandler<CloudPlansState>> = { [CHECKOUT_ROUTE]: payCheckout };
