/**
 * `specwright contract`: runs each API's contract suite against a fresh embedded mock, or against one
 * live server (`--base-url`), prints the coverage table as each API finishes, writes the report file,
 * and says whether the run passed. Everything that can refuse the run does so before anything is sent.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { AllowlistError, judgeCoverage, loadAllowlist, verdictPasses, type AllowlistEntry } from "../contract/report/allowlist.js";
import { createDriftCollector } from "../contract/drift/collector.js";
import { driftFails } from "../contract/drift/findings.js";
import type { DriftReport } from "../contract/drift/types.js";
import { formatDriftFile } from "../contract/drift/yaml.js";
import { coverageOf } from "../contract/report/coverage.js";
import { formatApi, formatSummary, reporters, type ApiResult } from "../contract/report/reporters/index.js";
import { totals } from "../contract/report/reporters/types.js";
import type { Fixtures } from "../contract/fixtures.js";
import type { ContractReport } from "../contract/report/results.js";
import { scenarios } from "../contract/scenarios/index.js";
import { plannedWrites, runSuite, type SuiteOptions } from "../contract/suite.js";
import type { ContractTarget } from "../contract/types.js";
import { createRedactor, redactValue, type Redactor } from "../core/redact.js";
import { startMock } from "../mock/index.js";
import type { ApiName } from "../spec/apis.js";
import { getOperations } from "../spec/operations.js";
import { DEFAULT_OUTPUT, refusePlainHttp, type ContractCommand } from "./arguments.js";
import { LIVE_CREDENTIALS, liveCredentials } from "./credentials.js";
import { displayUrl, resolvesToLoopback, type Lookup } from "./loopback.js";
import { readFixturesFile } from "./fixtures-file.js";
import { preflight } from "./preflight.js";
import { UsageError } from "./usage-error.js";

/** Resolves to the exit code: 0 when the run passed, 1 when it failed or could not complete. */
export async function runContractCommand(command: ContractCommand, lookup?: Lookup): Promise<number> {
  const live = command.baseUrl ? await prepareLive(command, command.baseUrl, lookup) : undefined;
  const allowlist = live ? [] : readAllowlist(command);
  // Nothing printed or written may hold a credential, in any form a server may echo it in. Results are
  // redacted as data, before a reporter escapes them (XML would hide a key with `&` from a text pass),
  // and the rendered text once more.
  const redact = createRedactor(live?.secrets ?? []);
  // With --output -, stdout carries the report alone.
  const table = command.output === "-" ? process.stderr : process.stdout;
  if (live) {
    const api = command.apis[0]!;
    const problem = await preflight(api, live.url.href, live.credentials, LIVE_CREDENTIALS[api].variable);
    if (problem) {
      process.stderr.write(`specwright contract: ${api}: ${redact(problem.message)}\n`);
      return 1;
    }
  }
  const results: ApiResult[] = [];
  const interrupt = onInterrupt();
  try {
    for (const api of command.apis) {
      if (interrupt.signal.aborted) break;
      process.stderr.write(`specwright contract: ${api} against ${live ? displayUrl(live.url) : "a fresh mock"}…\n`);
      let result: ApiResult;
      try {
        result = live ? await runLive(api, command, live, interrupt.signal) : await runAgainstMock(api, command, allowlist, interrupt.signal);
      } catch (error) {
        process.stderr.write(`specwright contract: ${api}: the run could not complete: ${redact(error instanceof Error ? error.message : String(error))}\n`);
        return interrupt.signal.aborted ? INTERRUPTED : 1;
      }
      recordResult(result);
    }
  } finally {
    interrupt.dispose();
  }
  table.write(`${formatSummary(results)}\n`);
  const document = redact(reporters[command.reporter](results));
  if (command.output === "-") {
    process.stdout.write(document);
  } else {
    mkdirSync(dirname(command.output), { recursive: true });
    writeFileSync(command.output, document);
    process.stderr.write(`specwright contract: ${command.reporter} report written to ${command.output}\n`);
  }
  if (interrupt.signal.aborted) return INTERRUPTED;
  return totals(results).ok ? 0 : 1;

  function recordResult(result: ApiResult): void {
    const redacted = redactValue(result, redact);
    if (redacted.drift?.file) writeDriftFile(redacted, redacted.drift.file, redact);
    results.push(redacted);
    table.write(`${redact(formatApi(redacted))}\n\n`);
  }
}

/** The exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const INTERRUPTED = 130;

/**
 * The first Ctrl-C stops the run from sending more cases and lets it remove what it created (the
 * suite's clean-up runs on its way out); the second one, with no handler left, quits at once.
 */
function onInterrupt(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const handler = () => {
    process.stderr.write("specwright contract: interrupted: no new requests; removing what the run created (Ctrl-C again to quit at once)\n");
    controller.abort();
  };
  process.once("SIGINT", handler);
  return { signal: controller.signal, dispose: () => process.removeListener("SIGINT", handler) };
}

export interface LiveRun {
  url: URL;
  credentials: Record<string, string>;
  secrets: string[];
  /** The host is loopback: literally, or a `*.localhost` name whose every address is. */
  loopback: boolean;
  fixtures?: Fixtures;
}

