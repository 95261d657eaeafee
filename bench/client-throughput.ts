/**
 * The same Commet Get add-on call through four clients, against the loopback server of `server.ts` in
 * its own process: raw `fetch`, bare openapi-fetch, specwright's Commet client (default retries and
 * timeouts) and the official `@commet/node` SDK (pointed at the server by wrapping `fetch`). Each
 * client runs in its own worker process (`client-worker.ts`); one worker at a time, in interleaved,
 * rotating rounds; sequential calls (concurrency 1). Medians per client, ratios paired per round.
 * A second pass swaps the network for a canned Response: each client's own CPU cost per call.
 */
import { startTsProcess, type Started } from "./lib/processes.js";
import { pairedRatio, rotation, summarize, type Summary } from "./lib/stats.js";

export const CLIENT_VARIANTS = ["raw fetch", "openapi-fetch", "specwright", "@commet/node"] as const;
export type ClientVariant = (typeof CLIENT_VARIANTS)[number];

export interface ClientThroughputOptions {
  rounds: number;
  /** Calls per client per round. */
  callsPerRound: number;
  warmupCalls: number;
}

export interface ClientThroughputResult {
  options: ClientThroughputOptions;
  /** Calls per second, per round. */
  throughput: Record<ClientVariant, Summary>;
  /** Microseconds per call at the median throughput. */
  latencyUs: Record<ClientVariant, number>;
  /** Median of the per-round ratios of calls per second. */
  ratios: { specwrightVsOpenapiFetch: number; specwrightVsCommetNode: number; openapiFetchVsRawFetch: number; commetNodeVsRawFetch: number };
  /** Microseconds per call of each client's own work (canned Response, no network). */
  overheadUs: Record<ClientVariant, Summary>;
}

/** A variant and, for experiments, the module that replaces `specwright/commet`. */
export interface Contender {
  name: string;
  variant: string;
  module?: string;
}

export const CONTENDERS: Contender[] = CLIENT_VARIANTS.map((variant) => ({ name: variant, variant }));

interface Worker {
  started: Started;
  run(count: number): Promise<number>;
}

async function startWorker(contender: Contender, target: string): Promise<Worker> {
  const started = await startTsProcess("bench/client-worker.ts", [contender.variant, target, ...(contender.module ? [contender.module] : [])], /READY/, {
    ipc: true,
  });
  const { child } = started;
  return {
    started,
    run: (count) =>
      new Promise((resolvePromise, reject) => {
        const onExit = (code: number | null) => reject(new Error(`${contender.name} worker exited with ${code} during a round`));
        child.once("exit", onExit);
        child.once("message", (message: { ms: number }) => {
          child.off("exit", onExit);
          resolvePromise(message.ms);
        });
        child.send({ run: count });
      }),
  };
}

/**
 * Runs every contender's worker for `rounds` interleaved rounds (A B C D, B C D A, …) of `calls` calls
 * after a warm-up; returns calls per second per round, by contender name.
 */
export async function interleavedRounds(contenders: Contender[], target: string, options: ClientThroughputOptions): Promise<Record<string, number[]>> {
  const workers = new Map<string, Worker>();
  try {
    for (const contender of contenders) workers.set(contender.name, await startWorker(contender, target));
    for (const contender of contenders) await workers.get(contender.name)!.run(options.warmupCalls);
    const perSecond: Record<string, number[]> = Object.fromEntries(contenders.map((contender) => [contender.name, []]));
    for (let index = 0; index < options.rounds; index++) {
      for (const contender of rotation(contenders, index)) {
        const ms = await workers.get(contender.name)!.run(options.callsPerRound);
        perSecond[contender.name]!.push((options.callsPerRound * 1000) / ms);
      }
    }
    return perSecond;
  } finally {
    await Promise.all([...workers.values()].map((worker) => worker.started.stop()));
  }
}

/** Starts the loopback server (`server.ts`), runs `body` with its base URL, stops it. */
export async function withLoopbackServer<T>(body: (baseUrl: string) => Promise<T>): Promise<T> {
  const server = await startTsProcess("bench/server.ts", [], /READY (\S+)/);
  try {
    return await body(server.match[1]!);
  } finally {
    await server.stop();
  }
}

export async function benchClientThroughput(options: ClientThroughputOptions, log: (line: string) => void = console.log): Promise<ClientThroughputResult> {
  const perSecond = await withLoopbackServer(async (baseUrl) => {
    log(`client throughput: ${options.rounds} interleaved rounds of ${options.callsPerRound} sequential calls per client, server ${baseUrl}`);
    const rates = await interleavedRounds(CONTENDERS, baseUrl, options);
    // Every client must have reached the server: it counts what it served.
    const { served } = (await (await fetch(new URL("/__served", baseUrl))).json()) as { served: number };
    const expected = CONTENDERS.length * (1 + options.warmupCalls + options.rounds * options.callsPerRound);
    if (served !== expected) throw new Error(`the loopback server served ${served} calls, expected ${expected}: some client did not reach it`);
    return rates as Record<ClientVariant, number[]>;
  });
  log("client overhead: the same calls against a canned Response, in each worker");
  const canned = (await interleavedRounds(CONTENDERS, "canned", { ...options, callsPerRound: options.callsPerRound * 2 })) as Record<ClientVariant, number[]>;

  const throughput = Object.fromEntries(CLIENT_VARIANTS.map((variant) => [variant, summarize(perSecond[variant])])) as Record<ClientVariant, Summary>;
  return {
    options,
    throughput,
    latencyUs: Object.fromEntries(CLIENT_VARIANTS.map((variant) => [variant, 1e6 / throughput[variant].median])) as Record<ClientVariant, number>,
    ratios: {
      specwrightVsOpenapiFetch: pairedRatio(perSecond.specwright, perSecond["openapi-fetch"]),
      specwrightVsCommetNode: pairedRatio(perSecond.specwright, perSecond["@commet/node"]),
      openapiFetchVsRawFetch: pairedRatio(perSecond["openapi-fetch"], perSecond["raw fetch"]),
      commetNodeVsRawFetch: pairedRatio(perSecond["@commet/node"], perSecond["raw fetch"]),
    },
    overheadUs: Object.fromEntries(CLIENT_VARIANTS.map((variant) => [variant, summarize(canned[variant].map((rate) => 1e6 / rate))])) as Record<
      ClientVariant,
      Summary
    >,
  };
}
