/**
 * `specwright webhooks trigger|check`: sends signed Commet webhook deliveries to a receiver you run,
 * as Commet would, built from the spec's examples (like `stripe trigger`). `trigger` sends one event;
 * `check` sends five deliveries a correct receiver must accept or refuse, and judges each answer.
 */
import type { WebhooksCommand } from "./webhooks-arguments.js";
import { planChecks, meets, runChecks } from "./webhooks/checks.js";
import { signedDelivery } from "./webhooks/delivery.js";
import { exampleEvent } from "./webhooks/example.js";
import { post, type Post } from "./webhooks/post.js";
import { checkReport, triggerLine } from "./webhooks/report.js";

/** Where the report goes and how a delivery is sent; tests pass their own (a shorter timeout, a captured report). */
export interface WebhooksIo {
  write(text: string): void;
  post: Post;
}

const PROCESS_IO: WebhooksIo = { write: (text) => process.stdout.write(text), post };

/** Resolves to the exit code: 0 when every delivery was answered as expected, 1 otherwise. */
export async function runWebhooksCommand(command: WebhooksCommand, io: WebhooksIo = PROCESS_IO): Promise<number> {
  if (command.action === "trigger") {
    const delivery = signedDelivery(exampleEvent(command.event, new Date()), command.secret);
    const outcome = await io.post(command.to, delivery);
    io.write(triggerLine(delivery, outcome));
    return meets("2xx", outcome) ? 0 : 1;
  }
  const results = await runChecks(command.to, planChecks(command.event, command.secret), io.post);
  io.write(checkReport(command.to, command.event, command.secret, results));
  return results.every(({ passed }) => passed) ? 0 : 1;
}
