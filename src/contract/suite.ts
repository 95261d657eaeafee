/**
 * One contract run for one API: dredd over the spec's examples with every documented status driven,
 * then the negative cases generated from the spec's constraints, then schema-valid requests generated
 * with fast-check, then the declared flows. Every response of every pass is validated against the
 * spec, and whatever the run created is removed at the end, also when a pass throws.
 */
import type { ApiName } from "../spec/apis.js";
import { getOperations } from "../spec/operations.js";
import { createCleanupTracker, type CleanupReport } from "./cleanup/tracker.js";
import { runFlows } from "./flows/run.js";
import { runNegativeCases } from "./cases/negative.js";
import { runPropertyCases } from "./cases/properties.js";
import { tally, type CaseResult, type ContractReport } from "./report/results.js";
import { runContract } from "./dredd/run.js";
import { isWrite } from "./live/safety.js";
import { scenarios } from "./scenarios/index.js";
import type { ContractTarget } from "./types.js";

/** CI's seed, so that a red run can be replayed exactly. */
export const DEFAULT_SEED = 20261121;
export const DEFAULT_RUNS = 25;

export interface SuiteOptions {
  /** Only these operationIds (the others are left out of every pass). */
  only?: readonly string[];
  /** fast-check's seed for the generated requests. */
  seed?: number;
  /** Generated requests per operation; 0 leaves the property pass out. */
  runs?: number;
  /** Print dredd's own lines. */
  verbose?: boolean;
}

export async function runSuite(api: ApiName, target: ContractTarget, options: SuiteOptions = {}): Promise<ContractReport> {
  const only = options.only ? { only: options.only } : {};
  const runs = options.runs ?? DEFAULT_RUNS;
  const seed = options.seed ?? DEFAULT_SEED;
  const cleanup = createCleanupTracker(api, target, scenarios[api].perRequestHeaders);
  const tracked: ContractTarget = { ...target, observe: (observation) => (target.observe?.(observation), cleanup.observe(observation)) };
  const cases: CaseResult[] = [];
  const started = performance.now();
  try {
    cases.push(...(await runContract(scenarios[api], tracked, { ...only, verbose: options.verbose ?? false })).cases);
    cases.push(...(await runNegativeCases(api, tracked, only)));
    if (runs > 0) cases.push(...(await runPropertyCases(api, tracked, { ...only, seed, runs })));
    cases.push(...(await runFlows(api, tracked, only)));
  } finally {
    // Runs also when a pass threw: what the run created goes, whatever happened to the run.
    cases.push(...cleanupCases(await cleanup.run()));
  }
  return { ...tally(api, target.live ? "live" : "mock", cases), generation: { seed, runs }, durationMs: performance.now() - started };
}

/** The clean-up as cases of the report: a removal passes, anything left behind fails the run. */
function cleanupCases(report: CleanupReport): CaseResult[] {
  const base = { kind: "cleanup", method: "-", path: "-", status: "clean-up", schemaValidated: false } as const;
  // A left-behind entry starts with its call's label; one whose undo could not even be built took no time.
  const duration = (entry: string) => {
    const label = [...report.durationsMs.keys()].find((candidate) => entry === candidate || entry.startsWith(`${candidate}:`));
    return label === undefined ? {} : { durationMs: report.durationsMs.get(label)! };
  };
  return [
    ...report.removed.map((label): CaseResult => ({ ...base, operationId: label.split(" ")[0]!, variant: label, outcome: "pass", ...duration(label) })),
    ...report.leftBehind.map((label): CaseResult => ({ ...base, operationId: label.split(/[ :]/)[0]!, variant: "left behind", outcome: "fail", message: `left behind: ${label}`, ...duration(label) })),
  ];
}

/** The operations a run sends that create, change, delete or charge (drivers may write set-up data too). */
export function plannedWrites(api: ApiName): { operationId: string; method: string; path: string; summary?: string }[] {
  return getOperations(api)
    .operations.filter(isWrite)
    .map((operation) => ({
      operationId: operation.operationId,
      method: operation.method.toUpperCase(),
      path: operation.path,
      ...(operation.object.summary ? { summary: operation.object.summary } : {}),
    }));
}
