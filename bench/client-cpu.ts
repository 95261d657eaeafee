/**
 * Own CPU per call of one client against a canned Response, as process CPU time (user + system) rather
 * than wall time, so that a busy machine inflates it less: the measure for changes to the hot path.
 *
 *   npx tsx bench/client-cpu.ts [--rounds 6] [--calls 20000] [--module FILE]   # specwright (FILE) and openapi-fetch, interleaved
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import createClient from "openapi-fetch";
import type { CommetPaths } from "../src/commet/index.js";
import { ADDON_ID, ADDON_RESPONSE, API_KEY } from "./lib/fixtures.js";
import { ROOT } from "./lib/processes.js";
import { rotation, summarize } from "./lib/stats.js";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "6" },
    calls: { type: "string", default: "20000" },
    module: { type: "string", multiple: true },
    child: { type: "string" },
  },
});

const BASE = "http://127.0.0.1:1/api/v1";
const path = { params: { path: { id: ADDON_ID } } };

async function child(variant: string): Promise<void> {
  const body = JSON.stringify(ADDON_RESPONSE);
  globalThis.fetch = (async () =>
    new Response(body, { status: 200, headers: { "content-type": "application/json", "x-request-id": "req_1" } })) as unknown as typeof fetch;
  let call: () => Promise<unknown>;
  if (variant === "openapi-fetch") {
    const client = createClient<CommetPaths>({ baseUrl: BASE, headers: { "x-api-key": API_KEY, "commet-version": "2026-07-11" } });
    call = async () => (await client.GET("/addons/{id}", path)).data?.data.id;
  } else {
    const { createCommetClient } = (await import(variant)) as typeof import("../src/commet/index.js");
    const client = createCommetClient({ apiKey: API_KEY, baseUrl: BASE });
    call = async () => (await client.GET("/addons/{id}", path)).data?.data.id;
  }
  const calls = Number(values.calls);
  for (let index = 0; index < 5000; index++) if ((await call()) !== ADDON_RESPONSE.data.id) throw new Error(`${variant}: wrong answer`);
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let index = 0; index < calls; index++) await call();
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ cpuUs: (used.user + used.system) / calls, wallUs: ((performance.now() - start) * 1000) / calls }));
}

if (values.child) await child(values.child);
else {
  const variants = ["openapi-fetch", ...(values.module ?? [resolve(ROOT, "src/commet/index.ts")])];
  const samples: Record<string, number[]> = Object.fromEntries(variants.map((variant) => [variant, []]));
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const variant of rotation(variants, round)) {
      const run = spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, "--child", variant, "--calls", values.calls!], {
        cwd: ROOT,
        encoding: "utf8",
      });
      if (run.status !== 0) throw new Error(run.stderr);
      samples[variant]!.push(JSON.parse(run.stdout.trim()).cpuUs);
    }
  }
  for (const variant of variants)
    console.log(
      `${variant}: own CPU ${summarize(samples[variant]!).median.toFixed(1)} µs per call (median of ${values.rounds}; ${samples[variant]!.map((v) => v.toFixed(1)).join(" ")})`,
    );
}
