/**
 * Issue 19, goal 4: how long `specwright contract` takes on all three APIs against its default mocks
 * (goal ≤ 20 s), and how long the CLI takes from its start to its first request (goal ≤ 1 s). Runs the
 * built CLI (`dist/`, what an installed `specwright` runs), so `npm run build` first.
 *
 *   npx tsx bench/contract-time.ts [--rounds 3]
 *
 * First request: the CLI is pointed (`--base-url`, read-only live mode) at an OnetSolutions mock behind
 * a pass-through proxy in this process, which notes when the first request arrives; the time is from
 * the spawn of the CLI's process to that arrival.
 */
import { spawn } from "node:child_process";
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { startMock } from "../src/mock/index.js";
import { ROOT } from "./lib/processes.js";
import { summarize } from "./lib/stats.js";

const CLI = resolve(ROOT, "dist", "src", "cli", "main.js");

/** Runs the CLI to its end; resolves with its wall time in ms, or rejects with its output. */
function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  return new Promise((resolvePromise, reject) => {
    child.on("close", (code) =>
      code === 0 ? resolvePromise(performance.now() - started) : reject(new Error(`specwright ${args.join(" ")} exited ${code}\n${output}`)),
    );
  });
}

/** The ms from the CLI's spawn to the first request reaching a server, for a read-only OnetSolutions run. */
async function firstRequestMs(): Promise<number> {
  const mock = await startMock("onet");
  const upstream = new URL(mock.url);
  let spawnedAt = 0;
  let firstAt: number | undefined;
  const proxy = createServer((incoming, outgoing) => {
    firstAt ??= performance.now();
    const forwarded = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: upstream.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forwarded);
  });
  await new Promise<void>((listening) => proxy.listen(0, "127.0.0.1", listening));
  const { port } = proxy.address() as AddressInfo;
  try {
    spawnedAt = performance.now();
    await runCli(["contract", "onet", "--base-url", `http://127.0.0.1:${port}`, "--only", "listOrganizations", "--runs", "0"], {
      ONET_TOKEN: "sk-onetsolutions-bench",
    }).catch(() => undefined);
    if (firstAt === undefined) throw new Error("the CLI sent no request");
    return firstAt - spawnedAt;
  } finally {
    proxy.closeAllConnections();
    await new Promise((closed) => proxy.close(closed));
    await mock.close();
  }
}

const { values } = parseArgs({ options: { rounds: { type: "string", default: "3" } } });
const rounds = Number(values.rounds);
const whole: number[] = [];
const first: number[] = [];
for (let round = 0; round < rounds; round++) {
  whole.push(await runCli(["contract"]));
  first.push(await firstRequestMs());
}
const contract = summarize(whole.map((ms) => ms / 1000));
const startup = summarize(first);
console.log(
  `specwright contract, all three APIs, default mocks: median ${contract.median.toFixed(1)} s (p25 ${contract.p25.toFixed(1)}, p75 ${contract.p75.toFixed(1)}; goal ≤ 20 s)`,
);
console.log(`start-up to first request: median ${startup.median.toFixed(0)} ms (p25 ${startup.p25.toFixed(0)}, p75 ${startup.p75.toFixed(0)}; goal ≤ 1000 ms)`);
