/**
 * One contract run for one API: dredd over the spec's examples with every documented status driven,
 * then the negative cases generated from the spec's constraints, then schema-valid requests generated
 * with fast-check, then the declared flows. Every response of every pass is validated against the
 * spec, and whatever the run created is removed at the end, also when a pass throws.
 */
import type { ApiName } from "../spec/apis.js";
import { getOperations } from "../spec/operations.js";
import { createCleanupTracker, type CleanupReport } from "./cleanup/tracker.js";
import { runFlowPass } from "./flows/run.js";
import { runNegativePass } from "./cases/negative.js";
import { DEFAULT_RUNS, DEFAULT_SEED, runPropertyPass, type PropertyPassOptions } from "./cases/properties.js";
import { runDreddPass, type DreddPassOptions } from "./dredd/run.js";
import { passReport, type ContractPass } from "./pass.js";
import type { CaseResult, ContractReport } from "./report/results.js";
import { isWrite } from "./live/safety.js";
import { scenarios } from "./scenarios/index.js";
import type { ContractTarget } from "./types.js";

/** Every pass's options: `only` goes to each pass, `verbose` to dredd's, `seed` and `runs` to the generated one. */
export interface SuiteOptions extends DreddPassOptions, PropertyPassOptions {}

/** The passes, in the order they run; each gets the scenario, the tracked target and the suite's options. */
const PASSES: readonly ContractPass<SuiteOptions>[] = [runDreddPass, runNegativePass, runPropertyPass, runFlowPass];

export async function runSuite(api: ApiName, target: ContractTarget, options: SuiteOptions = {}): Promise<ContractReport> {
  const runs = options.runs ?? DEFAULT_RUNS;
  const seed = options.seed ?? DEFAULT_SEED;
  const scenario = scenarios[api];
  const cleanup = createCleanupTracker(api, target, scenario.perRequestHeaders);
  const tracked: ContractTarget = {
    ...target,
    observe: (observation) => {
      target.observe?.(observation);
      cleanup.observe(observation);
    },
  };
  const cases: CaseResult[] = [];
  const started = performance.now();
  try {
    for (const pass of PASSES) cases.push(...(await pass(scenario, tracked, { ...options, seed, runs })).cases);
  } finally {
    // Runs also when a pass threw: what the run created goes, whatever happened to the run.
    cases.push(...cleanupCases(await cleanup.run()));
  }
  return { ...passReport(scenario, target, cases), generation: { seed, runs }, durationMs: performance.now() - started };
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
    ...report.leftBehind.map(
      (label): CaseResult => ({
        ...base,
        operationId: label.split(/[ :]/)[0]!,
        variant: "left behind",
        outcome: "fail",
        message: `left behind: ${label}`,
        ...duration(label),
      }),
    ),
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
