/** The drift report in a few lines, for the console table and the JUnit report's system-out. */
import { shortJson, type DriftFinding, type DriftReport } from "./types.js";

/** Failures and warnings listed, at most this many; info is only counted (the drift file lists it). */
const LISTED = 20;

export function formatDrift(report: DriftReport): string[] {
  const { failure, warning, info } = report.counts;
  const head =
    `  drift: ${failure} failure(s), ${warning} warning(s), ${info} info` +
    `${report.strict ? " (--strict: warnings fail the run)" : " (warnings do not fail the run without --strict)"}` +
    `${report.file ? `; proposed spec changes in ${report.file}` : ""}`;
  const listed = report.findings.filter((finding) => finding.severity !== "info");
  const lines = [
    head,
    ...listed
      .slice(0, LISTED)
      .map(
        (finding) =>
          `    ${finding.severity.toUpperCase()} ${finding.kind} ${finding.operationId} ${finding.status}: ${finding.pointer}: ${describeSeen(finding)}`,
      ),
  ];
  const more = listed.length - LISTED + report.omitted;
  if (more > 0) lines.push(`    … ${more} more (see the JSON report or the drift file)`);
  if (info > 0) lines.push(`    info: ${info} declared field(s) or header(s) never seen (listed in the drift file; they fail nothing)`);
  return lines;
}

/** What was seen, in a few words: `"x", "y" (3×)`, `present in 2 of 3`. */
export function describeSeen(finding: DriftFinding): string {
  const seen = finding.seen;
  if ("present" in seen) return `present in ${String(seen.present)} of ${String(seen.of)}`;
  const values = Array.isArray(seen.values) ? seen.values : Array.isArray(seen.bodies) ? seen.bodies.map((body) => shortJson(body, 80)) : [];
  return `${values.join(", ") || shortJson(seen, 80)} (${String(seen.count)}×)`;
}