/**
 * Where the live server is, credentials from the environment, and the write gate: list what would be
 * written, and ask for --yes off loopback. `lookup` resolves a `*.localhost` name (a test seam).
 */
export async function prepareLive(command: ContractCommand, url: URL, lookup?: Lookup): Promise<LiveRun> {
  const loopback = await resolvesToLoopback(url.hostname, lookup);
  refusePlainHttp(url, loopback);
  const api = command.apis[0]!;
  const { headers, secrets } = liveCredentials(api, process.env);
  const fixtures = command.fixtures !== undefined ? readFixturesFile(command.fixtures, api) : undefined;
  if (command.allowWrites) {
    const writes = plannedWrites(api);
    const width = Math.max(0, ...writes.map((write) => write.method.length));
    process.stderr.write(
      `specwright contract: --allow-writes: this run may send these ${writes.length} kinds of write to ${displayUrl(url)} (${api}), ` +
        `as cases and as the set-up steps of other cases:\n` +
        writes.map((write) => `  ${write.method.padEnd(width)} ${write.path}  ${write.operationId}${write.summary ? `: ${write.summary}` : ""}\n`).join(""),
    );
    if (!loopback) {
      if (!command.yes)
        throw new UsageError(
          `contract: refusing to send writes to ${url.host}, which is not a loopback host: review the list above, then add --yes to confirm.`,
        );
      process.stderr.write(`specwright contract: writes to ${url.host} confirmed with --yes.\n`);
    }
  }
  return { url, credentials: headers, secrets, loopback, ...(fixtures ? { fixtures } : {}) };
}

function readAllowlist(command: ContractCommand): AllowlistEntry[] {
  try {
    return loadAllowlist(command.allowlist.path, command.allowlist.explicit);
  } catch (error) {
    if (error instanceof AllowlistError) throw new UsageError(`contract: invalid allowlist:\n${error.message}`);
    throw error;
  }
}

function suiteOptions(api: ApiName, command: ContractCommand): SuiteOptions {
  const only = command.only?.[api];
  return {
    ...(only ? { only } : {}),
    ...(command.seed !== undefined ? { seed: command.seed } : {}),
    ...(command.runs !== undefined ? { runs: command.runs } : {}),
    verbose: command.verbose,
  };
}

async function runAgainstMock(api: ApiName, command: ContractCommand, allowlist: readonly AllowlistEntry[], signal: AbortSignal): Promise<ApiResult> {
  const mock = await startMock(api);
  try {
    // The mock's own account values, as a user of a live account would give them (the flows read them).
    const target: ContractTarget = {
      api,
      baseUrl: mock.url,
      credentials: scenarios[api].mockCredentials,
      controlUrl: mock.controlUrl,
      fixtures: mock.fixtures(),
      signal,
    };
    const report = await runSuite(api, target, suiteOptions(api, command));
    return resultOf(api, command, report, allowlist, `the mock at ${mock.url}`);
  } finally {
    await mock.close();
  }
}

async function runLive(api: ApiName, command: ContractCommand, live: LiveRun, signal: AbortSignal): Promise<ApiResult> {
  const target: ContractTarget = {
    api,
    signal,
    baseUrl: live.url.href.replace(/\/+$/, ""),
    credentials: live.credentials,
    live: true,
    allowWrites: command.allowWrites,
    ...(live.fixtures ? { fixtures: live.fixtures } : {}),
    // The clients do not resolve names, so a `*.localhost` host found to be loopback is vouched for here.
    ...(live.loopback ? { allowInsecureHttp: true } : {}),
  };
  const collector = createDriftCollector(api);
  const report = await runSuite(api, { ...target, observe: collector.observe }, suiteOptions(api, command));
  const drift = {
    ...collector.report({ strict: command.strict }),
    file: join(command.output === "-" ? dirname(DEFAULT_OUTPUT.json) : dirname(command.output), `drift-${api}.yaml`),
  };
  return resultOf(api, command, report, [], `${displayUrl(live.url)} (live, ${command.allowWrites ? "writes allowed" : "read-only"})`, drift);
}

/** The drift file next to the report: proposed spec changes, redacted like everything else written. */
function writeDriftFile(result: ApiResult, file: string, redact: Redactor): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, redact(formatDriftFile(result.report.api, result.server, result.drift!)));
  process.stderr.write(`specwright contract: drift report written to ${file}\n`);
}

function resultOf(
  api: ApiName,
  command: ContractCommand,
  report: ContractReport,
  allowlist: readonly AllowlistEntry[],
  server: string,
  drift?: DriftReport,
): ApiResult {
  const only = command.only?.[api];
  const operations = getOperations(api).operations.filter((operation) => !only || only.includes(operation.operationId));
  const coverage = coverageOf(report, only);
  const verdict = judgeCoverage(api, coverage, allowlist, { enforced: report.target === "mock", ...(only ? { operations: only } : {}) });
  return {
    report,
    coverage,
    verdict,
    server,
    operations: operations.map(({ operationId, method, path }) => ({ operationId, method, path })),
    ok: verdictPasses(report.failed, verdict) && !(drift && driftFails(drift)),
    ...(drift ? { drift } : {}),
  };
}
