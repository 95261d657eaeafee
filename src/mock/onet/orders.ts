/** Orders as OnetSolutions bills them: paid with the organization's credit first, the rest due on an invoice. */
import { randomUUID } from "node:crypto";
import { onetErrors } from "./errors.js";
import { splitPayment } from "./money.js";
import type { OnetState, OrderRecord, OrganizationRecord } from "./state.js";

const INVOICE_URL = "https://billing.onetsolutions.net/viewinvoice.php?id=";

/**
 * Creates an order paid with credit first. What credit does not cover stays due on an unpaid invoice,
 * which needs a saved payment method: without one the order is refused and nothing changes. Every
 * hosting order is invoiced (its response always carries an invoice); an add-on order only when it
 * costs something.
 */
export function placeOrder(state: OnetState, organization: OrganizationRecord, totalCents: number, now: Date, item: OrderRecord["item"]): OrderRecord {
  const split = splitPayment(totalCents, organization.creditCents);
  if (split.amountDueCents > 0 && organization.paymentMethod === null) {
    throw onetErrors.rule("Your credit does not cover this order and no payment method is saved for this organization.");
  }
  organization.creditCents -= split.creditAppliedCents;
  const legacyOrderId = state.next.order++;
  const invoiceId = totalCents > 0 || item.kind === "hosting" ? state.next.invoice++ : null;
  const order: OrderRecord = {
    id: randomUUID(),
    legacyOrderId,
    orderNumber: String(8_316_500_000 + legacyOrderId),
    invoiceId,
    organizationId: organization.profile.id,
    ...split,
    status: split.amountDueCents === 0 ? "paid" : "unpaid",
    invoicePaymentUrl: split.amountDueCents > 0 && invoiceId !== null ? `${INVOICE_URL}${invoiceId}` : null,
    createdAt: now.toISOString(),
    item,
  };
  state.orders.push(order);
  return order;
}
