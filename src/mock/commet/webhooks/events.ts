/**
 * The Commet mock's webhook events, built from its state as a change left it, in the spec's payload
 * shapes (the 2026-07-11 `data` of each event). Every event is about one customer, and its object key
 * is that customer's (`customer/cus_…`): a customer's events arrive in the order they happened
 * (customer.created before its subscription.created, an add-on's activation before its deactivation),
 * while different customers' events may overtake each other.
 */
import type { components } from "../../../../generated/commet/schema.js";
import type { CommetWebhookEventName } from "../../../commet/webhooks.js";
import type { EmittedEvent } from "../../types.js";
import { planOf } from "../lookup.js";
import type { AddonRecord, CommetState, CustomerRecord, InvoiceRecord, SubscriptionRecord } from "../state.js";
import { toCustomer } from "../views.js";

type Schemas = components["schemas"];

/** The mock's prices are in US cents. */
const CURRENCY = "usd";

/**
 * Who charges a card in the mock: its payment-method convention follows Stripe's test cards
 * (payment-method.ts), so a paid activation names stripe; one without a charge names none.
 */
const PROVIDER = "stripe";

/** Webhooks name a customer by the caller's external ID when it has one, otherwise by the Commet ID (as documented). */
export function webhookCustomerId(customer: CustomerRecord): string {
  return customer.externalId ?? customer.id;
}

/** An event about `customer` (see the object key above). */
export function about(event: CommetWebhookEventName, customer: CustomerRecord, data: object): EmittedEvent {
  return { event, objectKey: `customer/${customer.id}`, data: data as Record<string, unknown> };
}

/** The customer a subscription's event is about, and the two fields every such event starts with. */
function subscriptionRef(state: CommetState, subscription: SubscriptionRecord) {
  const customer = state.customers.get(subscription.customerId)!;
  return { customer, ref: { subscriptionId: subscription.id, customerId: webhookCustomerId(customer) } };
}

/** What checkout.ready and subscription.activated say of the first invoice. */
const invoiceFields = (invoice: InvoiceRecord) => ({
  invoiceId: invoice.id,
  invoiceNumber: invoice.number,
  invoiceTotal: invoice.total,
  invoiceCurrency: CURRENCY,
});

/** The ten documented fields of the customer, as the REST API shows them (not its `object` and `livemode`). */
function webhookCustomer(state: CommetState, customer: CustomerRecord): Schemas["WebhookCustomer"] {
  const { id, externalId, fullName, email, taxDocument, documentType, timezone, metadata, createdAt, updatedAt } = toCustomer(state, customer);
  return { id, externalId, fullName, email, taxDocument: taxDocument ?? null, documentType: documentType ?? null, timezone, metadata, createdAt, updatedAt };
}

export const customerCreated = (state: CommetState, customer: CustomerRecord) => about("customer.created", customer, webhookCustomer(state, customer));

export const customerUpdated = (state: CommetState, customer: CustomerRecord) => about("customer.updated", customer, webhookCustomer(state, customer));

export function subscriptionCreated(state: CommetState, subscription: SubscriptionRecord): EmittedEvent {
  const { customer, ref } = subscriptionRef(state, subscription);
  const plan = planOf(state, subscription);
  const data: Schemas["SubscriptionCreatedData"] = {
    ...ref,
    planId: plan.id,
    planName: plan.name,
    status: subscription.status,
    startDate: subscription.startDate,
    name: subscription.name,
  };
  return about("subscription.created", customer, data);
}

/** The first invoice paid (by the card on file or at checkout): the subscription is active now. */
export function subscriptionActivated(state: CommetState, subscription: SubscriptionRecord, invoice: InvoiceRecord): EmittedEvent {
  const { customer, ref } = subscriptionRef(state, subscription);
  const { period } = subscription;
  const data: Schemas["SubscriptionActivatedData"] = {
    ...ref,
    status: subscription.status,
    ...(period ? { currentPeriodStart: period.start.toISOString(), currentPeriodEnd: period.end.toISOString() } : {}),
    name: subscription.name,
    ...invoiceFields(invoice),
    provider: invoice.total > 0 ? PROVIDER : null,
  };
  return about("subscription.activated", customer, data);
}

export function subscriptionCanceled(state: CommetState, subscription: SubscriptionRecord): EmittedEvent {
  const { customer, ref } = subscriptionRef(state, subscription);
  const { cancellation, endDate } = subscription;
  const data: Schemas["SubscriptionCanceledData"] = {
    ...ref,
    status: "canceled",
    ...(cancellation ? { canceledAt: cancellation.scheduledAt } : {}),
    cancelReason: cancellation?.reason ?? null,
    ...(endDate ? { endDate } : {}),
  };
  return about("subscription.canceled", customer, data);
}

/** The checkout link of a subscription waiting for its first payment, with the invoice it collects. */
export function checkoutReady(state: CommetState, subscription: SubscriptionRecord & { checkoutUrl: string }, invoice: InvoiceRecord): EmittedEvent {
  const { customer, ref } = subscriptionRef(state, subscription);
  const data: Schemas["CheckoutReadyData"] = { ...ref, ...invoiceFields(invoice), checkoutUrl: subscription.checkoutUrl };
  return about("checkout.ready", customer, data);
}

function addonRef(state: CommetState, subscription: SubscriptionRecord, addon: AddonRecord) {
  const { customer, ref } = subscriptionRef(state, subscription);
  const feature = state.features.get(addon.featureId)!;
  return { customer, data: { ...ref, addon: { id: addon.id, name: addon.name }, featureCode: feature.code } };
}

/** `chargeCents` is what Activate add-on answered as `proratedCharge`; the event gives it in rate scale (10000 = $1.00). */
export function addonActivated(state: CommetState, subscription: SubscriptionRecord, addon: AddonRecord, chargeCents: number): EmittedEvent {
  const { customer, data } = addonRef(state, subscription, addon);
  const activated: Schemas["AddonActivatedData"] = { ...data, proratedPrice: chargeCents * 100, currency: CURRENCY };
  return about("addon.activated", customer, activated);
}

export function addonDeactivated(state: CommetState, subscription: SubscriptionRecord, addon: AddonRecord): EmittedEvent {
  const { customer, data } = addonRef(state, subscription, addon);
  const deactivated: Schemas["AddonDeactivatedData"] = data;
  return about("addon.deactivated", customer, deactivated);
}
