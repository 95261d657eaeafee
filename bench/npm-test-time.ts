/**
 * Wall time of `npm test` (lint, generate:check, typecheck, build, vitest, contract), run once, its
 * output kept in `reports/npm-test.log`. It takes minutes, so `bench/run.ts` runs it only when asked
 * (`--npm-test`); the figure is recorded with its exit status, a failing run included.
 */
import { spawn } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { ROOT } from "./lib/processes.js";

export interface NpmTestTimeResult {
  command: string;
  wallMs: number;
  exitCode: number | null;
  log: string;
  /** vitest's own "Duration" (seconds), read from the log: the largest part of the wall time. */
  vitestSeconds?: number;
}

export function benchNpmTest(log: (line: string) => void = console.log): Promise<NpmTestTimeResult> {
  mkdirSync(resolve(ROOT, "reports"), { recursive: true });
  const logFile = "reports/npm-test.log";
  const output = createWriteStream(resolve(ROOT, logFile));
  log(`npm test: running it once (output in ${logFile})`);
  const start = performance.now();
  // Not inheriting SPECWRIGHT_CI_REPORT: the CI report of a benchmark run would overwrite CI's own.
  const { SPECWRIGHT_CI_REPORT: _ci, ...env } = process.env;
  const child = spawn("npm", ["test"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.pipe(output, { end: false });
  child.stderr.pipe(output, { end: false });
  return new Promise((resolvePromise, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      const wallMs = performance.now() - start;
      output.end(() => {
        // Colour codes sit around the figures; strip them before reading.
        const text = stripVTControlCharacters(readFileSync(resolve(ROOT, logFile), "utf8"));
        const vitest = /Duration\s+([\d.]+)s/.exec(text);
        resolvePromise({ command: "npm test", wallMs, exitCode: code, log: logFile, ...(vitest ? { vitestSeconds: Number(vitest[1]) } : {}) });
      });
    });
  });
}
