/**
 * The retry policy as data, with its defaults in one place. A client takes `retries` as a number (how
 * many retries, other settings default) or as a partial policy, at construction and per request.
 */
import { ConfigurationError } from "../errors/configuration-error.js";

export interface RetryPolicy {
  /** Retries after the first attempt; 0 disables retrying. */
  limit: number;
  /** Statuses worth another attempt: the request did not take effect, or may succeed later. */
  statuses: readonly number[];
  /** Methods that may be repeated as they are. POST and PATCH also qualify with a vendor-honoured idempotency key. */
  methods: readonly string[];
  /** The first backoff's upper bound; each further attempt doubles it (full jitter picks 0..bound). */
  baseDelayMs: number;
  /** No computed backoff is longer than this. */
  maxDelayMs: number;
  /** A `Retry-After` up to this long is honoured; a longer one returns the error at once instead of sleeping. */
  maxRetryAfterMs: number;
  /** Whether to retry when no response arrived (connection failed or reset, attempt timed out). */
  retryOnNetworkError: boolean;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  limit: 2,
  statuses: Object.freeze([408, 429, 500, 502, 503, 504]),
  methods: Object.freeze(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]),
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
  retryOnNetworkError: true,
});

export type RetryOption = number | Partial<RetryPolicy>;

const MAX_RETRIES = 20;

/** Merges a `retries` option over `base`; `where` names the option in errors ("retries", or the factory's). */
export function resolveRetryPolicy(option: unknown, base: Readonly<RetryPolicy>, where: string): RetryPolicy {
  if (option === undefined) return { ...base };
  if (typeof option === "number") return { ...base, limit: retryCount(option, where) };
  if (option === null || typeof option !== "object" || Array.isArray(option)) {
    throw new ConfigurationError("retries", `${where}: option "retries" must be a number of retries or a retry policy object.`);
  }
  const given = option as Record<string, unknown>;
  const unknown = Object.keys(given).filter((key) => !(key in DEFAULT_RETRY_POLICY));
  if (unknown.length > 0) {
    throw new ConfigurationError(
      "retries",
      `${where}: option "retries" has unknown field(s) ${unknown.join(", ")}; known: ${Object.keys(DEFAULT_RETRY_POLICY).join(", ")}.`,
    );
  }
  const policy = { ...base };
  if (given.limit !== undefined) policy.limit = retryCount(given.limit, where);
  for (const field of ["baseDelayMs", "maxDelayMs", "maxRetryAfterMs"] as const) {
    if (given[field] !== undefined) policy[field] = duration(given[field], `retries.${field}`, where);
  }
  if (given.statuses !== undefined) policy.statuses = integerList(given.statuses, "retries.statuses", where, (value) => value >= 100 && value <= 599);
  if (given.methods !== undefined) {
    if (!Array.isArray(given.methods) || !given.methods.every((method) => typeof method === "string")) {
      throw new ConfigurationError("retries", `${where}: option "retries.methods" must be an array of HTTP method names.`);
    }
    policy.methods = given.methods.map((method: string) => method.toUpperCase());
  }
  if (given.retryOnNetworkError !== undefined) {
    if (typeof given.retryOnNetworkError !== "boolean")
      throw new ConfigurationError("retries", `${where}: option "retries.retryOnNetworkError" must be a boolean.`);
    policy.retryOnNetworkError = given.retryOnNetworkError;
  }
  return policy;
}

function retryCount(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_RETRIES) {
    throw new ConfigurationError("retries", `${where}: option "retries" must be an integer from 0 to ${MAX_RETRIES}.`);
  }
  return value;
}

function duration(value: unknown, name: string, where: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new ConfigurationError("retries", `${where}: option "${name}" must be a number of milliseconds, 0 or more.`);
  }
  return value;
}

function integerList(value: unknown, name: string, where: string, valid: (value: number) => boolean): number[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "number" && Number.isInteger(item) && valid(item))) {
    throw new ConfigurationError("retries", `${where}: option "${name}" must be an array of HTTP statuses.`);
  }
  return [...value] as number[];
}
