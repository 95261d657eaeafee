/**
 * The console report: per API a table with one row per operation (its method, how many negative and
 * generated cases passed of those run, its documented statuses as driven), the coverage totals, then
 * what failed, what was skipped and why, what was not exercised, what the allowlist excuses and
 * which entries of it are stale.
 */
import { formatDrift } from "../../drift/format.js";
import { driftFails } from "../../drift/findings.js";
import type { CaseResult, ContractReport } from "../results.js";
import { caseLabel, totals, type ApiResult, type Reporter } from "./types.js";

export const textReporter: Reporter = (results) => `${[...results.map(formatApi), formatSummary(results)].join("\n\n")}\n`;

export function formatApi(result: ApiResult): string {
  const { report, coverage, verdict } = result;
  const rows = result.operations.map((operation) => ({
    operationId: operation.operationId,
    method: operation.method.toUpperCase(),
    cases: report.cases.filter((candidate) => candidate.operationId === operation.operationId),
  }));
  // A case for an operation outside the scope would be a runner bug; show it rather than hide it.
  const known = new Set(result.operations.map((operation) => operation.operationId));
  for (const stray of new Set(report.cases.filter((candidate) => !known.has(candidate.operationId)).map((candidate) => candidate.operationId))) {
    const cases = report.cases.filter((candidate) => candidate.operationId === stray);
    rows.push({ operationId: stray, method: cases[0]!.method, cases });
  }
  const width = Math.max(9, ...rows.map((row) => row.operationId.length));
  const cells = rows.map((row) => ({ negative: negativeCell(row.cases), generated: propertyCell(row.cases) }));
  const generatedWidth = Math.max(9, ...cells.map((cell) => cell.generated.length));
  const lines = [
    `${report.api}: contract against ${result.server}`,
    `  ${"operation".padEnd(width)}  method  ${"negative".padEnd(9)}  ${"generated".padEnd(generatedWidth)}  statuses`,
  ];
  rows.forEach((row, i) => {
    const statuses = row.cases.filter((candidate) => candidate.kind === "dredd").map((candidate) => `${caseLabel(candidate)} ${mark(candidate)}`);
    lines.push(
      `  ${row.operationId.padEnd(width)}  ${row.method.padEnd(6)}  ${cells[i]!.negative.padEnd(9)}  ${cells[i]!.generated.padEnd(generatedWidth)}  ${statuses.join(", ") || "-"}`,
    );
  });
  lines.push(
    `  operations ${coverage.operations.exercised}/${coverage.operations.documented}, ` +
      `(operation, status) pairs ${coverage.pairs.exercised}/${coverage.pairs.documented}, ` +
      `responses schema-validated ${coverage.schemaValidated}, ` +
      `negative ${coverage.negative.run} run/${coverage.negative.passed} passed, ` +
      `${generatedTotals(report)}; ` +
      `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`,
  );
  lines.push(`  ${flowLine(report.cases)}; ${cleanupLine(report.cases)}`);
  for (const failure of report.cases.filter((candidate) => candidate.outcome === "fail")) {
    lines.push(
      `  FAIL ${failure.operationId} ${caseLabel(failure)}${failure.realStatus ? ` (got ${failure.realStatus})` : ""}: ${indent(failure.message ?? "failed")}`,
    );
  }
  // A live read-only run skips most cases for a handful of reasons: one line per reason.
  const skips = new Map<string, CaseResult[]>();
  for (const skipped of report.cases.filter((candidate) => candidate.outcome === "skip")) {
    const reason = skipped.message?.trim() || "skipped";
    skips.set(reason, [...(skips.get(reason) ?? []), skipped]);
  }
  for (const [reason, cases] of skips) lines.push(`  SKIP (${indent(reason)}): ${byOperation(compactLabels(cases))}`);
  if (verdict.enforced) {
    for (const pair of verdict.notExercised) lines.push(`  NOT EXERCISED ${pair}`);
  } else if (verdict.notExercised.length > 0) {
    lines.push(`  not exercised (live run: reported, not a failure): ${byOperation(verdict.notExercised.map((pair) => pair.split(" ") as [string, string]))}`);
  }
  for (const { pair, reason } of verdict.allowlisted) lines.push(`  ALLOWLISTED ${pair}: ${reason}`);
  for (const entry of verdict.stale) lines.push(`  STALE ALLOWLIST ENTRY ${entry.operationId} ${entry.status}: it was exercised; remove it from the allowlist`);
  if (result.drift) lines.push(...formatDrift(result.drift));
  return lines.join("\n");
}

export function formatSummary(results: readonly ApiResult[]): string {
  const all = totals(results);
  const gaps = [
    ...(all.notExercisedFailing > 0 ? [`${all.notExercisedFailing} (operation, status) pair(s) not exercised`] : []),
    ...(all.stale > 0 ? [`${all.stale} stale allowlist entr${all.stale === 1 ? "y" : "ies"}`] : []),
    ...results.flatMap(({ drift }) => (drift && driftFails(drift) ? [`${drift.counts.warning} drift warning(s) under --strict`] : [])),
  ];
  return `contract: ${all.passed} passed, ${all.failed} failed, ${all.skipped} skipped${gaps.length > 0 ? `; ${gaps.join(", ")}` : ""}: ${all.ok ? "OK" : "FAILED"}`;
}

