/**
 * `MockServerOptions.webhooks`: where a mock delivers its events, how it retries, and the check that
 * refuses a bad option at start (naming it, never echoing the secret), with the defaults in one place.
 */
import { ConfigurationError } from "../../core/errors/configuration-error.js";
import type { VendorWebhooks } from "../types.js";

export interface WebhookOptions {
  /** The receiver: an absolute http or https URL. Each event is POSTed to it. */
  url: string;
  /** The signing secret in the vendor's form (Commet: `whsec_…`); never printed or recorded. */
  secret: string;
  /** Only these events are sent (default: all the mock emits); an unknown name is refused. */
  events?: readonly string[];
  /**
   * The wait before each retry, in ms: an event gets `1 + retryDelaysMs.length` attempts. Default
   * `DEFAULT_RETRY_DELAYS_MS`.
   */
  retryDelaysMs?: readonly number[];
  /** How long an attempt may take until the receiver's status line arrives; default `DEFAULT_TIMEOUT_MS`. */
  timeoutMs?: number;
}

/**
 * Commet's documented schedule (1 min, 5 min, 15 min, 30 min, 1 h, 2 h, 4 h: 8 attempts over about
 * 8 hours) compressed 600×, so that a test or a demo sees the whole schedule in under a minute.
 */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = Object.freeze([100, 500, 1_500, 3_000, 6_000, 12_000, 24_000]);

/** Commet's documented timeout: an endpoint that has not answered within 10 seconds failed. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** setTimeout's largest delay; a longer one fires at once. */
const MAX_DELAY_MS = 2 ** 31 - 1;
const MAX_RETRIES = 100;
const OPTION_NAMES = new Set(["url", "secret", "events", "retryDelaysMs", "timeoutMs"]);

export interface ResolvedWebhookOptions {
  url: URL;
  secret: string;
  /** Undefined: every event. */
  events: ReadonlySet<string> | undefined;
  retryDelaysMs: readonly number[];
  timeoutMs: number;
}

/** Checks `options` against what `profile` sends; throws a ConfigurationError naming the option. */
export function resolveWebhookOptions(api: string, options: unknown, profile: VendorWebhooks | undefined): ResolvedWebhookOptions {
  const refuse = (option: string, problem: string) => new ConfigurationError(option, `startMock: ${option} ${problem}`);
  if (!profile) throw refuse("webhooks", `is not supported by the ${api} mock: it sends no webhooks.`);
  if (options === null || typeof options !== "object" || Array.isArray(options))
    throw refuse("webhooks", "must be an object { url, secret, events?, retryDelaysMs?, timeoutMs? }.");
  const given = options as Record<string, unknown>;
  const unknown = Object.keys(given).filter((name) => !OPTION_NAMES.has(name));
  if (unknown.length > 0)
    throw refuse(
      "webhooks",
      `has no option ${unknown.map((name) => JSON.stringify(name.slice(0, 40))).join(", ")}; expected url, secret, events, retryDelaysMs, timeoutMs.`,
    );

  // The URL is not echoed either: it may carry credentials.
  const url = typeof given.url === "string" && isWebhookUrl(given.url) ? new URL(given.url) : undefined;
  if (!url) throw refuse("webhooks.url", "must be an absolute http or https URL, e.g. http://127.0.0.1:3000/webhooks.");
  if (typeof given.secret !== "string" || !profile.secretPattern.test(given.secret))
    throw refuse("webhooks.secret", `must be a signing secret of the form ${profile.secretForm} (the value given is not shown).`);
  return {
    url,
    secret: given.secret,
    events: given.events === undefined ? undefined : eventFilter(given.events, profile, refuse),
    retryDelaysMs: given.retryDelaysMs === undefined ? DEFAULT_RETRY_DELAYS_MS : retryDelays(given.retryDelaysMs, refuse),
    timeoutMs:
      given.timeoutMs === undefined
        ? DEFAULT_TIMEOUT_MS
        : milliseconds(given.timeoutMs, 1, refuse("webhooks.timeoutMs", `must be an integer number of milliseconds from 1 to ${MAX_DELAY_MS}.`)),
  };
}

/** Whether `text` is an absolute http or https URL, as `webhooks.url` must be. */
export function isWebhookUrl(text: string): boolean {
  return URL.canParse(text) && ["http:", "https:"].includes(new URL(text).protocol);
}

type Refuse = (option: string, problem: string) => ConfigurationError;

function eventFilter(value: unknown, profile: VendorWebhooks, refuse: Refuse): ReadonlySet<string> {
  const known = new Set(profile.events);
  if (!Array.isArray(value) || value.length === 0 || !value.every((name) => typeof name === "string")) {
    throw refuse("webhooks.events", `must be a non-empty list of event names (${profile.events.join(", ")}).`);
  }
  const unknown = value.filter((name: string) => !known.has(name));
  if (unknown.length > 0) {
    const named = unknown.slice(0, 5).map((name: string) => JSON.stringify(name.slice(0, 60)));
    throw refuse(
      "webhooks.events",
      `names unknown events ${named.join(", ")}${unknown.length > 5 ? ", …" : ""}; expected some of ${profile.events.join(", ")}.`,
    );
  }
  return new Set(value as string[]);
}

function retryDelays(value: unknown, refuse: Refuse): readonly number[] {
  const problem = refuse("webhooks.retryDelaysMs", `must be a list of at most ${MAX_RETRIES} integer delays in milliseconds, each from 0 to ${MAX_DELAY_MS}.`);
  if (!Array.isArray(value) || value.length > MAX_RETRIES) throw problem;
  return Object.freeze(value.map((delay: unknown) => milliseconds(delay, 0, problem)));
}

function milliseconds(value: unknown, min: number, problem: ConfigurationError): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > MAX_DELAY_MS) throw problem;
  return value;
}
