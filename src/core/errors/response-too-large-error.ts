/**
 * Thrown when a 2xx response body grows past `maxResponseBytes` (default 32 MiB), counted on the
 * decoded bytes as they arrive: the read stops there and the connection is dropped, so that a runaway
 * or hostile body (an endless stream, a gzip bomb) costs at most the limit in memory. Never retried:
 * the same request would most likely get the same body again. Carries the request (method, host, port
 * and path, never the query string) and the limit, never the body.
 */
import type { RequestTarget } from "../exchange.js";
import { SpecwrightError } from "./specwright-error.js";

export class ResponseTooLargeError extends SpecwrightError {
  override name = "ResponseTooLargeError";
  /** `METHOD /path`. */
  readonly request: string;
  /** Where the request went: origin and path, never the query string. */
  readonly url: string;

  constructor(
    target: RequestTarget,
    readonly status: number,
    /** The `maxResponseBytes` in force for the request. */
    readonly maxResponseBytes: number,
  ) {
    super(`${target.method} ${target.url}: the ${status} response body exceeded maxResponseBytes (${maxResponseBytes} bytes); the read was stopped there`);
    this.request = target.request;
    this.url = target.url;
  }
}
