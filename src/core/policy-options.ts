/**
 * The reliability options every client factory takes, validated in one place so that all three
 * vendors refuse bad values alike, with their defaults; and the ones a single request may take.
 */
import type { HeadersOptions } from "openapi-fetch";
import { optionalBoolean } from "./options.js";
import { DEFAULT_RETRY_POLICY, resolveRetryPolicy, type RetryOption, type RetryPolicy } from "./retry/policy.js";
import { validateMaxResponseBytes, validateTimeout } from "./transport.js";

/** The per-attempt timeout when the caller sets none. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * The most decoded bytes a 2xx body may have when the caller sets no limit: far above any page these
 * APIs return, far below what would hurt the process (each body is held in memory whole).
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

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

export interface ClientPolicy {
  retry: RetryPolicy;
  timeoutMs: number;
  maxResponseBytes: number;
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
