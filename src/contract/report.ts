/** Coverage of a contract run against the spec, and its text table for the console. */
import { getOperations } from "../spec/operations.js";
import type { ContractReport } from "./run.js";

export interface Coverage {
  operations: { exercised: number; documented: number };
  pairs: { exercised: number; documented: number };
  schemaValidated: number;
  /** Documented (operation, status) pairs that no passing case exercised. */
  missing: string[];
}

export function coverageOf(report: ContractReport): Coverage {
  const index = getOperations(report.api as Parameters<typeof getOperations>[0]);
  const documented = index.operations.flatMap((operation) => operation.statuses.filter((status) => status !== "default").map((status) => `${operation.operationId} ${status}`));
  const passed = new Set(report.cases.filter((result) => result.outcome === "pass").map((result) => `${result.operationId} ${result.status}`));
  const exercisedOperations = new Set(report.cases.filter((result) => result.outcome === "pass").map((result) => result.operationId));
  return {
    operations: { exercised: exercisedOperations.size, documented: index.operations.length },
    pairs: { exercised: documented.filter((pair) => passed.has(pair)).length, documented: documented.length },
    schemaValidated: report.cases.filter((result) => result.schemaValidated).length,
    missing: documented.filter((pair) => !passed.has(pair)),
  };
}

export function formatReport(report: ContractReport): string {
  const coverage = coverageOf(report);
  const rows = new Map<string, { operation: string; statuses: string[] }>();
  for (const result of report.cases) {
    const key = `${result.method} ${result.path}`;
    const row = rows.get(key) ?? { operation: `${result.operationId} (${key})`, statuses: [] };
    const mark = result.outcome === "pass" ? "ok" : result.outcome === "skip" ? "skip" : "FAIL";
    row.statuses.push(`${result.status}${result.variant ? `[${result.variant}]` : ""} ${mark}`);
    rows.set(key, row);
  }
  const width = Math.max(...[...rows.values()].map((row) => row.operation.length), 9);
  const lines = [`${report.api}: contract against the spec`, `  ${"operation".padEnd(width)}  statuses`];
  for (const row of rows.values()) lines.push(`  ${row.operation.padEnd(width)}  ${row.statuses.join(", ")}`);
  lines.push(
    `  operations ${coverage.operations.exercised}/${coverage.operations.documented}, ` +
      `(operation, status) pairs ${coverage.pairs.exercised}/${coverage.pairs.documented}, ` +
      `responses schema-validated ${coverage.schemaValidated}, passed ${report.passed}, failed ${report.failed}, skipped ${report.skipped}`,
  );
  for (const result of report.cases.filter((candidate) => candidate.outcome === "fail")) {
    lines.push(`  FAIL ${result.operationId} ${result.status}${result.variant ? ` [${result.variant}]` : ""}${result.realStatus ? ` (got ${result.realStatus})` : ""}: ${result.message ?? ""}`);
  }
  for (const pair of coverage.missing) lines.push(`  NOT EXERCISED ${pair}`);
  return lines.join("\n");
}
