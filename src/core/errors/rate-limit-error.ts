/**
 * An `ApiError` for 429, returned once the retry policy has given up, or at once when the server asks
 * to wait longer than the policy allows. `retryAfterMs` is the server's `Retry-After`, if it sent one.
 */
import { ApiError, type ApiErrorDetails } from "./api-error.js";

export class RateLimitError extends ApiError {
  override name = "RateLimitError";
  readonly retryAfterMs: number | undefined;

  constructor(details: ApiErrorDetails & { retryAfterMs?: number | undefined }) {
    super(details);
    this.retryAfterMs = details.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}
