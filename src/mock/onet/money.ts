/**
 * Money in integer cents, so that no amount ever carries float error: prices are parsed from their
 * decimal strings, orders are split into credit and amount due in cents, and amounts are written back
 * as the two-decimal strings the API documents (`^-?\d{0,8}(?:\.\d{0,2})?$`).
 */

/** The largest amount a DRF DecimalField(max_digits=10, decimal_places=2) holds: 8 integer digits. */
const MAX_CENTS = 99_999_999_99;

/** "4.99" to 499. Prices in the catalogue have at most two decimals; anything else is a seed bug. */
export function toCents(amount: string): number {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(amount);
  if (!match) throw new Error(`not a two-decimal amount: ${JSON.stringify(amount)}`);
  const cents = Number(match[2]) * 100 + Number((match[3] ?? "").padEnd(2, "0"));
  return match[1] === "-" ? -cents : cents;
}

/** 499 to "4.99", always two decimals (DRF quantises DecimalField output). */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents) || Math.abs(cents) > MAX_CENTS) throw new Error(`amount out of range: ${cents} cents`);
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** 1798 to 17.98, for the web-hosting order, whose amounts are JSON numbers. */
export function centsToNumber(cents: number): number {
  return Number(formatCents(cents));
}

export interface Split {
  totalCents: number;
  creditAppliedCents: number;
  amountDueCents: number;
}

/** Credit first: as much of the total as the credit covers; the rest is due. */
export function splitPayment(totalCents: number, creditCents: number): Split {
  const creditAppliedCents = Math.min(totalCents, Math.max(0, creditCents));
  return { totalCents, creditAppliedCents, amountDueCents: totalCents - creditAppliedCents };
}
