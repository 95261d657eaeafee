/**
 * The JSON report (`reports/contract.json` by default): totals, then per API the report with its cases,
 * its coverage and the allowlist's verdict. `.ci/run` reads `apis[].passed` and `apis[].failed`.
 */
import { totals, type Reporter } from "./types.js";

export const jsonReporter: Reporter = (results) => {
  const all = totals(results);
  const document = {
    ok: all.ok,
    passed: all.passed,
    failed: all.failed,
    skipped: all.skipped,
    notExercised: all.notExercised,
    notExercisedFailing: all.notExercisedFailing,
    staleAllowlistEntries: all.stale,
    apis: results.map(({ report, coverage, verdict, server, ok, drift }) => ({
      api: report.api,
      target: report.target,
      server,
      ok,
      passed: report.passed,
      failed: report.failed,
      skipped: report.skipped,
      coverage,
      verdict,
      ...(report.generation ? { generation: report.generation } : {}),
      ...(report.durationMs !== undefined ? { durationMs: report.durationMs } : {}),
      cases: report.cases,
      ...(drift ? { drift } : {}),
    })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
};
