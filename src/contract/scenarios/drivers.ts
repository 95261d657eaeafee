/**
 * What keeps a contract run against a live server safe and honest: drivers that only make sense
 * against a specwright mock say so (`mockOnly`), a set-up step that cannot run ends its case as
 * skipped (`SkipCase`) rather than failed, and without `--allow-writes` the drivers' client cannot
 * write at all (`readOnlyFetch`).
 */
import type { ApiName } from "../../spec/apis.js";
import { getOperations } from "../../spec/operations.js";
import { isReadMethod, liveSkipReason } from "../live/safety.js";
import type { ContractTarget, Driver } from "../types.js";

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

/**
 * The drivers' fetch: every response their set-up gets is observed like a case's (the clean-up
 * tracker learns what the set-up created), and on a live run a set-up step that could not be undone
 * (an `x-irreversible` operation) ends its case as skipped instead of being sent.
 */
export function setUpFetch(api: ApiName, target: ContractTarget, fetchImpl: typeof fetch): typeof fetch {
  const index = getOperations(api);
  const basePath = new URL(target.baseUrl).pathname.replace(/\/+$/, "");
  return async (input, init) => {
    const method = input instanceof Request ? input.method : (init?.method ?? "GET");
    const url = new URL(input instanceof Request ? input.url : String(input));
    const relative = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
    const match = index.match(method, relative);
    if (match) {
      const reason = liveSkipReason(target, match.operation, true);
      if (reason) throw new SkipCase(`its set-up calls ${match.operation.operationId}: ${reason}`);
    }
    const sent = input instanceof Request ? await input.clone().text() : typeof init?.body === "string" ? init.body : "";
    const response = await fetchImpl(input, init);
    if (match && target.observe) {
      target.observe({
        operationId: match.operation.operationId,
        request: { path: match.pathParams, query: Object.fromEntries(url.searchParams), ...(sent ? { body: parseJson(sent) } : {}) },
        statusCode: response.status,
        headers: Object.fromEntries(response.headers),
        body: await response.clone().text(),
      });
    }
    return response;
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
