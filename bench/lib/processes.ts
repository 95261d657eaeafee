/**
 * Servers under test run in their own processes, so that the load generator never shares an event
 * loop with them. Helpers to start one, wait until it listens, read its CPU time and stop it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { stripVTControlCharacters } from "node:util";

export const ROOT = resolve(import.meta.dirname, "..", "..");
export const BIN = (name: string): string => resolve(ROOT, "node_modules", ".bin", name);

export interface Started {
  child: ChildProcess;
  /** The first stdout line that matched `ready`, with the match's groups. */
  match: RegExpMatchArray;
  stop(): Promise<void>;
}

/**
 * Spawns `command`, resolves once its stdout matches `ready` (or once it has spawned, when `ready` is
 * null: the caller then polls it); rejects on exit or after `timeoutMs`.
 */
export function startProcess(
  command: string,
  args: string[],
  ready: RegExp | null,
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv; ipc?: boolean } = {},
): Promise<Started> {
  const stdio = options.ipc ? (["ignore", "pipe", "pipe", "ipc"] as const) : (["ignore", "pipe", "pipe"] as const);
  const child = spawn(command, args, { cwd: ROOT, stdio: [...stdio], env: { ...process.env, ...options.env } });
  const timeoutMs = options.timeoutMs ?? 30_000;
  let output = "";
  return new Promise<Started>((resolvePromise, reject) => {
    const onStdout = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      // Strip colour codes: Prism colours its log lines.
      const match = ready && stripVTControlCharacters(output).match(ready);
      if (match) done(match);
    };
    const onStderr = (chunk: Buffer) => {
      output += chunk.toString("utf8");
    };
    const onEarlyExit = (code: number | null) => fail(new Error(`${command} ${args.join(" ")} exited with ${code} before it was ready\n${output}`));
    const timer = setTimeout(() => fail(new Error(`${command} ${args.join(" ")}: not ready after ${timeoutMs} ms\n${output}`)), timeoutMs);
    const settle = () => {
      clearTimeout(timer);
      child.off("exit", onEarlyExit);
      child.stdout!.off("data", onStdout);
      child.stderr!.off("data", onStderr);
    };
    const fail = (error: Error) => {
      settle();
      child.kill("SIGKILL");
      reject(error);
    };
    const done = (match: RegExpMatchArray) => {
      settle();
      // Keep draining, so that a chatty server never blocks on a full pipe.
      child.stdout!.resume();
      child.stderr!.resume();
      resolvePromise({ child, match, stop: () => stopProcess(child) });
    };
    child.stdout!.on("data", onStdout);
    child.stderr!.on("data", onStderr);
    child.once("exit", onEarlyExit);
    if (ready === null) child.once("spawn", () => done([] as unknown as RegExpMatchArray));
  });
}

export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolvePromise) => {
    child.once("exit", () => resolvePromise());
    // A worker with an IPC channel exits by itself once it is closed (and writes its --cpu-prof then).
    if (child.connected) child.disconnect();
    else child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGTERM"), 3_000).unref();
    setTimeout(() => child.kill("SIGKILL"), 6_000).unref();
  });
}

/** `node --import tsx <file>`: one process (the tsx CLI would add a second). */
export function startTsProcess(file: string, args: string[], ready: RegExp, options: { ipc?: boolean } = {}): Promise<Started> {
  return startProcess(process.execPath, ["--import", "tsx", resolve(ROOT, file), ...args], ready, options);
}

/** User + system CPU time of a process so far, in milliseconds (Linux /proc; NaN elsewhere). */
export function cpuTimeMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start at state: utime is the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    // USER_HZ is 100 on every Linux this runs on.
    return ticks * 10;
  } catch {
    return Number.NaN;
  }
}

/** A free TCP port on loopback, for servers that cannot pick their own (Prism). */
export function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePromise(port));
    });
  });
}
