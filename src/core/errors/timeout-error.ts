/**
 * Thrown when an attempt got no complete response within `timeoutMs` and the retry policy may not (or
 * may no longer) try again. A caller's own `AbortSignal` ends in its abort reason instead. The message
 * names the method, host, port and path, never the query string.
 */
import type { RequestTarget } from "../exchange.js";
import { SpecwrightError } from "./specwright-error.js";

export class TimeoutError extends SpecwrightError {
  override name = "TimeoutError";
  /** `METHOD /path`. */
  readonly request: string;
  /** Where the request went: origin and path, never the query string. */
  readonly url: string;

  constructor(
    target: RequestTarget,
    readonly timeoutMs: number,
    readonly attempts: number,
    /** What was being waited for, when it is more than one response (e.g. a task polled until it ends). */
    waitingFor?: string,
  ) {
    super(`${target.method} ${target.url} timed out after ${timeoutMs} ms on attempt ${attempts}${waitingFor ? `, ${waitingFor}` : ""}`);
    this.request = target.request;
    this.url = target.url;
  }
}
