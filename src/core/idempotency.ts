/**
 * For vendors that honour an idempotency key: every request of the listed methods gets one (a UUID
 * v4) unless the caller gave one, once, before the first attempt, so that every retry of that call
 * sends the same key and the server replays instead of acting twice.
 */
import type { Middleware } from "openapi-fetch";

export function idempotencyKeys(header: string, methods: readonly string[]): Middleware {
  const keyed = new Set(methods.map((method) => method.toUpperCase()));
  return {
    onRequest({ request }) {
      // Mutated in place: replacing the Request would drop the per-request options openapi-fetch put on it.
      if (keyed.has(request.method) && !request.headers.has(header)) request.headers.set(header, crypto.randomUUID());
    },
  };
}
