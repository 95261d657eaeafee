/**
 * What keeps a contract run against a live server safe and honest: drivers that only make sense
 * against a specwright mock say so (`mockOnly`), a set-up step that cannot run ends its case as
 * skipped (`SkipCase`) rather than failed, and without `--allow-writes` the drivers' client cannot
 * write at all (`readOnlyClient`).
 */
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

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE", "billingUpdate"]);

/** The drivers' client without its write methods: calling one skips the case instead of writing. */
export function readOnlyClient<Client extends object>(client: Client): Client {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property === "string" && WRITE_METHODS.has(property) && typeof value === "function") {
        return () => Promise.reject(new SkipCase(`its set-up writes through the API (${property}): needs --allow-writes`));
      }
      if (property === "request" && typeof value === "function") {
        return (method: string, ...rest: unknown[]) =>
          WRITE_METHODS.has(method.toUpperCase())
            ? Promise.reject(new SkipCase(`its set-up writes through the API (${method.toUpperCase()}): needs --allow-writes`))
            : (value as (...args: unknown[]) => unknown).call(target, method, ...rest);
      }
      return value;
    },
  });
}
