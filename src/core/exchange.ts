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

const exchanges = new WeakMap<Response, ExchangeInfo>();

export function recordExchange(response: Response, info: ExchangeInfo): void {
  exchanges.set(response, info);
}

export function exchangeOf(response: Response): ExchangeInfo | undefined {
  return exchanges.get(response);
}

export function describeRequest(method: string, url: string): string {
  return `${method.toUpperCase()} ${new URL(url).pathname}`;
}
