/**
 * Thrown when the caller gave something invalid: a client option (synchronously, by the factory), a
 * per-request option, a path parameter. `option` names the offending input; the message names it too
 * and never repeats a secret's value. Not a `TypeError` (it was one before the error family existed):
 * catch it by this class, or `isSpecwrightError(error) && error.name === "ConfigurationError"`.
 */
import { SpecwrightError } from "./specwright-error.js";

export class ConfigurationError extends SpecwrightError {
  override readonly name = "ConfigurationError";

  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}
