/**
 * What the transport remembers about each response it returned, so that `unwrap()` can turn an
 * openapi-fetch result into the right typed error without the caller naming the vendor.
 */
import type { VendorProfile } from "./vendor.js";

export interface ExchangeInfo {
  vendor: VendorProfile;
  /** `METHOD /path`, never the query string (it may carry identifiers worth keeping out of logs). */
  request: string;
  /** The server's `Retry-After`, when the final response had one. */
  retryAfterMs?: number | undefined;
}

/** What is recorded per response: the request as sent, described only when an error needs it. */
interface Recorded extends Omit<ExchangeInfo, "request"> {
  method: string;
  url: string;
}

const exchanges = new WeakMap<Response, Recorded>();

export function recordExchange(response: Response, info: Recorded): void {
  exchanges.set(response, info);
}

export function exchangeOf(response: Response): ExchangeInfo | undefined {
  const recorded = exchanges.get(response);
  if (!recorded) return undefined;
  return { vendor: recorded.vendor, request: describeRequest(recorded.method, recorded.url), retryAfterMs: recorded.retryAfterMs };
}

export function describeRequest(method: string, url: string): string {
  return targetOf(method, url).request;
}

/**
 * A request as the errors that got no response name it (NetworkError, TimeoutError, RedirectError,
 * ResponseTooLargeError): the host and port say which server did not answer. Never the query string
 * (it may carry a token) nor a user name or password (a URL's origin has none).
 */
export interface RequestTarget {
  /** Upper case, e.g. "GET". */
  method: string;
  /** `METHOD /path`, as ApiError's `request`. */
  request: string;
  /** Origin and path, e.g. `http://127.0.0.1:4010/api/v1/features`. */
  url: string;
}

export function targetOf(method: string, url: string): RequestTarget {
  const parsed = new URL(url);
  const upper = method.toUpperCase();
  return { method: upper, request: `${upper} ${parsed.pathname}`, url: `${parsed.origin}${parsed.pathname}` };
}
