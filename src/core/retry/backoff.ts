/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): a
 * uniform pick between 0 and min(cap, base × 2^retry), so that many clients failing together do not
 * come back together.
 */
import type { RetryPolicy } from "./policy.js";

export function backoffDelay(retry: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">, random: () => number = Math.random): number {
  const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random() * bound);
}
