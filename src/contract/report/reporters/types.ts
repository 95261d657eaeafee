/** What every reporter gets: per API, the run's report, its coverage and the allowlist's verdict on it. */
import type { CoverageVerdict } from "../allowlist.js";
import type { DriftReport } from "../../drift/types.js";
import type { Coverage } from "../coverage.js";
import type { CaseResult, ContractReport } from "../results.js";

export interface ApiResult {
  report: ContractReport;
  coverage: Coverage;
  verdict: CoverageVerdict;
  /** Where the run went, fit to print: "the mock at http://127.0.0.1:…" or the live base URL without credentials. */
  server: string;
  /** The operations of the run's scope, in spec order (all of them unless `--only`). */
  operations: { operationId: string; method: string; path: string }[];
  /** No failed case, and (against the mock) no unexcused gap and no stale allowlist entry; (live, --strict) no drift warning. */
  ok: boolean;
  /** A live run's drift: how the server's responses differ from the spec (src/contract/drift/). */
  drift?: DriftReport;
}

/** Renders all APIs' results as one document (a text table, JSON, JUnit XML). */
export type Reporter = (results: readonly ApiResult[]) => string;

/** How a case is named everywhere: `200`, `200[getpaymentlink]`, `negative 4xx[…]`, `property no 5xx[…]`. */
export function caseLabel(result: CaseResult): string {
  const status = `${result.status}${result.variant ? `[${result.variant}]` : ""}`;
  return result.kind === "dredd" ? status : `${result.kind} ${status}`;
}

/**
 * Totals over all APIs. `notExercised` counts every documented pair a run left out, as the per-API
 * verdicts list them; `notExercisedFailing` only those that fail the run (against a mock, not allowlisted).
 */
export function totals(results: readonly ApiResult[]): {
  passed: number;
  failed: number;
  skipped: number;
  notExercised: number;
  notExercisedFailing: number;
  stale: number;
  ok: boolean;
} {
  const sum = (pick: (result: ApiResult) => number) => results.reduce((total, result) => total + pick(result), 0);
  return {
    passed: sum((result) => result.report.passed),
    failed: sum((result) => result.report.failed),
    skipped: sum((result) => result.report.skipped),
    notExercised: sum((result) => result.verdict.notExercised.length),
    notExercisedFailing: sum((result) => (result.verdict.enforced ? result.verdict.notExercised.length : 0)),
    stale: sum((result) => result.verdict.stale.length),
    ok: results.every((result) => result.ok),
  };
}
