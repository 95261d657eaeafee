/**
 * The reliability policy: the options every client factory takes and the ones a single request may
 * take, their defaults and bounds, validated in one place so that all three vendors refuse bad values
 * alike. The transport applies what this module resolves; it decides nothing about the values itself.
 */
import type { HeadersOptions } from "openapi-fetch";
import { ConfigurationError } from "./errors/configuration-error.js";
import { optionalBoolean } from "./options.js";
import { DEFAULT_RETRY_POLICY, resolveRetryPolicy, type RetryOption, type RetryPolicy } from "./retry/policy.js";

/** The per-attempt timeout when the caller sets none. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/** setTimeout's ceiling; a longer timeout would fire at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * The most decoded bytes a 2xx body may have when the caller sets no limit: far above any page these
 * APIs return, far below what would hurt the process (each body is held in memory whole).
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** Error bodies beyond this are cut: enough for any vendor message, bounded against a runaway proxy page. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

export interface ReliabilityOptions {
  /** Retries by policy: a number of retries (default 2), or a partial `RetryPolicy`. `0` disables them. */
  retries?: RetryOption;
  /** Per-attempt timeout in milliseconds (default 60 000). */
  timeoutMs?: number;
  /** The most decoded bytes a 2xx body may have (default 32 MiB); past it, `ResponseTooLargeError`. */
  maxResponseBytes?: number;
  /** Throw typed errors (`ApiError` and subclasses) instead of returning `{ error }`. Default false. */
  throwOnError?: boolean;
  /** Allow a plain `http://` base URL to a host that is not loopback. Default false. */
  allowInsecureHttp?: boolean;
}

/**
 * What a single call takes besides its route's `params` and `body`, and nothing else: the typed
 * client refuses any other key (`timout`), so a typo cannot be ignored silently. The transport reads
 * the first three (openapi-fetch copies them onto the Request); openapi-fetch itself reads the rest.
 */
export interface RequestPolicyOptions {
  /** Retries for this request only: a number, or a partial `RetryPolicy`. */
  retries?: RetryOption;
  /** The per-attempt timeout for this request only, in milliseconds. */
  timeoutMs?: number;
  /** The most decoded bytes this request's 2xx body may have. */
  maxResponseBytes?: number;
  /** Ends the call, even during a backoff sleep, with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Extra headers for this request. An idempotency key goes here or in the operation's own header
   * parameter (Commet's `Idempotency-Key`); the client keeps it on every retry.
   */
  headers?: HeadersOptions;
}

/** What the transport applies to one request: the retry policy and the bounds of each attempt. */
export interface RequestPolicy {
  retry: RetryPolicy;
  timeoutMs: number;
  /** The most decoded bytes a 2xx body may have. */
  maxResponseBytes: number;
}

export interface ClientPolicy extends RequestPolicy {
  throwOnError: boolean;
  allowInsecureHttp: boolean;
}

export function clientPolicy(factory: string, options: ReliabilityOptions): ClientPolicy {
  return {
    retry: resolveRetryPolicy(options.retries, DEFAULT_RETRY_POLICY, factory),
    timeoutMs: validateTimeout(options.timeoutMs, factory) ?? DEFAULT_TIMEOUT_MS,
    maxResponseBytes: validateMaxResponseBytes(options.maxResponseBytes, factory) ?? DEFAULT_MAX_RESPONSE_BYTES,
    throwOnError: optionalBoolean(factory, "throwOnError", options.throwOnError) ?? false,
    allowInsecureHttp: optionalBoolean(factory, "allowInsecureHttp", options.allowInsecureHttp) ?? false,
  };
}

/**
 * One request's policy: its own options (read off the Request, where openapi-fetch copied them) over
 * its client's. A request without any gets the client's policy object itself, nothing allocated.
 */
export function requestPolicy(
  options: { retries?: unknown; timeoutMs?: unknown; maxResponseBytes?: unknown },
  client: RequestPolicy,
  factory: string,
): RequestPolicy {
  if (options.retries === undefined && options.timeoutMs === undefined && options.maxResponseBytes === undefined) return client;
  const where = `${factory} (per-request options)`;
  return {
    retry: options.retries === undefined ? client.retry : resolveRetryPolicy(options.retries, client.retry, where),
    timeoutMs: validateTimeout(options.timeoutMs, where) ?? client.timeoutMs,
    maxResponseBytes: validateMaxResponseBytes(options.maxResponseBytes, where) ?? client.maxResponseBytes,
  };
}

export function validateTimeout(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > MAX_TIMEOUT_MS) {
    throw new ConfigurationError("timeoutMs", `${where}: option "timeoutMs" must be a number of milliseconds from 1 to ${MAX_TIMEOUT_MS}.`);
  }
  return value;
}

export function validateMaxResponseBytes(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new ConfigurationError("maxResponseBytes", `${where}: option "maxResponseBytes" must be a positive whole number of bytes.`);
  }
  return value;
}
