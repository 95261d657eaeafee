/**
 * Thrown synchronously by a client factory when an option is missing or invalid.
 * `option` names the offending option; the message names it too and never repeats a secret's value.
 */
export class ConfigurationError extends TypeError {
  override readonly name = "ConfigurationError";

  constructor(
    readonly option: string,
    message: string,
  ) {
    super(message);
  }
}
