/**
 * Keeps a client's own credential out of the errors it throws or returns: a server may echo the key
 * it was sent (in a message, a header, a body), and errors end up in logs.
 */
import { noRedaction, redactValue, type Redactor } from "../redact.js";

/**
 * The same error with the credential (in every form `createRedactor` knows) replaced by `[REDACTED]`
 * in its message, its stack, every own field (bodies deeply, so `toJSON()` is clean too) and its cause
 * chain. In place: the error keeps its class and identity. A field that cannot be written (a frozen
 * error of the caller's own fetch) is left as it is.
 */
export function scrubError<E>(error: E, redact: Redactor, depth = 0): E {
  if (redact === noRedaction || !(error instanceof Error) || depth > 8) return error;
  const fields = error as unknown as Record<string, unknown>;
  for (const key of [...Object.keys(fields), "message", "stack"]) rewrite(fields, key, redactValue(fields[key], redact));
  scrubError(error.cause, redact, depth + 1);
  return error;
}

function rewrite(target: Record<string, unknown>, key: string, value: unknown): void {
  if (target[key] === value) return;
  try {
    target[key] = value;
  } catch {
    // Read-only: nothing more can be done without replacing the caller's own error.
  }
}
