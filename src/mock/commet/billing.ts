/** Billing periods, prorated charges and invoices, on the mock's clock. */
import { newId } from "./ids.js";
import type { PlanInterval } from "./plans.js";
import type { InvoiceRecord } from "./state.js";

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days left in the period (the documented example counts "20 of 31 days"). */
export function daysRemaining(period: { end: Date }, now: Date): number {
  return Math.max(0, Math.floor((period.end.getTime() - now.getTime()) / DAY_MS));
}

/**
 * round half up of basePrice x whole days remaining / days in the period: the documented
 * $50 x 20/31 = $32.26 of an add-on's activation, and the credit for the unused days of the old plan on
 * an upgrade ($29 x 15/30 = $14.50). No period (nothing is being billed) means nothing to charge.
 */
export function proratedCharge(basePrice: number, period: { start: Date; end: Date } | null, now: Date): number {
  if (!period) return 0;
  const totalDays = daysInPeriod(period);
  if (totalDays <= 0) return 0;
  return Math.floor((basePrice * daysRemaining(period, now)) / totalDays + 0.5);
}

/** Whole days the period lasts (31 for July). */
export function daysInPeriod(period: { start: Date; end: Date }): number {
  return Math.round((period.end.getTime() - period.start.getTime()) / DAY_MS);
}

const MONTHS: Record<Exclude<PlanInterval, "weekly">, number> = { monthly: 1, quarterly: 3, yearly: 12 };

/** The end of a billing period that starts at `start`: calendar months in UTC, clamped to the month's last day. */
export function periodEnd(start: Date, interval: PlanInterval): Date {
  if (interval === "weekly") return new Date(start.getTime() + 7 * DAY_MS);
  const end = new Date(start.getTime());
  const day = end.getUTCDate();
  end.setUTCDate(1);
  end.setUTCMonth(end.getUTCMonth() + MONTHS[interval]);
  const lastDay = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() + 1, 0)).getUTCDate();
  end.setUTCDate(Math.min(day, lastDay));
  return end;
}

/** A new invoice of `total` cents, numbered after the tenant's sequence so that numbers stay unique. */
export function newInvoice(state: { nextSeq: number }, total: number): InvoiceRecord {
  const seq = state.nextSeq++;
  return { id: newId("inv"), number: `INV-${String(seq).padStart(4, "0")}`, total };
}
