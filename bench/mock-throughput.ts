/**
 * The specwright Commet mock beside Prism's mock of the same spec, on the same operation (Get add-on),
 * each in its own process, at concurrency 1 and 32. A lean keep-alive load generator (`lib/load.ts`)
 * runs in this process for a fixed time per round; rounds are interleaved and rotate. Besides
 * requests per second it reads each server's CPU time, so that "CPU per request" shows the server's
 * own cost even where the machine (2 cores: server and generator) is the limit, and it runs a bare
 * node:http server (`server.ts`) the same way, as the ceiling of what this machine allows.
 */
import { ADDON_ID, API_KEY } from "./lib/fixtures.js";
import { load } from "./lib/load.js";
import { BIN, cpuTimeMs, freePort, startProcess, startTsProcess, type Started } from "./lib/processes.js";
import { rotation, summarize, type Summary } from "./lib/stats.js";

export interface MockThroughputOptions {
  rounds: number;
  /** Length of one measured segment. */
  segmentMs: number;
  warmupMs: number;
  concurrencies: number[];
  /** Run Prism too (the default): it takes a while to start, and only the ceiling ratio is a goal. */
  prism?: boolean;
}

/**
 * "node:http ceiling" is `server.ts`, a bare node:http server answering a fixed body: no routing,
 * validation or state. It shows what any Node server can reach through this load generator on this
 * machine, so that a ratio bounded by the loopback round trip is not read as the mock's own cost.
 */
export type MockServerName = "specwright" | "prism" | "node:http ceiling";

export interface MockSegmentResult {
  server: MockServerName;
  concurrency: number;
  /** Requests per second, per round. */
  throughput: Summary;
  /** Server CPU microseconds per request, per round. */
  serverCpuUs: Summary;
}

export interface MockThroughputResult {
  options: MockThroughputOptions;
  /** How Prism was started; undefined when it was left out. */
  prismCommand?: string;
  segments: MockSegmentResult[];
  /** specwright / Prism throughput, median of the per-round ratios, by concurrency (`c1`, `c32`); empty without Prism. */
  ratios: Record<string, number>;
  /** specwright / the node:http ceiling, the same way: how close the mock runs to the machine's limit. */
  ofCeiling: Record<string, number>;
}

interface Target {
  server: MockServerName;
  url: string;
  started: Started;
}

const HEADERS = { "x-api-key": API_KEY, accept: "application/json" };

export async function benchMockThroughput(options: MockThroughputOptions, log: (line: string) => void = console.log): Promise<MockThroughputResult> {
  const prismPort = await freePort();
  // Prism at `-v warn`: at its default, `info`, it writes log lines for every request.
  const prismArgs = ["mock", "specs/commet/openapi.yaml", "--host", "127.0.0.1", "--port", String(prismPort), "--verboseLevel", "warn"];
  const targets: Target[] = [];
  try {
    const specwright = await startTsProcess("bench/mock-server.ts", [], /READY (\S+) (\S+)/);
    targets.push({ server: "specwright", url: `${specwright.match[1]}/addons/${specwright.match[2]}`, started: specwright });
    const withPrism = options.prism ?? true;
    if (withPrism) {
      // Prism prints its routes at `info` only; with `warn` it is ready when it answers.
      const prism = await startProcess(BIN("prism"), prismArgs, null);
      targets.push({ server: "prism", url: `http://127.0.0.1:${prismPort}/addons/${ADDON_ID}`, started: prism });
      await waitUntilAnswers(new URL(targets[1]!.url), 60_000);
    }
    const ceiling = await startTsProcess("bench/server.ts", [], /READY (\S+)/);
    targets.push({ server: "node:http ceiling", url: `${ceiling.match[1]}/addons/${ADDON_ID}`, started: ceiling });

    for (const target of targets) {
      const response = await fetch(target.url, { headers: HEADERS });
      const body = (await response.json()) as { data?: { slug?: string } };
      if (response.status !== 200 || body.data?.slug !== "priority-support")
        throw new Error(`${target.server} mock: GET ${target.url} answered ${response.status} ${JSON.stringify(body)}`);
    }
    log(`mock throughput: ${options.rounds} interleaved rounds of ${options.segmentMs} ms per server and concurrency (${options.concurrencies.join(", ")})`);
    const cells = targets.flatMap((target) => options.concurrencies.map((concurrency) => ({ target, concurrency })));
    for (const cell of cells) await load(new URL(cell.target.url), HEADERS, cell.concurrency, options.warmupMs);

    const rates = new Map<string, number[]>();
    const cpu = new Map<string, number[]>();
    const keyOf = (cell: (typeof cells)[number]) => `${cell.target.server}/${cell.concurrency}`;
    for (let index = 0; index < options.rounds; index++) {
      for (const cell of rotation(cells, index)) {
        const pid = cell.target.started.child.pid;
        const cpuBefore = cpuTimeMs(pid);
        const { rate, requests } = await load(new URL(cell.target.url), HEADERS, cell.concurrency, options.segmentMs);
        const cpuMs = cpuTimeMs(pid) - cpuBefore;
        (rates.get(keyOf(cell)) ?? rates.set(keyOf(cell), []).get(keyOf(cell))!).push(rate);
        (cpu.get(keyOf(cell)) ?? cpu.set(keyOf(cell), []).get(keyOf(cell))!).push((cpuMs * 1000) / requests);
      }
    }
    const segments: MockSegmentResult[] = cells.map((cell) => ({
      server: cell.target.server,
      concurrency: cell.concurrency,
      throughput: summarize(rates.get(keyOf(cell))!),
      serverCpuUs: summarize(cpu.get(keyOf(cell))!),
    }));
    const ratio = (server: MockServerName, concurrency: number) => {
      const ours = rates.get(`specwright/${concurrency}`)!;
      const theirs = rates.get(`${server}/${concurrency}`)!;
      return summarize(ours.map((rate, index) => rate / theirs[index]!)).median;
    };
    const ratios = withPrism ? Object.fromEntries(options.concurrencies.map((concurrency) => [`c${concurrency}`, ratio("prism", concurrency)])) : {};
    const ofCeiling = Object.fromEntries(options.concurrencies.map((concurrency) => [`c${concurrency}`, ratio("node:http ceiling", concurrency)]));
    const prismCommand = withPrism ? `node_modules/.bin/prism ${prismArgs.join(" ").replace(String(prismPort), "<free port>")}` : undefined;
    return { options, ...(prismCommand ? { prismCommand } : {}), segments, ratios, ofCeiling };
  } finally {
    await Promise.all(targets.map((target) => target.started.stop()));
  }
}

async function waitUntilAnswers(url: URL, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await (await fetch(url, { headers: HEADERS })).arrayBuffer();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${url.href} did not answer within ${timeoutMs} ms: ${(error as Error).message}`);
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 200));
    }
  }
}
