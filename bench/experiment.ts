/**
 * Measures a proposed change to `src/` before anyone makes it: for each patch, copies the sources to a
 * scratch directory, applies the patch (`patch -p1`), builds it (`tsc -p tsconfig.build.json`), and
 * runs the client benchmark with the patched Commet client beside bare openapi-fetch and the current
 * build, interleaved, against a canned Response and against the loopback server. With `--mock`, the
 * mock benchmark instead: the patched Commet mock beside the current one, at concurrency 1 and 32.
 *
 *   git diff > /tmp/change.diff && git stash   # the change as a patch, the tree as it was
 *   npx tsx bench/experiment.ts /tmp/change.diff [more.diff …] [--rounds 15]
 *   npx tsx bench/experiment.ts --mock /tmp/change.diff
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { interleavedRounds, withLoopbackServer, type Contender } from "./client-throughput.js";
import { API_KEY } from "./lib/fixtures.js";
import { load } from "./lib/load.js";
import { BIN, ROOT, startProcess, type Started } from "./lib/processes.js";
import { rotation, summarize } from "./lib/stats.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: "string", default: "15" }, mock: { type: "boolean", default: false } },
});
if (positionals.length === 0) {
  console.error("usage: npx tsx bench/experiment.ts <patch.diff> [more.diff …] [--rounds N]");
  process.exit(2);
}

/** A scratch copy of the sources with the patch applied and built; returns the patched build's `dist/src/`. */
function buildPatched(patch: string, scratch: string): string {
  const copy = join(scratch, basename(patch, ".diff"));
  for (const part of ["src", "generated", "tsconfig.json", "tsconfig.build.json", "package.json"])
    cpSync(join(ROOT, part), join(copy, part), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");
  const applied = spawnSync("patch", ["-p1", "--forward", "--input", resolve(patch)], { cwd: copy, encoding: "utf8" });
  if (applied.status !== 0) throw new Error(`${patch} does not apply to the current sources:\n${applied.stdout}${applied.stderr}`);
  const built = spawnSync(BIN("tsc"), ["-p", "tsconfig.build.json"], { cwd: copy, encoding: "utf8" });
  // Other folders may be mid-edit; only errors in what the client is built from matter here.
  const errors = built.stdout.split("\n").filter((line) => /^src\/(core|commet|mock|spec)\//.test(line));
  if (errors.length > 0) throw new Error(`${patch}: the patched build does not compile:\n${errors.join("\n")}`);
  return join(copy, "dist/src");
}

/** The current Commet mock and each patched one, interleaved, at concurrency 1 and 32, for `segmentMs` per round. */
async function compareMocks(builds: { name: string; module?: string }[], rounds: number): Promise<void> {
  const servers: { name: string; started: Started; url: URL }[] = [];
  try {
    for (const build of builds) {
      const env = build.module ? { SPECWRIGHT_BENCH_MOCK_MODULE: build.module } : {};
      const started = await startProcess(process.execPath, ["--import", "tsx", join(ROOT, "bench/mock-server.ts")], /READY (\S+) (\S+)/, { env });
      servers.push({ name: build.name, started, url: new URL(`${started.match[1]}/addons/${started.match[2]}`) });
    }
    const headers = { "x-api-key": API_KEY, accept: "application/json" };
    const cells = servers.flatMap((server) => [1, 32].map((concurrency) => ({ server, concurrency })));
    for (const cell of cells) await load(cell.server.url, headers, cell.concurrency, 1000);
    const rates = new Map<string, number[]>();
    for (let index = 0; index < rounds; index++) {
      for (const cell of rotation(cells, index)) {
        const key = `${cell.server.name}|${cell.concurrency}`;
        (rates.get(key) ?? rates.set(key, []).get(key)!).push((await load(cell.server.url, headers, cell.concurrency, 1000)).rate);
      }
    }
    console.log(`\nCommet mock, Get add-on, ${rounds} interleaved rounds of 1 s\n| mock | concurrency | requests/s | ÷ current |\n|---|---:|---:|---:|`);
    for (const cell of cells) {
      const own = rates.get(`${cell.server.name}|${cell.concurrency}`)!;
      const base = rates.get(`${servers[0]!.name}|${cell.concurrency}`)!;
      console.log(
        `| ${cell.server.name} | ${cell.concurrency} | ${summarize(own).median.toFixed(0)} | ${summarize(own.map((rate, i) => rate / base[i]!)).median.toFixed(2)} |`,
      );
    }
  } finally {
    await Promise.all(servers.map((server) => server.started.stop()));
  }
}

const scratch = mkdtempSync(join(tmpdir(), "specwright-experiment-"));
try {
  const rounds = Number(values.rounds);
  const patched = positionals.map((patch) => ({ patch, dist: buildPatched(patch, scratch) }));
  if (values.mock) {
    await compareMocks(
      [{ name: "current dist" }, ...patched.map(({ patch, dist }) => ({ name: `+ ${basename(patch)}`, module: join(dist, "mock/index.js") }))],
      rounds,
    );
  } else {
    const contenders: Contender[] = [
      { name: "openapi-fetch", variant: "openapi-fetch" },
      { name: "specwright (current dist)", variant: "specwright" },
      ...patched.map(({ patch, dist }) => ({ name: `specwright + ${basename(patch)}`, variant: "specwright", module: join(dist, "commet/index.js") })),
    ];
    for (const target of ["canned", "loopback"] as const) {
      const rates =
        target === "canned"
          ? await interleavedRounds(contenders, "canned", { rounds, callsPerRound: 3000, warmupCalls: 1000 })
          : await withLoopbackServer((url) => interleavedRounds(contenders, url, { rounds, callsPerRound: 1500, warmupCalls: 1000 }));
      const base = rates["openapi-fetch"]!;
      console.log(`\n${target === "canned" ? "Canned Response (own CPU per call)" : "Loopback server (sequential calls)"}, ${rounds} interleaved rounds`);
      console.log("| client | calls/s | µs per call | ÷ openapi-fetch (median of per-round ratios) |\n|---|---:|---:|---:|");
      for (const contender of contenders) {
        const own = rates[contender.name]!;
        const median = summarize(own).median;
        const ratio = summarize(own.map((rate, index) => rate / base[index]!));
        console.log(
          `| ${contender.name} | ${median.toFixed(0)} | ${(1e6 / median).toFixed(1)} | ${ratio.median.toFixed(2)} (p25–p75 ${ratio.p25.toFixed(2)}–${ratio.p75.toFixed(2)}) |`,
        );
      }
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
