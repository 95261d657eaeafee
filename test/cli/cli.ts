// Runs the `specwright` CLI as a user would (by default from the repository root), and collects what it
// prints and how it exits.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Modification times of every file under `directories` (relative to the root); none if one is missing. */
function modifiedTimes(directories: readonly string[]): number[] {
  try {
    return directories.flatMap((directory) =>
      readdirSync(join(ROOT, directory), { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs),
    );
  } catch {
    return [];
  }
}

/**
 * What runs the CLI: the built bin (`dist/`, what an installed `specwright` runs) when every source it
 * is built from is older than the build, as `npm test` leaves it; otherwise the sources through tsx, so
 * that a test never runs a stale build. The built CLI starts in half the CPU time (no tsx loader), and
 * the tests start about seventy of them.
 */
function entry(): string[] {
  const built = modifiedTimes(["dist"]);
  const sources = modifiedTimes(["src", "generated"]);
  if (built.length > 0 && sources.length > 0 && Math.max(...sources) < Math.min(...built)) return [`${ROOT}dist/src/cli/main.js`];
  // tsx's loader by its path: a run's working directory may be a scratch directory without node_modules.
  return ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href, `${ROOT}src/cli/main.ts`];
}
const ENTRY = entry();

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** Adds to (or, with `undefined`, removes from) the test's environment. */
  env?: Record<string, string | undefined>;
  /** The working directory (default: the repository root), where relative paths such as reports/ land. */
  cwd?: string;
}

/**
 * The CLI runs in one node process, as the installed `specwright` bin does (`node --import tsx` for the
 * sources): a signal sent to it reaches the CLI itself. (The tsx command relays a signal to its child
 * and, when the child has not acknowledged it within 30 ms on a busy machine, kills the child with
 * SIGKILL, so no handler of the CLI would run.) Node's warnings are off unless a test removes
 * NODE_OPTIONS (`env: { NODE_OPTIONS: undefined }`).
 */
export function startCli(
  args: readonly string[],
  { env = {}, cwd = ROOT }: CliOptions = {},
): { child: ChildProcess; done: Promise<CliRun>; output(): { stdout: string; stderr: string } } {
  const merged: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: "--no-warnings" };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  const child = spawn(process.execPath, [...ENTRY, ...args], { cwd, env: merged, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const done = new Promise<CliRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done, output: () => ({ stdout, stderr }) };
}

/** The first line the CLI prints on stdout (`specwright mock` prints its base URL), once it has. */
export async function firstLine(cli: ReturnType<typeof startCli>): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (!cli.output().stdout.includes("\n")) {
    if (Date.now() > deadline) throw new Error(`no URL printed; stderr: ${cli.output().stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return cli.output().stdout.split("\n")[0]!;
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  return startCli(args, options).done;
}
