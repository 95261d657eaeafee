/**
 * Plan changes as Commet's knowledge base describes them: when a change takes effect (at once, at
 * renewal, or after a hosted checkout) and what an immediate one costs, in integer cents on the mock's
 * clock. Pure: the handlers and the pay control route apply the result.
 *
 * Timing (documented): free to paid is never scheduled and goes through checkout; paid to free is
 * always scheduled; otherwise a longer interval is immediate and a shorter one scheduled, and with the
 * interval unchanged a plan higher in the group's sortOrder is immediate, a lower one scheduled.
 *
 * Cost of an immediate change (documented): the new plan's full price, less a credit for the unused
 * days of the old plan's base price, and the cycle restarts on the day of the change. Extra seats
 * already paid are not credited; extra seats on the new plan are billed for the whole new period.
 * Metered usage consumed since the period started is charged on the same invoice.
 */
import { daysInPeriod, daysRemaining, proratedCharge } from "./billing.js";
import { INTERVAL_ORDER, type PlanDefinition, type PlanInterval } from "./plans.js";

export interface PlanChoice {
  plan: PlanDefinition;
  interval: PlanInterval;
  /** The plan's price for the interval, in cents. */
  price: number;
  /** The plan's position in its group (the catalogue's order). */
  sortOrder: number;
}

export type ChangeTiming =
  | { kind: "none" }
  | { kind: "checkout" }
  | { kind: "immediate" }
  | { kind: "scheduled"; changeType: "plan_downgrade" | "interval_change" };

export function changeTiming(from: PlanChoice, to: PlanChoice): ChangeTiming {
  if (from.plan.code === to.plan.code && from.interval === to.interval) return { kind: "none" };
  const fromFree = from.price === 0;
  const toFree = to.price === 0;
  if (fromFree && !toFree) return { kind: "checkout" };
  // Between two free plans nothing is prorated (a zero-amount change).
  if (fromFree && toFree) return { kind: "immediate" };
  if (toFree) return { kind: "scheduled", changeType: "plan_downgrade" };
  const direction = INTERVAL_ORDER.indexOf(to.interval) - INTERVAL_ORDER.indexOf(from.interval);
  if (direction > 0) return { kind: "immediate" };
  if (direction < 0) return { kind: "scheduled", changeType: "interval_change" };
  return to.sortOrder > from.sortOrder ? { kind: "immediate" } : { kind: "scheduled", changeType: "plan_downgrade" };
}

export interface ChangeQuote {
  /** The unused days of the old plan's base price (round half up), what the customer gets back. */
  credit: number;
  /** The new plan's full price, and its extra seats for the whole new period. */
  planCharge: number;
  /** The metered overage of the period that ends with the change, billed on the same invoice. */
  usageCharge: number;
  daysRemaining: number;
  totalDays: number;
}

/** Extra seats the new plan bills: seats held beyond each of its seat features' included ones, at its overage price. */
export function extraSeatsCharge(plan: PlanDefinition, seats: Record<string, number>): number {
  return plan.features.reduce((sum, feature) => {
    const held = seats[feature.code];
    if (held === undefined || feature.overageUnitPrice === undefined) return sum;
    return sum + Math.max(0, held - (feature.included ?? 0)) * feature.overageUnitPrice;
  }, 0);
}

export interface QuoteInput {
  /** What the customer paid for the current period's base; 0 in a trial, where nothing was paid. */
  oldPrice: number;
  period: { start: Date; end: Date };
  now: Date;
  to: PlanChoice;
  seats: Record<string, number>;
  usageCharge: number;
}

export function quoteChange({ oldPrice, period, now, to, seats, usageCharge }: QuoteInput): ChangeQuote {
  return {
    credit: proratedCharge(oldPrice, period, now),
    planCharge: to.price + extraSeatsCharge(to.plan, seats),
    usageCharge,
    daysRemaining: daysRemaining(period, now),
    totalDays: daysInPeriod(period),
  };
}
