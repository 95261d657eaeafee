/**
 * The cost of the platform primitives the transport and the mock use per request, each alone, on this
 * Node: `npx tsx bench/micro.ts`. Each runs in a fresh process (so that one's garbage does not land in
 * another's time), warm-up first, and reports microseconds per operation, GC included. In a real call
 * they overlap (a Request created anyway, a collection shared), so the sum overstates a client's cost;
 * `bench/experiment.ts` measures what removing one actually saves.
 */
import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { ADDON_RESPONSE } from "./lib/fixtures.js";

const URL_ = "http://127.0.0.1:1/api/v1/addons/priority-support";
const headers = new Headers({ "x-api-key": "ck_sandbox_bench", "commet-version": "2026-07-11" });
const body = new TextEncoder().encode(JSON.stringify({ success: true, data: { id: "adn_1", name: "x".repeat(380) } }));
const signal = new AbortController().signal;
let sink: unknown;

const CASES: Record<string, () => unknown> = {
  "new AbortController() + setTimeout/clearTimeout": () => {
    const controller = new AbortController();
    clearTimeout(setTimeout(() => controller.abort(), 60_000));
    return controller.signal;
  },
  "new AbortController() + its signal": () => new AbortController().signal,
  "addEventListener + removeEventListener on a signal": () => {
    const listener = () => undefined;
    signal.addEventListener("abort", listener, { once: true });
    signal.removeEventListener("abort", listener);
  },
  "JSON.stringify of a Get add-on body (429 bytes)": () => JSON.stringify({ success: true, data: { ...ADDON_RESPONSE.data } }),
  "AbortSignal.any([a, b])": () => AbortSignal.any([new AbortController().signal, new AbortController().signal]),
  "new Request(url, { headers })": () => new Request(URL_, { headers }),
  "new Request(url, { headers, signal })": () => new Request(URL_, { headers, signal: new AbortController().signal }),
  "new Response(bytes, init) + text()": () => new Response(body, { status: 200, headers }).text(),
  "TextDecoder.decode(bytes)": () => new TextDecoder().decode(body),
  'randomBytes(12).toString("hex")': () => randomBytes(12).toString("hex"),
  "randomUUID()": () => randomUUID(),
};

const which = process.argv[2];
if (which) {
  const run = CASES[which]!;
  const count = 50_000;
  for (let index = 0; index < 10_000; index++) sink = await run();
  const start = performance.now();
  for (let index = 0; index < count; index++) sink = await run();
  console.log(((performance.now() - start) * 1000) / count);
} else {
  console.log("| primitive | µs per operation (median of 3 processes) |\n|---|---:|");
  for (const name of Object.keys(CASES)) {
    const samples = [0, 1, 2].map(() =>
      Number(spawnSync(process.execPath, ["--import", "tsx", import.meta.filename, name], { encoding: "utf8" }).stdout.trim()),
    );
    console.log(`| ${name} | ${samples.sort((a, b) => a - b)[1]!.toFixed(2)} |`);
  }
}
void sink;
