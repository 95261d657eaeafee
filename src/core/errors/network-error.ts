import { describeCause } from "./describe-cause.js";
import { SpecwrightError } from "./specwright-error.js";

/**
 * Thrown when no HTTP response arrived at all (connection refused or reset, DNS failure, a socket
 * closed mid-reply) and the retry policy may not (or may no longer) try again. `cause` is the
 * underlying fetch error. For a request that may have been processed (a dropped reply to a POST), the
 * outcome on the server is unknown: check before sending it again.
 */
export class NetworkError extends SpecwrightError {
  override name = "NetworkError";

  constructor(
    readonly request: string,
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    super(`${request} failed without a response (attempt ${attempts}): ${describeCause(options.cause)}`, options);
  }
}
