/**
 * The mock's payment-method convention. The API has no operation to attach a card, so a customer's
 * `metadata.mock_payment_method` says what is on file, in the spirit of Stripe's test cards:
 * `"card"` (also when absent: every customer starts with a working card), `"card_declined"` (a card
 * whose charges are declined) or `"none"`. It is read whenever something is charged, so updating the
 * customer's metadata changes the card of their existing subscriptions too.
 */
import { MockError } from "../mock-error.js";

export const PAYMENT_METHOD_KEY = "mock_payment_method";

export const PAYMENT_METHODS = ["card", "card_declined", "none"] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/** What is on file for a customer with this metadata. */
export function paymentMethodOf(metadata: Record<string, unknown> | null): PaymentMethod {
  const value = metadata?.[PAYMENT_METHOD_KEY];
  return PAYMENT_METHODS.includes(value as PaymentMethod) ? (value as PaymentMethod) : "card";
}

/** Refuses a misspelt value, which would otherwise silently mean a working card. */
export function checkPaymentMethod(metadata: Record<string, unknown> | undefined): void {
  const value = metadata?.[PAYMENT_METHOD_KEY];
  if (value === undefined || PAYMENT_METHODS.includes(value as PaymentMethod)) return;
  const field = `metadata.${PAYMENT_METHOD_KEY}`;
  const message = `must be one of ${PAYMENT_METHODS.map((method) => JSON.stringify(method)).join(", ")} (the mock's payment-method convention)`;
  throw new MockError(400, "validation_error", `${field} ${message}.`, { param: field, details: [{ field, message }] });
}

/**
 * Charges `total` cents to what is on file, or refuses as Commet does, changing nothing: no payment
 * method is 409 no_payment_method, a declined card 402 charge_failed. Nothing to pay always succeeds.
 * `details` goes with the refusal (reactivation sends a recovery link there).
 */
export function chargeCard(metadata: Record<string, unknown> | null, total: number, declined: string, details?: unknown): void {
  const method = paymentMethodOf(metadata);
  if (total <= 0 || method === "card") return;
  const extra = details === undefined ? {} : { details };
  if (method === "none") throw new MockError(409, "no_payment_method", "The subscription has no payment method to charge.", { param: "id", ...extra });
  throw new MockError(402, "charge_failed", declined, extra);
}
