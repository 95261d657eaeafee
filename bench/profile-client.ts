/**
 * Where a client's time goes: runs one client of the client benchmark (`client-worker.ts`) under
 * `node --cpu-prof`, against a canned Response (its own work only) or the loopback server, and prints
 * the functions with the most self time.
 *
 *   npx tsx bench/profile-client.ts [--variant specwright] [--target canned|loopback] [--calls 30000] [--module FILE]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { withLoopbackServer } from "./client-throughput.js";
import { topSelfTime } from "./lib/cpu-profile.js";
import { ROOT, startProcess } from "./lib/processes.js";

const { values } = parseArgs({
  options: {
    variant: { type: "string", default: "specwright" },
    target: { type: "string", default: "canned" },
    calls: { type: "string", default: "30000" },
    module: { type: "string" },
    top: { type: "string", default: "25" },
  },
});

async function profile(target: string): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), "specwright-profile-"));
  try {
    const args = [
      "--cpu-prof",
      "--cpu-prof-dir",
      directory,
      "--import",
      "tsx",
      resolve(ROOT, "bench/client-worker.ts"),
      values.variant,
      target,
      ...(values.module ? [values.module] : []),
    ];
    const worker = await startProcess(process.execPath, args, /READY/, { ipc: true });
    const calls = Number(values.calls);
    const ms = await new Promise<number>((resolvePromise) => {
      worker.child.once("message", (message: { ms: number }) => resolvePromise(message.ms));
      worker.child.send({ run: calls });
    });
    // The profile is written when the process exits.
    await worker.stop();
    console.log(
      `${values.variant} against ${target === "canned" ? "a canned Response" : "the loopback server"}: ${calls} calls, ${((ms * 1000) / calls).toFixed(1)} µs per call (profiler on)`,
    );
    for (const line of topSelfTime(directory, Number(values.top))) console.log(line);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (values.target === "canned") await profile("canned");
else await withLoopbackServer(profile);
