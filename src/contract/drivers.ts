/**
 * What keeps a contract run against a live server safe and honest: drivers that only make sense
 * against a specwright mock say so (`mockOnly`), a set-up step that cannot run ends its case as
 * skipped (`SkipCase`) rather than failed, and without `--allow-writes` the drivers' client cannot
 * write at all (`readOnlyFetch`).
 */
import { isReadMethod } from "./safety.js";
import type { Driver } from "./types.js";

/** Thrown by a driver (or the read-only client) to skip its case, with the reason shown in the report. */
export class SkipCase extends Error {
  override name = "SkipCase";
}

/** Marks a driver that relies on the mock (its seed, its tokens, its conventions); live runs skip it. */
export function mockOnly<Client>(reason: string, driver: Driver<Client>): Driver<Client> {
  return Object.assign((context: Parameters<Driver<Client>>[0]) => driver(context), { mockOnly: reason });
}

export function mockOnlyReason(driver: Driver<unknown>): string | undefined {
  return (driver as { mockOnly?: string }).mockOnly;
}

/**
 * A fetch for the drivers' client that refuses to write: whatever client method (or vendor helper) a
 * set-up step calls, a request that is not a read ends its case as skipped instead of being sent.
 */
export function readOnlyFetch(fetchImpl: typeof fetch = globalThis.fetch): typeof fetch {
  return (input, init) => {
    const method = input instanceof Request ? input.method : (init?.method ?? "GET");
    if (!isReadMethod(method)) return Promise.reject(new SkipCase(`its set-up writes through the API (${method.toUpperCase()}): needs --allow-writes`));
    return fetchImpl(input, init);
  };
}
