/**
 * Everything the client keeps about a response its transport returned, in one place: who answered
 * and to what (so that `unwrap()` can build the right typed error without the caller naming the
 * vendor), the server's Retry-After and the client's redactor. Keyed weakly by the Response: a
 * record lives exactly as long as the response it describes.
 */
import { noRedaction, type Redactor } from "./redact.js";
import type { VendorProfile } from "./vendor.js";

export interface ExchangeInfo {
  vendor: VendorProfile;
  /** `METHOD /path`, never the query string (it may carry identifiers worth keeping out of logs). */
  request: string;
  /** The server's `Retry-After`, when the final response had one. */
  retryAfterMs?: number | undefined;
}

/** What is recorded per response: the request as sent, described only when an error needs it. */
export interface Exchange extends Omit<ExchangeInfo, "request"> {
  method: string;
  url: string;
  /** The redactor of the client that received the response: `unwrap()` has only the result to go by. */
  redact: Redactor;
}

const exchanges = new WeakMap<Response, Exchange>();

export function recordExchange(response: Response, exchange: Exchange): void {
  exchanges.set(response, exchange);
}

export function exchangeOf(response: Response): ExchangeInfo | undefined {
  const recorded = exchanges.get(response);
  if (!recorded) return undefined;
  return { vendor: recorded.vendor, request: describeRequest(recorded.method, recorded.url), retryAfterMs: recorded.retryAfterMs };
}

/** The redactor for errors about `response`; none for a response no specwright client received. */
export function redactorOf(response: Response): Redactor {
  return exchanges.get(response)?.redact ?? noRedaction;
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
