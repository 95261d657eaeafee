// Contract reports built from a spec without running anything, for the reporter and allowlist tests.
import { judgeCoverage, verdictPasses, type AllowlistEntry } from "../../src/contract/report/allowlist.js";
import { coverageOf } from "../../src/contract/report/coverage.js";
import type { ApiResult } from "../../src/contract/report/reporters/index.js";
import { tally, type CaseResult, type ContractReport } from "../../src/contract/report/results.js";
import type { ApiName } from "../../src/spec/apis.js";
import { getOperations } from "../../src/spec/operations.js";

/** One passing dredd case per documented (operation, status) pair, and nothing else. */
export function passingCases(api: ApiName): CaseResult[] {
  return getOperations(api).operations.flatMap((operation) =>
    operation.statuses
      .filter((status) => status !== "default")
      .map(
        (status): CaseResult => ({
          kind: "dredd",
          operationId: operation.operationId,
          method: operation.method.toUpperCase(),
          path: operation.path,
          status,
          realStatus: Number(status),
          outcome: "pass",
          schemaValidated: true,
        }),
      ),
  );
}

export function reportOf(api: ApiName, cases: CaseResult[], target: ContractReport["target"] = "mock"): ContractReport {
  return tally(api, target, cases);
}

/** What the CLI hands the reporters for one API. */
export function resultOf(report: ContractReport, allowlist: readonly AllowlistEntry[] = []): ApiResult {
  const api = report.api as ApiName;
  const coverage = coverageOf(report);
  const verdict = judgeCoverage(api, coverage, allowlist, { enforced: report.target === "mock" });
  return {
    report,
    coverage,
    verdict,
    server: "the mock at http://127.0.0.1:1/api",
    operations: getOperations(api).operations.map(({ operationId, method, path }) => ({ operationId, method, path })),
    ok: verdictPasses(report.failed, verdict),
  };
}
