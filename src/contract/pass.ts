/** The one shape every pass of a contract run has: the dredd pass, the negative cases, the generated cases, the flows. */
import { tally, type CaseResult, type ContractReport } from "./report/results.js";
import type { ContractTarget, Scenario } from "./types.js";

/** What every pass accepts; each pass adds its own options. */
export interface PassOptions {
  /** Only these operationIds: the pass sends no request for the others. */
  only?: readonly string[];
}

/**
 * One pass over one API: the scenario says which API and how its statuses are driven, the target which
 * server; the report tallies the pass's own cases (suite.ts joins the passes into the run's report).
 */
export type ContractPass<Options extends PassOptions = PassOptions> = <Client>(
  scenario: Scenario<Client>,
  target: ContractTarget,
  options?: Options,
) => Promise<ContractReport>;

/** A pass's cases as its report. */
export function passReport(scenario: Pick<Scenario<unknown>, "api">, target: ContractTarget, cases: CaseResult[]): ContractReport {
  return tally(scenario.api, target.live ? "live" : "mock", cases);
}
