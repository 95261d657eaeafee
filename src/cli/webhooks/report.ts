/** What `specwright webhooks` prints: never a response body, never the secret (only `maskSecret`). */
import { maskSecret } from "../../mock/commet/webhooks/envelope.js";
import { displayUrl } from "../loopback.js";
import { meets, type CheckResult } from "./checks.js";
import type { Delivery } from "./delivery.js";
import type { Outcome } from "./post.js";

/** The receiver's status and time, or why there is none. */
export function describeOutcome(outcome: Outcome | undefined): string {
  if (outcome === undefined) return "not sent";
  if ("error" in outcome) return `${outcome.error} after ${outcome.ms} ms`;
  const redirect = outcome.status >= 300 && outcome.status < 400 ? " (a redirect: not followed)" : "";
  return `${outcome.status}${redirect} in ${outcome.ms} ms`;
}

/** `trigger`'s one line: the event, its id and the answer. */
export function triggerLine(delivery: Delivery, outcome: Outcome): string {
  const retried = "status" in outcome && !meets("2xx", outcome) ? " (not 2xx: Commet would retry it)" : "";
  return `${delivery.event} ${delivery.id}: ${describeOutcome(outcome)}${retried}\n`;
}

const REDELIVERY_NOTE = `(b) shows only that the receiver acknowledges a redelivery; whether it acted on the event twice
    cannot be seen from outside. Deduplicate on the event id (X-Commet-Event-Id).`;

export function checkReport(url: URL, event: string, secret: string, results: readonly CheckResult[]): string {
  const rows = [
    ["check", "expected", "got", "result"],
    ...results.map(({ check, outcome, passed }) => [`${check.label} ${check.name}`, check.expected, describeOutcome(outcome), passed ? "pass" : "FAIL"]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const table = rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join("  ")
      .trimEnd(),
  );
  const failed = results.filter(({ passed }) => !passed);
  const unreachable = results.some(({ outcome }) => outcome === undefined);
  return [
    `webhooks check: ${event} deliveries to ${displayUrl(url)}, signed with ${maskSecret(secret)}`,
    ...table,
    "",
    // A hint is about the answer; a check that got none failed for the reason in its row.
    ...failed.filter(({ outcome }) => outcome !== undefined && "status" in outcome).map(({ check }) => `${check.label} failed: ${check.hint}.`),
    ...(unreachable ? ["The receiver is unreachable: the remaining checks were not sent."] : []),
    ...(results.find(({ check }) => check.label === "(b)")?.passed ? [REDELIVERY_NOTE] : []),
    `${results.length - failed.length} passed, ${failed.length} failed`,
    "",
  ].join("\n");
}
