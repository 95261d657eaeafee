/**
 * `specwright webhooks check`: the five deliveries a receiver must answer right, in the order sent,
 * and how each answer is judged. A check is data: its delivery, the class of status it expects, and
 * what to change when a receiver fails it.
 */
import { randomBytes } from "node:crypto";
import type { CommetWebhookEventName } from "../../commet/webhooks.js";
import { signedDelivery, type Delivery } from "./delivery.js";
import { exampleEvent } from "./example.js";
import type { Outcome, Post } from "./post.js";

export type Expected = "2xx" | "4xx";

export interface Check {
  /** Its letter in the report, in the order sent. */
  label: string;
  name: string;
  expected: Expected;
  delivery: Delivery;
  /** What a receiver that fails this check should do instead. */
  hint: string;
}

/**
 * The stale delivery's age. Commet retries a delivery with its original timestamp for about 8 hours
 * (1 m, 5 m, 15 m, 30 m, 1 h, 2 h, 4 h apart), so a receiver's tolerance has to let that much through;
 * nothing genuine is 24 hours old, so a receiver with any sensible tolerance refuses it.
 */
export const STALE_AGE_MS = 24 * 60 * 60 * 1000;

export function planChecks(event: CommetWebhookEventName, secret: string, now: Date = new Date()): Check[] {
  const first = exampleEvent(event, now);
  const valid = signedDelivery(first, secret);
  // Every delivery but the redelivery has a new id: a receiver that skips known ids before verifying would otherwise answer 2xx to all of them.
  const tampered = signedDelivery(
    { ...exampleEvent(event, now), mode: first.mode === "live" ? "sandbox" : "live" },
    secret,
    valid.headers["x-commet-signature"],
  );
  const wrongSignature = signedDelivery(exampleEvent(event, now), `whsec_${randomBytes(24).toString("base64url")}`);
  const stale = signedDelivery(exampleEvent(event, new Date(now.getTime() - STALE_AGE_MS)), secret);
  return [
    {
      label: "(a)",
      name: "valid delivery",
      expected: "2xx",
      delivery: valid,
      hint: "verify X-Commet-Signature over the raw body with this secret and answer 2xx (is it the endpoint's secret?)",
    },
    {
      label: "(b)",
      name: "redelivery, same id and body",
      expected: "2xx",
      delivery: valid,
      hint: "answer 2xx to an event id already handled, without acting again: Commet retries until it gets a 2xx",
    },
    {
      label: "(c)",
      name: "tampered body, (a)'s signature",
      expected: "4xx",
      delivery: tampered,
      hint: "verify the signature over the bytes received, before parsing, and refuse a mismatch with 4xx",
    },
    {
      label: "(d)",
      name: "signed with another secret",
      expected: "4xx",
      delivery: wrongSignature,
      hint: "refuse a signature that is not this secret's with 4xx",
    },
    {
      label: "(e)",
      name: "stale: timestamp 24 h old",
      expected: "4xx",
      delivery: stale,
      hint: "refuse a timestamp older than Commet's retry window (about 8 h) with 4xx, e.g. parseWebhook's toleranceMs",
    },
  ];
}

export interface CheckResult {
  check: Check;
  /** Absent when the check was not sent: an earlier one found the receiver unreachable. */
  outcome?: Outcome;
  passed: boolean;
}

/** Sends the checks one after another (a redelivery must follow its original), stopping at an unreachable receiver. */
export async function runChecks(url: URL, checks: readonly Check[], post: Post): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of checks) {
    if (results.some(({ outcome }) => outcome === undefined || ("unreachable" in outcome && outcome.unreachable))) {
      results.push({ check, passed: false });
      continue;
    }
    const outcome = await post(url, check.delivery);
    results.push({ check, outcome, passed: meets(check.expected, outcome) });
  }
  return results;
}

/** A 3xx meets nothing: redirects are not followed, so the event was not received where it was sent. */
export function meets(expected: Expected, outcome: Outcome): boolean {
  return "status" in outcome && Math.floor(outcome.status / 100) === Number(expected[0]);
}
