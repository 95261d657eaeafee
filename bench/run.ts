/**
 * `npm run bench`: every benchmark of BENCHMARKS.md in one run, on the built package (`dist/`), then a
 * markdown table of medians, ratios and goals, and the full results in `reports/bench.json`.
 *
 *   tsx bench/run.ts [--only client,mock,bundle,import,typecheck,npm-test] [--npm-test] [--no-prism] [--quick] [--out FILE]
 *
 * `--no-prism` leaves Prism out of the mock benchmark (its ratio is shown, not a goal; it takes a while to start).
 * `--npm-test` adds the wall time of `npm test` (minutes; not run by default). `--quick` shrinks every
 * count, for a smoke run; its figures are not the ones to record.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem } from "node:os";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { benchBundleSize, type BundleSizeResult } from "./bundle-size.js";
import { benchClientThroughput, CLIENT_VARIANTS, type ClientThroughputResult } from "./client-throughput.js";
import { benchColdImport, IMPORTS, type ColdImportResult } from "./cold-import.js";
import { ROOT } from "./lib/processes.js";
import { benchMockThroughput, type MockThroughputResult } from "./mock-throughput.js";
import { benchNpmTest, type NpmTestTimeResult } from "./npm-test-time.js";
import { benchTypecheck, type TypecheckResult } from "./typecheck.js";

const SECTIONS = ["client", "mock", "bundle", "import", "typecheck", "npm-test"] as const;
type Section = (typeof SECTIONS)[number];

/** The issue's goals, as data. 4 kB is read as 4 KiB: @commet/node's "about 5.2 kB" is 5,292 bytes. */
export const GOALS = {
  specwrightVsOpenapiFetch: 0.95,
  specwrightVsCommetNode: 1,
  entryGzipBytes: 5120,
  factoryAndUnwrapGzipBytes: 4096,
  /** The mock / a bare node:http server, by concurrency (issue 19: the old "5× Prism" was above that ceiling). */
  mockOfCeiling: { c1: 0.9, c32: 0.75 } as Record<string, number>,
  consumerTypecheckMs: 1500,
  coldImportMs: 20,
} as const;

interface Goal {
  goal: string;
  measured: string;
  met: boolean;
}

export interface BenchReport {
  date: string;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; os: string; loadAverageAtStart: number[]; loadAverageAtEnd: number[] };
  command: string;
  quick: boolean;
  client?: ClientThroughputResult;
  mock?: MockThroughputResult;
  bundle?: BundleSizeResult;
  coldImport?: ColdImportResult;
  typecheck?: TypecheckResult;
  npmTest?: NpmTestTimeResult;
  goals: Goal[];
}

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    "npm-test": { type: "boolean", default: false },
    "no-prism": { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    out: { type: "string", default: "reports/bench.json" },
  },
});

const only = values.only?.split(",").map((name) => name.trim()) as Section[] | undefined;
for (const name of only ?? []) {
  if (!SECTIONS.includes(name)) throw new Error(`--only: unknown section ${JSON.stringify(name)}; known: ${SECTIONS.join(", ")}`);
}
const wanted = (section: Section) => (only ? only.includes(section) : section !== "npm-test" || values["npm-test"]);
const quick = values.quick;

if (!existsSync(resolve(ROOT, "dist/src/commet/index.js"))) {
  console.error("bench: dist/ is missing; run `npm run build` first (the benchmarks measure the built package).");
  process.exit(1);
}

