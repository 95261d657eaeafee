import type { RequestTarget } from "../exchange.js";
import { causeCode, causeMessage } from "./describe-cause.js";
import { SpecwrightError } from "./specwright-error.js";

/**
 * Thrown when no HTTP response arrived at all (connection refused or reset, DNS failure, a socket
 * closed mid-reply) and the retry policy may not (or may no longer) try again. `cause` is the
 * underlying fetch error, `code` its code (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`…). The message
 * names the method, host, port and path, e.g. `GET http://127.0.0.1:4010/api/v1/features failed
 * without a response (ECONNREFUSED) on attempt 3: connect ECONNREFUSED 127.0.0.1:4010`. For a request
 * that may have been processed (a dropped reply to a POST), the outcome on the server is unknown:
 * check before sending it again.
 */
export class NetworkError extends SpecwrightError {
  override name = "NetworkError";
  /** `METHOD /path`. */
  readonly request: string;
  /** Where the request went: origin and path, never the query string. */
  readonly url: string;
  readonly code: string | undefined;

  constructor(
    target: RequestTarget,
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    const code = causeCode(options.cause);
    super(
      `${target.method} ${target.url} failed without a response${code !== undefined ? ` (${code})` : ""} on attempt ${attempts}: ${causeMessage(options.cause)}`,
      options,
    );
    this.request = target.request;
    this.url = target.url;
    this.code = code;
  }
}
