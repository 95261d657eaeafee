/**
 * `reports/drift-<api>.yaml`: the drift report as proposed spec changes, one entry per JSON pointer,
 * for a maintainer to review and apply by hand. Every scalar is written as JSON, which YAML 1.2 reads
 * as it is: no YAML library is needed, and no value can break out of its entry.
 */
import type { DriftFinding, DriftReport } from "./types.js";

export function formatDriftFile(api: string, server: string, report: DriftReport): string {
  const lines = [
    `# Drift of the ${api} API: what a live run against ${oneLine(server)} saw that specs/${api}/openapi.yaml does not say.`,
    "# A proposal, not a patch: review each entry and apply it to the spec by hand (or fix the server).",
    "# Keys are JSON pointers into the spec (into components/ where the place is a $ref'd component).",
    "# severity: failure (the contract is broken; cases failed), warning (fails the run only with --strict), info (never fails).",
    `# ${report.counts.failure} failure(s), ${report.counts.warning} warning(s), ${report.counts.info} info${report.omitted > 0 ? `; ${report.omitted} more not listed` : ""}.`,
  ];
  if (report.findings.length === 0) return `${lines.join("\n")}\n{}\n`;
  const used = new Set<string>();
  for (const finding of report.findings) {
    // Findings of one place never share a pointer by construction; should two ever, both stay readable.
    const key = used.has(finding.pointer) ? `${finding.pointer} (${finding.kind})` : finding.pointer;
    used.add(key);
    lines.push(`${scalar(key)}:`, ...entry(finding).map(([name, value]) => field(name, value)));
  }
  return `${lines.join("\n")}\n`;
}

function entry(finding: DriftFinding): [string, unknown][] {
  return [
    ["kind", finding.kind],
    ["severity", finding.severity],
    ["operationId", finding.operationId],
    ["status", finding.status],
    ...(finding.also ? [["also", finding.also] as [string, unknown]] : []),
    ["seen", finding.seen],
    ["suggestion", finding.suggestion],
  ];
}

/** `  name: value`; an object one level down, a key a line. */
function field(name: string, value: unknown): string {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    return [`  ${name}:`, ...Object.entries(value).map(([key, inner]) => `    ${/^[A-Za-z]\w*$/.test(key) ? key : scalar(key)}: ${scalar(inner)}`)].join("\n");
  }
  return `  ${name}: ${scalar(value)}`;
}

/**
 * JSON, with the characters YAML does not allow unescaped (C1 controls, DEL, BOM, U+FFFE/F, line and
 * paragraph separators) escaped too; JSON.stringify already escapes C0 controls and lone surrogates.
 */
function scalar(value: unknown): string {
  return (JSON.stringify(value) ?? "null").replace(
    /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ");
}
