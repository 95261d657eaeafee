/**
 * Thrown when the server redirects an API call to another origin (or loops). The client never follows
 * such a redirect: it would send the credentials to a host they were not meant for. The message names
 * the request's method, host, port and path and the redirect's origin, never a query string.
 */
import type { RequestTarget } from "../exchange.js";
import { SpecwrightError } from "./specwright-error.js";

export class RedirectError extends SpecwrightError {
  override name = "RedirectError";
  /** `METHOD /path`. */
  readonly request: string;
  /** Where the request went: origin and path, never the query string. */
  readonly url: string;

  constructor(
    target: RequestTarget,
    readonly status: number,
    /** The origin the server redirected to (never the full URL, which may carry tokens). */
    readonly targetOrigin: string,
    reason: string,
  ) {
    super(`${target.method} ${target.url}: refused a ${status} redirect to ${targetOrigin}: ${reason}`);
    this.request = target.request;
    this.url = target.url;
  }
}
