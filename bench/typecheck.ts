/**
 * Type-check time of a consumer: `tsc --noEmit -p bench/consumer/tsconfig.json` on a file that uses all
 * three clients (through the package's `exports`, to `dist/`'s declarations), wall time per run.
 * For attribution it also times the same configuration on an empty file (what TypeScript, its lib
 * and @types/node cost before any specwright type is read), on each client's part alone, and on the
 * Commet calls through bare openapi-fetch (its generic types over the same `paths`), and keeps one
 * `--extendedDiagnostics` breakdown of the full consumer.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { BIN, ROOT } from "./lib/processes.js";
import { rotation, summarize, type Summary } from "./lib/stats.js";

export const CONSUMER_TSCONFIG = "bench/consumer/tsconfig.json";

export interface TypecheckResult {
  command: string;
  runs: number;
  /** Wall milliseconds per `tsc` run, by what was checked. */
  wallMs: Record<string, Summary>;
  /** `tsc --extendedDiagnostics` of the full consumer: files, types, and its own timings. */
  diagnostics: Record<string, string>;
}

function tsc(args: string[]): { ms: number; stdout: string } {
  const start = performance.now();
  const result = spawnSync(BIN("tsc"), args, { cwd: ROOT, encoding: "utf8" });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`tsc ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
  return { ms, stdout: result.stdout };
}

export function benchTypecheck(runs: number, log: (line: string) => void = console.log): TypecheckResult {
  log(`type-check: ${runs} runs of tsc --noEmit per case, interleaved`);
  // Inside the repository, so that `types: ["node"]` and `specwright/*` resolve as for the consumer.
  const scratch = mkdtempSync(resolve(ROOT, "bench/consumer/.scratch-"));
  try {
    // Same compiler options as the consumer's tsconfig (it is extended), other files.
    const project = (name: string, files: string[]) => {
      const path = join(scratch, `${name}.tsconfig.json`);
      writeFileSync(path, JSON.stringify({ extends: resolve(ROOT, CONSUMER_TSCONFIG), files }));
      return path;
    };
    const empty = join(scratch, "empty.ts");
    writeFileSync(empty, "export {};\n");
    const cases: Record<string, string[]> = {
      "consumer of all three clients": ["--noEmit", "-p", CONSUMER_TSCONFIG],
      "empty file (TypeScript + lib + @types/node only)": ["--noEmit", "-p", project("empty", [empty])],
      "commet part alone": ["--noEmit", "-p", project("commet", [resolve(ROOT, "bench/consumer/commet.ts")])],
      "onet part alone": ["--noEmit", "-p", project("onet", [resolve(ROOT, "bench/consumer/onet.ts")])],
      "cloudplans part alone": ["--noEmit", "-p", project("cloudplans", [resolve(ROOT, "bench/consumer/cloudplans.ts")])],
      "same Commet calls through bare openapi-fetch": ["--noEmit", "-p", project("bare", [resolve(ROOT, "bench/consumer/commet-bare-openapi-fetch.ts")])],
    };
    const names = Object.keys(cases);
    for (const name of names) tsc(cases[name]!);
    const wall = new Map<string, number[]>();
    for (let index = 0; index < runs; index++) {
      for (const name of rotation(names, index)) (wall.get(name) ?? wall.set(name, []).get(name)!).push(tsc(cases[name]!).ms);
    }
    const diagnostics: Record<string, string> = {};
    for (const line of tsc(["--noEmit", "-p", CONSUMER_TSCONFIG, "--extendedDiagnostics"]).stdout.split("\n")) {
      const match = /^([A-Za-z /]+):\s+(\S+)$/.exec(line.trim());
      if (
        match &&
        /^(Files|Lines of Declarations|Lines of TypeScript|Types|Instantiations|Memory used|Parse time|Bind time|Check time|Program time|Total time)$/.test(
          match[1]!,
        )
      )
        diagnostics[match[1]!] = match[2]!;
    }
    return {
      command: `node_modules/.bin/tsc --noEmit -p ${CONSUMER_TSCONFIG}`,
      runs,
      wallMs: Object.fromEntries(names.map((name) => [name, summarize(wall.get(name)!)])),
      diagnostics,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
