/** What a drift report is made of, and the bounds on the work and the output that make it. */

/**
 * - `undeclared-field`: a response field no applicable schema declares;
 * - `never-seen`: a declared, optional field that no observed object at its place had;
 * - `undocumented-status`: a status the operation does not document (a catch-all `default` does not count);
 * - `undocumented-enum-value`: a value its enum does not list;
 * - `missing-required`: a required field some object at its place lacked;
 * - `type-mismatch`: a value of a JSON type its schema does not allow;
 * - `missing-header`: a declared response header a response lacked (required), or none had (optional).
 */
export type DriftKind =
  | "undeclared-field"
  | "never-seen"
  | "undocumented-status"
  | "undocumented-enum-value"
  | "missing-required"
  | "type-mismatch"
  | "missing-header";

/** `failure`: the contract is broken (the cases fail too); `warning`: fails only with `--strict`; `info`: never fails. */
export type DriftSeverity = "failure" | "warning" | "info";

export const SEVERITIES: readonly DriftSeverity[] = ["failure", "warning", "info"];

export interface DriftFinding {
  kind: DriftKind;
  severity: DriftSeverity;
  /** Where to patch the spec: a JSON pointer into it, into `components/` when the place is a $ref'd component. */
  pointer: string;
  /** The first operation and status it was seen in. */
  operationId: string;
  status: number;
  /** Other `<operationId> <status>` pairs with the same drift at the same place (a shared component). */
  also?: string[];
  /** What was seen: counts, JSON types, a few values (each cut short). Never a header's value. */
  seen: Record<string, unknown>;
  suggestion: string;
}

export interface DriftReport {
  /** The most severe first; at most `DRIFT_LIMITS.findings` of them. */
  findings: DriftFinding[];
  /** Per severity, all findings (those left out too). */
  counts: Record<DriftSeverity, number>;
  /** Findings left out past the limit. */
  omitted: number;
  /** `--strict`: warnings fail the run. */
  strict: boolean;
  /** Where the proposed spec changes were written (`reports/drift-<api>.yaml`). */
  file?: string;
}

/** Bounds, so that a large or hostile server cannot make the analysis (or the report) unbounded. */
export const DRIFT_LIMITS = {
  /** Bodies walked per (operation, status); later ones are still checked for status and headers. */
  bodiesPerPair: 50,
  /** Bodies longer than this (characters) are not walked. */
  bodyChars: 1_000_000,
  /** Nesting walked into a body. */
  depth: 12,
  /** Items walked per array, keys per object. */
  items: 20,
  keys: 200,
  /** Facts one body may yield. */
  facts: 2_000,
  /** Findings in a report; counts still cover the rest. */
  findings: 200,
  /** Distinct values (and other pairs) kept per finding, and the length each is cut to. */
  values: 5,
  valueChars: 80,
};

export type DriftLimits = typeof DRIFT_LIMITS;

/** `value` as JSON, cut to `limit` characters. */
export function shortJson(value: unknown, limit: number): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}
