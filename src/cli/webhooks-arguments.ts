/**
 * The command line of `specwright webhooks trigger|check`, checked before anything is sent: every
 * mistake is a `UsageError` (exit 2) naming the option, and the signing secret is never echoed.
 */
import type { ParseArgsConfig } from "node:util";
import { COMMET_WEBHOOK_EVENT_NAMES, type CommetWebhookEventName } from "../commet/webhooks.js";
import { SECRET_PATTERN } from "../mock/commet/webhooks/envelope.js";
import { UsageError } from "./usage-error.js";

/** The variable Commet's docs put the signing secret in (`commet listen` prints it for `.env`). */
export const SECRET_VARIABLE = "COMMET_WEBHOOK_SECRET";

/** What `check` sends without `--event`: the event of the docs' envelope example. */
export const DEFAULT_CHECK_EVENT: CommetWebhookEventName = "subscription.activated";

export const WEBHOOKS_ACTIONS = ["trigger", "check"] as const;

export interface WebhooksCommand {
  command: "webhooks";
  action: (typeof WEBHOOKS_ACTIONS)[number];
  event: CommetWebhookEventName;
  /** The receiver's endpoint. */
  to: URL;
  /** The endpoint's signing secret (`whsec_…`): never printed, only `maskSecret(secret)`. */
  secret: string;
}

export const WEBHOOKS_OPTIONS = {
  to: { type: "string" },
  secret: { type: "string" },
  event: { type: "string" },
  help: { type: "boolean", short: "h" },
} satisfies ParseArgsConfig["options"];

/** What `parseArgs` makes of WEBHOOKS_OPTIONS (arguments.ts runs it, as for the other commands). */
export interface ParsedWebhooksArgs {
  values: { to?: string; secret?: string; event?: string; help?: boolean };
  positionals: string[];
}

export function webhooksCommand({ values, positionals }: ParsedWebhooksArgs, env: NodeJS.ProcessEnv = process.env): WebhooksCommand {
  const [action, ...rest] = positionals;
  if (action !== "trigger" && action !== "check") {
    throw new UsageError(
      `webhooks: name an action: \`specwright webhooks trigger <event> --to URL\` or \`specwright webhooks check --to URL\`${action === undefined ? "" : `, not ${quote(action)}`}.`,
    );
  }
  let eventName: string;
  if (action === "trigger") {
    if (values.event !== undefined)
      throw new UsageError("webhooks trigger: the event is named without --event: `specwright webhooks trigger <event> --to URL`.");
    if (rest.length !== 1)
      throw new UsageError(
        `webhooks trigger: name one event, e.g. \`specwright webhooks trigger ${DEFAULT_CHECK_EVENT} --to URL\`; one of ${COMMET_WEBHOOK_EVENT_NAMES.join(", ")}.`,
      );
    eventName = rest[0]!;
  } else {
    if (rest.length > 0) throw new UsageError("webhooks check: takes no event name; choose the event with --event.");
    eventName = values.event ?? DEFAULT_CHECK_EVENT;
  }
  return {
    command: "webhooks",
    action,
    event: eventOf(action, eventName),
    to: receiverUrl(action, values.to),
    secret: signingSecret(action, values.secret, env),
  };
}

function eventOf(action: string, name: string): CommetWebhookEventName {
  const event = COMMET_WEBHOOK_EVENT_NAMES.find((known) => known === name);
  if (!event) throw new UsageError(`webhooks ${action}: unknown event ${quote(name)}: expected one of ${COMMET_WEBHOOK_EVENT_NAMES.join(", ")}.`);
  return event;
}

/** The URL is not echoed back: its query or user info may hold a token. */
function receiverUrl(action: string, text: string | undefined): URL {
  if (text === undefined)
    throw new UsageError(`webhooks ${action}: --to is required: the receiver's endpoint, e.g. --to http://localhost:3000/api/webhooks/commet.`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`webhooks ${action}: --to is not an absolute URL (e.g. http://localhost:3000/api/webhooks/commet).`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(
      `webhooks ${action}: --to must be http or https, not ${url.protocol.replace(/:$/, "")} (e.g. http://localhost:3000/api/webhooks/commet).`,
    );
  if (url.username || url.password)
    throw new UsageError(`webhooks ${action}: --to must not carry credentials: Commet's deliveries carry none, only the signature.`);
  return url;
}

/** --secret, else the docs' variable. A bad value is refused without being shown, wherever it came from. */
function signingSecret(action: string, option: string | undefined, env: NodeJS.ProcessEnv): string {
  const [secret, source] = option !== undefined ? [option, "--secret"] : [env[SECRET_VARIABLE], SECRET_VARIABLE];
  if (secret === undefined || secret === "")
    throw new UsageError(`webhooks ${action}: --secret is required (or set ${SECRET_VARIABLE}): the endpoint's signing secret, whsec_….`);
  if (!SECRET_PATTERN.test(secret))
    throw new UsageError(
      `webhooks ${action}: ${source} is not a Commet signing secret: expected whsec_ followed by letters, digits or _+/=- (the value is not shown).`,
    );
  return secret;
}

/** A value from the command line as it may be echoed: anything that looks like a secret is not. */
function quote(text: string): string {
  return text.startsWith("whsec_") ? "(a value that looks like a signing secret, not shown)" : JSON.stringify(text);
}
