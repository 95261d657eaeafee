// What a factory throws for options it refuses: always a ConfigurationError (the tests then check
// which option it names and that no secret is in it).
import { expect } from "vitest";
import { ConfigurationError } from "../../src/core/errors/configuration-error.js";

export function refusal<Options>(factory: (options: Options) => unknown, options: unknown): ConfigurationError {
  try {
    factory(options as Options);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
  throw new Error("expected the options to be refused");
}
