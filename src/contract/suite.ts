/**
 * One contract run for one API: dredd over the spec's examples with every documented status driven,
 * then the negative cases generated from the spec's constraints, then schema-valid requests generated
 * with fast-check. Every response of all three passes is validated against the spec.
 */
import type { ApiName } from "../spec/apis.js";
import { getOperations } from "../spec/operations.js";
import { runNegativeCases } from "./negative.js";
import { runPropertyCases } from "./properties.js";
import { tally, type ContractReport } from "./results.js";
import { runContract } from "./run.js";
import { isWrite } from "./safety.js";
import { scenarios } from "./scenarios.js";
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
  const examples = await runContract(scenarios[api], target, { ...only, verbose: options.verbose ?? false });
  const negative = await runNegativeCases(api, target, only);
  const runs = options.runs ?? DEFAULT_RUNS;
  const seed = options.seed ?? DEFAULT_SEED;
  const property = runs > 0 ? await runPropertyCases(api, target, { ...only, seed, runs }) : [];
  return { ...tally(api, examples.target, [...examples.cases, ...negative, ...property]), generation: { seed, runs } };
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