const report: BenchReport = {
  date: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${process.platform} ${release()}`,
    loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
    loadAverageAtEnd: [],
  },
  command: `npx tsx bench/run.ts ${process.argv.slice(2).join(" ")}`.trim(),
  quick,
  goals: [],
};

const log = (line: string) => console.log(`[bench] ${line}`);
if (wanted("client")) {
  report.client = await benchClientThroughput(
    quick ? { rounds: 3, callsPerRound: 300, warmupCalls: 100 } : { rounds: 15, callsPerRound: 1500, warmupCalls: 1000 },
    log,
  );
}
if (wanted("mock")) {
  report.mock = await benchMockThroughput(
    {
      ...(quick ? { rounds: 2, segmentMs: 300, warmupMs: 200 } : { rounds: 8, segmentMs: 1500, warmupMs: 1000 }),
      concurrencies: [1, 32],
      prism: !values["no-prism"],
    },
    log,
  );
}
if (wanted("bundle")) report.bundle = await benchBundleSize(log);
if (wanted("import")) report.coldImport = benchColdImport(quick ? 3 : 15, log);
if (wanted("typecheck")) report.typecheck = benchTypecheck(quick ? 1 : 5, log);
if (wanted("npm-test")) report.npmTest = await benchNpmTest(log);
report.machine.loadAverageAtEnd = loadavg().map((value) => Math.round(value * 100) / 100);
report.goals = goals(report);

const out = resolve(ROOT, values.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
console.log(markdown(report));
console.log(`\nFull results: ${values.out}`);

function goals(result: BenchReport): Goal[] {
  const list: Goal[] = [];
  if (result.client) {
    const { specwrightVsOpenapiFetch, specwrightVsCommetNode } = result.client.ratios;
    list.push({
      goal: `specwright client ≥ ${GOALS.specwrightVsOpenapiFetch}× bare openapi-fetch throughput`,
      measured: `${specwrightVsOpenapiFetch.toFixed(2)}×`,
      met: specwrightVsOpenapiFetch >= GOALS.specwrightVsOpenapiFetch,
    });
    list.push({
      goal: "specwright client not slower than @commet/node",
      measured: `${specwrightVsCommetNode.toFixed(2)}×`,
      met: specwrightVsCommetNode >= GOALS.specwrightVsCommetNode,
    });
  }
  if (result.bundle) {
    for (const size of result.bundle.sizes.filter((entry) => /^specwright\/(commet|onet|cloudplans)$/.test(entry.entry))) {
      list.push({ goal: `${size.entry} ≤ 5 kB min+gz`, measured: kB(size.gzipBytes), met: size.gzipBytes <= GOALS.entryGzipBytes });
    }
    for (const { factoryAndUnwrap } of result.bundle.profiles) {
      if (factoryAndUnwrap)
        list.push({
          goal: `${factoryAndUnwrap.import} ≤ 4 kB min+gz`,
          measured: kB(factoryAndUnwrap.gzipBytes),
          met: factoryAndUnwrap.gzipBytes <= GOALS.factoryAndUnwrapGzipBytes,
        });
    }
  }
  if (result.mock) {
    for (const [concurrency, ratio] of Object.entries(result.mock.ofCeiling)) {
      const goal = GOALS.mockOfCeiling[concurrency];
      if (goal === undefined) continue;
      list.push({
        goal: `mock ≥ ${goal}× the node:http ceiling, concurrency ${concurrency.slice(1)}`,
        measured: `${ratio.toFixed(2)}×`,
        met: ratio >= goal,
      });
    }
  }
  if (result.coldImport) {
    for (const entry of ["specwright/commet", "specwright/onet", "specwright/cloudplans"]) {
      const ms = result.coldImport.importMs[entry]!.median;
      list.push({ goal: `cold import of ${entry} ≤ ${GOALS.coldImportMs} ms`, measured: `${ms.toFixed(1)} ms`, met: ms <= GOALS.coldImportMs });
    }
  }
  if (result.typecheck) {
    const ms = result.typecheck.wallMs["consumer of all three clients"]!.median;
    list.push({ goal: "consumer type-check ≤ 1.5 s", measured: `${(ms / 1000).toFixed(2)} s`, met: ms <= GOALS.consumerTypecheckMs });
  }
  return list;
}

function kB(bytes: number): string {
  return `${(bytes / 1024).toFixed(2)} kB`;
}

function markdown(result: BenchReport): string {
  const lines: string[] = [];
  const { machine } = result;
  lines.push(
    `## Results (${result.date})`,
    "",
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os}; load average ${machine.loadAverageAtStart.join(" / ")} at start, ${machine.loadAverageAtEnd.join(" / ")} at end.`,
    "",
  );
  if (result.client) {
    const { client } = result;
    lines.push(
      `### Client: Get add-on, sequential calls (${client.options.rounds} rounds × ${client.options.callsPerRound} calls)`,
      "",
      "| client | calls/s (median) | p25–p75 | µs per call | own CPU µs per call (canned Response) |",
      "|---|---:|---:|---:|---:|",
    );
    for (const variant of CLIENT_VARIANTS) {
      const throughput = client.throughput[variant];
      lines.push(
        `| ${variant} | ${throughput.median.toFixed(0)} | ${throughput.p25.toFixed(0)}–${throughput.p75.toFixed(0)} | ${client.latencyUs[variant].toFixed(0)} | ${client.overheadUs[variant].median.toFixed(1)} |`,
      );
    }
    lines.push(
      "",
      `Ratios (median of per-round ratios): specwright / openapi-fetch ${client.ratios.specwrightVsOpenapiFetch.toFixed(2)}, specwright / @commet/node ${client.ratios.specwrightVsCommetNode.toFixed(2)}, openapi-fetch / raw fetch ${client.ratios.openapiFetchVsRawFetch.toFixed(2)}, @commet/node / raw fetch ${client.ratios.commetNodeVsRawFetch.toFixed(2)}.`,
      "",
    );
  }
  if (result.mock) {
    lines.push(
      `### Mock servers: Get add-on (${result.mock.options.rounds} rounds × ${result.mock.options.segmentMs} ms)`,
      "",
      "| server | concurrency | requests/s (median) | p25–p75 | server CPU µs per request |",
      "|---|---:|---:|---:|---:|",
    );
    for (const segment of result.mock.segments) {
      lines.push(
        `| ${segment.server} | ${segment.concurrency} | ${segment.throughput.median.toFixed(0)} | ${segment.throughput.p25.toFixed(0)}–${segment.throughput.p75.toFixed(0)} | ${segment.serverCpuUs.median.toFixed(0)} |`,
      );
    }
    const atEach = (ratios: Record<string, number>, digits: number, unit: string) =>
      Object.entries(ratios)
        .map(([key, ratio]) => `${ratio.toFixed(digits)}${unit} at concurrency ${key.slice(1)}`)
        .join(", ");
    const prism = result.mock.prismCommand ? ` specwright / Prism: ${atEach(result.mock.ratios, 1, "×")}. Prism: \`${result.mock.prismCommand}\`.` : "";
    lines.push("", `specwright / node:http ceiling: ${atEach(result.mock.ofCeiling, 2, "")}.${prism}`, "");
  }
  if (result.bundle) {
    lines.push("### Bundle size (esbuild, minified, gzip -9)", "", "| entry | min bytes | min+gz | builds for the browser |", "|---|---:|---:|---|");
    for (const size of result.bundle.sizes)
      lines.push(`| ${size.entry} | ${size.minBytes} | ${kB(size.gzipBytes)} (${size.gzipBytes} B) | ${size.browser ? "yes" : "no"} |`);
    for (const profile of result.bundle.profiles) {
      lines.push(
        "",
        `Profile of specwright/${profile.entry} (gzip bytes by part): ${profile.gzipByPart.map((part) => `${part.part} ${part.gzipBytes}`).join("; ")}. \`${profile.factoryOnly.import}\` alone: ${kB(profile.factoryOnly.gzipBytes)}${profile.factoryAndUnwrap ? `; \`${profile.factoryAndUnwrap.import}\`: ${kB(profile.factoryAndUnwrap.gzipBytes)}` : ""}.`,
      );
    }
    for (const floor of result.bundle.floors) {
      lines.push(
        "",
        `Floor: ${floor.what}: ${kB(floor.gzipBytes)} (${floor.gzipBytes} B); with every string literal emptied ${kB(floor.gzipBytesWithoutStrings)} (${floor.gzipBytesWithoutStrings} B).`,
      );
    }
    lines.push("");
  }
  if (result.coldImport) {
    lines.push(
      `### Cold import (${result.coldImport.samples} fresh processes each)`,
      "",
      "| import | import() ms (median) | p25–p75 | whole process ms |",
      "|---|---:|---:|---:|",
    );
    for (const specifier of IMPORTS) {
      const summary = result.coldImport.importMs[specifier]!;
      lines.push(
        `| ${specifier.startsWith("data:") ? "(an empty module: the ESM loader's own start)" : specifier} | ${summary.median.toFixed(1)} | ${summary.p25.toFixed(1)}–${summary.p75.toFixed(1)} | ${result.coldImport.processMs[specifier]!.median.toFixed(0)} |`,
      );
    }
    lines.push("", `Node alone (no import): ${result.coldImport.baselineProcessMs.median.toFixed(0)} ms per process.`, "");
  }
  if (result.typecheck) {
    lines.push(
      `### Type-check (\`${result.typecheck.command}\`, ${result.typecheck.runs} runs)`,
      "",
      "| what | wall ms (median) | p25–p75 |",
      "|---|---:|---:|",
    );
    for (const [name, summary] of Object.entries(result.typecheck.wallMs))
      lines.push(`| ${name} | ${summary.median.toFixed(0)} | ${summary.p25.toFixed(0)}–${summary.p75.toFixed(0)} |`);
    lines.push(
      "",
      `tsc --extendedDiagnostics: ${Object.entries(result.typecheck.diagnostics)
        .map(([key, value]) => `${key} ${value}`)
        .join(", ")}.`,
      "",
    );
  }
  if (result.npmTest) {
    const vitest = result.npmTest.vitestSeconds === undefined ? "" : `, of which vitest ${result.npmTest.vitestSeconds.toFixed(1)} s`;
    lines.push(
      `### npm test`,
      "",
      `\`npm test\`: ${(result.npmTest.wallMs / 1000).toFixed(1)} s wall${vitest}, exit code ${result.npmTest.exitCode} (log: ${result.npmTest.log}).`,
      "",
    );
  }
  if (result.goals.length) {
    lines.push("### Goals", "", "| goal | measured | |", "|---|---:|---|");
    for (const goal of result.goals) lines.push(`| ${goal.goal} | ${goal.measured} | ${goal.met ? "PASS" : "MISS"} |`);
  }
  return lines.join("\n");
}
