/**
 * Cold import time: a fresh `node` process per sample imports one entry point by package name (from
 * the built `dist/`, through the `exports` map, as a consumer would), timing the `import()` alone with
 * performance.now(). Entries are interleaved and rotate; medians over the samples. `@commet/node` and
 * bare openapi-fetch are measured the same way.
 */
import { spawnSync } from "node:child_process";
import { ROOT } from "./lib/processes.js";
import { rotation, summarize, type Summary } from "./lib/stats.js";

/** The last is an empty module: what the first `import()` of anything costs (the ESM loader's own start). */
export const IMPORTS = [
  "specwright/commet",
  "specwright/onet",
  "specwright/cloudplans",
  "specwright/mock",
  "@commet/node",
  "openapi-fetch",
  "data:text/javascript,export default 0",
] as const;

export interface ColdImportResult {
  command: string;
  samples: number;
  /** Milliseconds for the `import()` alone. */
  importMs: Record<string, Summary>;
  /** Milliseconds for the whole process (start, import, exit), for scale: node alone is `baselineProcessMs`. */
  processMs: Record<string, Summary>;
  baselineProcessMs: Summary;
}

function sample(specifier: string | undefined): { importMs: number; processMs: number } {
  const script = specifier
    ? `const start = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - start);`
    : "console.log(0);";
  const start = performance.now();
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
  const processMs = performance.now() - start;
  if (result.status !== 0) throw new Error(`import ${specifier}: node exited with ${result.status}\n${result.stderr}`);
  return { importMs: Number(result.stdout.trim()), processMs };
}

export function benchColdImport(samples: number, log: (line: string) => void = console.log): ColdImportResult {
  log(`cold import: ${samples} fresh node processes per entry point, interleaved`);
  const variants = [undefined, ...IMPORTS];
  // One untimed pass: the first spawn of each file pays for the disk cache, not for the import.
  for (const specifier of variants) sample(specifier);
  const importMs = new Map<string, number[]>();
  const processMs = new Map<string, number[]>();
  for (let index = 0; index < samples; index++) {
    for (const specifier of rotation(variants, index)) {
      const key = specifier ?? "(node alone)";
      const result = sample(specifier);
      (importMs.get(key) ?? importMs.set(key, []).get(key)!).push(result.importMs);
      (processMs.get(key) ?? processMs.set(key, []).get(key)!).push(result.processMs);
    }
  }
  return {
    command: "npx tsx bench/run.ts --only import",
    samples,
    importMs: Object.fromEntries(IMPORTS.map((specifier) => [specifier, summarize(importMs.get(specifier)!)])),
    processMs: Object.fromEntries(IMPORTS.map((specifier) => [specifier, summarize(processMs.get(specifier)!)])),
    baselineProcessMs: summarize(processMs.get("(node alone)")!),
  };
}
