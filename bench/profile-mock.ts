/**
 * Where the specwright mock's time goes: runs `mock-server.ts` under `node --cpu-prof`, loads its Get
 * add-on with the mock benchmark's load generator, and prints the functions with the most self time.
 *
 *   npx tsx bench/profile-mock.ts [--concurrency 32] [--seconds 5] [--top 30] [--ceiling]
 *
 * `--ceiling` profiles the bare node:http server (`server.ts`) instead, for the same view of what
 * any Node server pays per request on this machine.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { topSelfTime } from "./lib/cpu-profile.js";
import { ADDON_ID, API_KEY } from "./lib/fixtures.js";
import { load } from "./lib/load.js";
import { ROOT, startProcess } from "./lib/processes.js";

const { values } = parseArgs({
  options: {
    concurrency: { type: "string", default: "32" },
    seconds: { type: "string", default: "5" },
    top: { type: "string", default: "30" },
    ceiling: { type: "boolean", default: false },
  },
});

const directory = mkdtempSync(join(tmpdir(), "specwright-profile-mock-"));
try {
  const script = values.ceiling ? "bench/server.ts" : "bench/mock-server.ts";
  const server = await startProcess(
    process.execPath,
    ["--cpu-prof", "--cpu-prof-dir", directory, "--import", "tsx", resolve(ROOT, script)],
    values.ceiling ? /READY (\S+)/ : /READY (\S+) (\S+)/,
  );
  const url = new URL(`${server.match[1]}/addons/${server.match[2] ?? ADDON_ID}`);
  const headers = { "x-api-key": API_KEY, accept: "application/json" };
  await load(url, headers, Number(values.concurrency), 1000);
  const { rate, requests } = await load(url, headers, Number(values.concurrency), Number(values.seconds) * 1000);
  // SIGTERM: mock-server.ts closes the mock and exits, and Node writes the profile on the way out.
  await server.stop();
  console.log(
    `${values.ceiling ? "node:http ceiling" : "specwright mock"}, concurrency ${values.concurrency}: ${rate.toFixed(0)} requests/s over ${requests} requests (profiler on; the profile covers the whole process, start-up included)`,
  );
  for (const line of topSelfTime(directory, Number(values.top))) console.log(line);
} finally {
  rmSync(directory, { recursive: true, force: true });
}
