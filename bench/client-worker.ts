/**
 * One client of the client benchmark, in its own process so that no client pays for another's garbage
 * (AbortSignals and Requests leave work for the GC that would otherwise land in a neighbour's round).
 * `node --import tsx bench/client-worker.ts <variant> <baseUrl|canned> [module]`; the parent sends
 * `{ run: n }` over IPC and gets `{ ms }` back once n sequential calls are done. `module` replaces
 * `specwright/commet` (for experiments on a modified build).
 */
import { Commet } from "@commet/node";
import createClient from "openapi-fetch";
// Types from the sources, code from the built package (`specwright/commet` resolves to dist/), so that
// this file type-checks before a build.
import type { CommetPaths } from "../src/commet/index.js";
import { ADDON_ID, ADDON_RESPONSE, API_KEY, COMMET_ORIGIN_PREFIX } from "./lib/fixtures.js";

const [variant, target, module] = process.argv.slice(2) as [string, string, string | undefined];
const CANNED_BASE = "http://127.0.0.1:1/api/v1";
const baseUrl = target === "canned" ? CANNED_BASE : target;
const body = JSON.stringify(ADDON_RESPONSE);
// `canned`: each client's own work per call, without a network or a server.
const underlying: typeof fetch =
  target === "canned"
    ? async () => new Response(body, { status: 200, headers: { "content-type": "application/json", "x-request-id": "req_1" } })
    : globalThis.fetch;

/**
 * @commet/node has no base URL or fetch option: it calls the global `fetch` with
 * https://commet.co/api/v1 URLs. The global fetch is wrapped to send those to `baseUrl`; every client
 * uses that same global fetch (none gets a `fetch` option), so all pay the wrapper's string check alike.
 */
globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
  underlying(
    typeof input === "string" && input.startsWith(COMMET_ORIGIN_PREFIX) ? baseUrl + input.slice(COMMET_ORIGIN_PREFIX.length) : input,
    init,
  )) as typeof fetch;

const expectId = (id: unknown) => {
  if (id !== ADDON_RESPONSE.data.id) throw new Error(`${variant}: unexpected answer ${JSON.stringify(id)}`);
};
const headers = { "x-api-key": API_KEY, "commet-version": "2026-07-11" };
const path = { params: { path: { id: ADDON_ID } } };

async function makeCall(): Promise<() => Promise<void>> {
  switch (variant) {
    case "raw fetch": {
      const url = `${baseUrl}/addons/${ADDON_ID}`;
      return async () => {
        const response = await fetch(url, { headers });
        if (!response.ok) throw new Error(`raw fetch: HTTP ${response.status}`);
        expectId(((await response.json()) as typeof ADDON_RESPONSE).data.id);
      };
    }
    case "openapi-fetch": {
      const client = createClient<CommetPaths>({ baseUrl, headers });
      return async () => expectId((await client.GET("/addons/{id}", path)).data?.data.id);
    }
    case "@commet/node": {
      // Its defaults: 3 retries, a 30 s timeout (AbortSignal.timeout), telemetry headers.
      const sdk = new Commet({ apiKey: API_KEY });
      return async () => expectId(((await sdk.addons.get({ id: ADDON_ID })) as unknown as typeof ADDON_RESPONSE).data.id);
    }
    default: {
      // "specwright" and experiments on modified builds: the client's defaults, 2 retries and a 60 s timeout.
      const entry = module ?? "specwright/commet";
      const { createCommetClient } = (await import(entry)) as typeof import("../src/commet/index.js");
      const client = createCommetClient({ apiKey: API_KEY, baseUrl });
      return async () => expectId((await client.GET("/addons/{id}", path)).data?.data.id);
    }
  }
}

const call = await makeCall();
// One call before READY: a client that cannot make it fails the benchmark at once.
await call();
process.on("message", async (message: { run: number }) => {
  const start = process.hrtime.bigint();
  for (let index = 0; index < message.run; index++) await call();
  process.send!({ ms: Number(process.hrtime.bigint() - start) / 1e6 });
});
process.on("disconnect", () => process.exit(0));
console.log("READY");
