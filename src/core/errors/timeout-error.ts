/**
 * Thrown when an attempt got no complete response within `timeoutMs` and the retry policy may not (or
 * may no longer) try again. A caller's own `AbortSignal` ends in its abort reason instead.
 */
import { SpecwrightError } from "./specwright-error.js";

export class TimeoutError extends SpecwrightError {
  override name = "TimeoutError";

  constructor(
    readonly request: string,
    readonly timeoutMs: number,
    readonly attempts: number,
  ) {
    super(`${request} timed out after ${timeoutMs} ms (attempt ${attempts})`);
  }
}