/** `flows: 2 workflows, 13/13 steps passed`: the declared workflows (a skipped step is not counted as run). */
function flowLine(cases: readonly CaseResult[]): string {
  const steps = cases.filter((candidate) => candidate.kind === "flow");
  const run = steps.filter((candidate) => candidate.outcome !== "skip");
  const workflows = new Set(steps.map((step) => step.variant?.split(".")[0]));
  return `flows: ${workflows.size} workflow${workflows.size === 1 ? "" : "s"}, ${run.filter((step) => step.outcome === "pass").length}/${run.length} steps passed`;
}

/** `clean-up: 11 removed, 0 left behind`: what the run created and took away again. */
function cleanupLine(cases: readonly CaseResult[]): string {
  const own = cases.filter((candidate) => candidate.kind === "cleanup");
  return `clean-up: ${own.filter((undo) => undo.outcome === "pass").length} removed, ${own.filter((undo) => undo.outcome === "fail").length} left behind`;
}

function mark(result: CaseResult): string {
  return result.outcome === "pass" ? "ok" : result.outcome === "skip" ? "skip" : "FAIL";
}

/** `passed/run` of one operation's negative cases; "-" when there were none, "skip" when none ran. */
function negativeCell(cases: readonly CaseResult[]): string {
  const own = cases.filter((candidate) => candidate.kind === "negative");
  const run = own.filter((candidate) => candidate.outcome !== "skip");
  if (own.length === 0) return "-";
  if (run.length === 0) return "skip";
  const passed = run.filter((candidate) => candidate.outcome === "pass").length;
  return `${passed}/${run.length}${passed < run.length ? " FAIL" : ""}`;
}

/**
 * One operation's generated requests: a single case stands for all its runs, so the cell counts runs,
 * `25 runs, all passed` or `FAIL at run 3 of 25` (fast-check stops at the first failure).
 */
function propertyCell(cases: readonly CaseResult[]): string {
  const own = cases.filter((candidate) => candidate.kind === "property");
  const run = own.filter((candidate) => candidate.outcome !== "skip");
  if (own.length === 0) return "-";
  if (run.length === 0) return "skip";
  const failed = run.find((candidate) => candidate.outcome === "fail");
  if (failed) return failed.generated?.failedAt !== undefined ? `FAIL at run ${failed.generated.failedAt} of ${failed.generated.runs}` : "FAIL";
  const runs = run.every((candidate) => candidate.generated) ? run.reduce((total, candidate) => total + candidate.generated!.runs, 0) : undefined;
  return runs === undefined ? "all passed" : `${runs} run${runs === 1 ? "" : "s"}, all passed`;
}

/** The totals' word on generated requests: `generated 25 runs × 17 operations, all passed (seed 20261121)`. */
function generatedTotals(report: ContractReport): string {
  const own = report.cases.filter((candidate) => candidate.kind === "property");
  const seed = report.generation ? ` (seed ${report.generation.seed})` : "";
  if (own.length === 0) return report.generation?.runs === 0 ? "generated requests off (--runs 0)" : "generated none";
  const run = own.filter((candidate) => candidate.outcome !== "skip");
  const failed = run.filter((candidate) => candidate.outcome === "fail").length;
  const skipped = own.length - run.length;
  const runs = report.generation?.runs ?? own[0]!.generated?.runs;
  const operations = (count: number) => `${count} operation${count === 1 ? "" : "s"}`;
  if (run.length === 0) return `generated requests: ${operations(skipped)} skipped`;
  const verdict = failed === 0 ? "all passed" : `${operations(failed)} FAILED`;
  return `generated ${runs === undefined ? "" : `${runs} run${runs === 1 ? "" : "s"} × `}${operations(run.length)}, ${verdict}${skipped > 0 ? `, ${operations(skipped)} skipped` : ""}${seed}`;
}

/** Skipped cases as `[operationId, label]`, the generated ones counted rather than named: `3 negative`. */
function compactLabels(cases: readonly CaseResult[]): [string, string][] {
  const labels: [string, string][] = cases.filter((skipped) => skipped.kind === "dredd").map((skipped) => [skipped.operationId, caseLabel(skipped)]);
  for (const step of cases.filter((skipped) => skipped.kind === "flow")) labels.push([step.operationId, `flow step ${step.variant ?? ""}`]);
  for (const kind of ["negative", "property"] as const) {
    const counts = new Map<string, number>();
    for (const skipped of cases.filter((candidate) => candidate.kind === kind)) counts.set(skipped.operationId, (counts.get(skipped.operationId) ?? 0) + 1);
    for (const [operationId, count] of counts) labels.push([operationId, `${count} ${kind}`]);
  }
  return labels;
}

/** `op1 200, 404; op2 429`: cases or pairs grouped under their operation, in order of appearance. */
function byOperation(entries: readonly [operationId: string, label: string][]): string {
  const grouped = new Map<string, string[]>();
  for (const [operationId, label] of entries) grouped.set(operationId, [...(grouped.get(operationId) ?? []), label]);
  return [...grouped].map(([operationId, labels]) => `${operationId} ${labels.join(", ")}`).join("; ");
}

function indent(message: string): string {
  return message.trim().replace(/\r?\n/g, "\n      ");
}
