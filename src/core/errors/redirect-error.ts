/**
 * Thrown when the server redirects an API call to another origin (or loops). The client never follows
 * such a redirect: it would send the credentials to a host they were not meant for.
 */
import { SpecwrightError } from "./specwright-error.js";

export class RedirectError extends SpecwrightError {
  override name = "RedirectError";

  constructor(
    readonly request: string,
    readonly status: number,
    /** The origin the server redirected to (never the full URL, which may carry tokens). */
    readonly targetOrigin: string,
    reason: string,
  ) {
    super(`${request}: refused a ${status} redirect to ${targetOrigin}: ${reason}`);
  }
}
