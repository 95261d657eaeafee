// Runs the `specwright` CLI as a user would (through tsx, by default from the repository root), and collects
// what it prints and how it exits.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = `${ROOT}node_modules/.bin/tsx`;

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
  /**
   * Run the CLI in one node process (`node --import tsx`) instead of under the tsx command, as the
   * installed `specwright` bin runs: a signal sent to it reaches the CLI itself. The tsx command relays
   * a signal to its child and, when the child has not acknowledged it within 30 ms (a busy machine),
   * kills the child with SIGKILL, so no handler of the CLI would run.
   */
  singleProcess?: boolean;
}

export function startCli(args: readonly string[], { env = {}, cwd = ROOT, singleProcess = false }: CliOptions = {}): { child: ChildProcess; done: Promise<CliRun>; output(): { stdout: string; stderr: string } } {
  const merged: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: "--no-warnings" };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  const [command, prefix] = singleProcess ? [process.execPath, ["--import", "tsx"]] : [TSX, []];
  const child = spawn(command, [...prefix, `${ROOT}src/cli/main.ts`, ...args], { cwd, env: merged, stdio: ["ignore", "pipe", "pipe"] });
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
