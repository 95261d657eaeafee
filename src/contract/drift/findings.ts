/** The drift report from the tallied places: one finding per place that drifted, with its severity and a suggestion. */
import type { FieldPlace, Places, ValuePlace } from "./places.js";
import { lastToken } from "./pointers.js";
import { SEVERITIES, type DriftFinding, type DriftKind, type DriftReport, type DriftSeverity } from "./types.js";

export function driftReport(places: Places, options: { strict: boolean; limit: number }): DriftReport {
  const all = [
    ...[...places.values].map(([key, place]) => valueFinding(key.slice(place.kind.length + 1), place)),
    ...[...places.fields].flatMap(([pointer, place]) => fieldFinding(pointer, place) ?? []),
  ].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.pointer.localeCompare(b.pointer) || a.kind.localeCompare(b.kind));
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, all.filter((finding) => finding.severity === severity).length])) as Record<
    DriftSeverity,
    number
  >;
  return { findings: all.slice(0, options.limit), counts, omitted: Math.max(0, all.length - options.limit), strict: options.strict };
}

/** Whether a drift report fails the run on its own: its warnings, with `--strict` (its failures fail as cases). */
export function driftFails(report: DriftReport): boolean {
  return report.strict && report.counts.warning > 0;
}

function valueFinding(pointer: string, place: ValuePlace): DriftFinding {
  const types = place.types.join(" or ");
  switch (place.kind) {
    case "undeclared-field":
      return finding(
        "undeclared-field",
        place.closed ? "failure" : "warning",
        pointer,
        place.where,
        { count: place.count, types: place.types, values: place.values },
        `declare the property "${lastToken(pointer)}" (${types}) here${place.closed ? "; the schema says additionalProperties: false" : ""}, or find why the server sends it`,
      );
    case "undocumented-enum-value":
      return finding(
        "undocumented-enum-value",
        "warning",
        pointer,
        place.where,
        { count: place.count, values: place.values },
        `add ${place.values.join(", ")} to this enum if the server may send it`,
      );
    case "type-mismatch":
      return finding(
        "type-mismatch",
        "failure",
        pointer,
        place.where,
        { count: place.count, types: place.types, values: place.values },
        `the server sent ${types}: widen this type if that is right, otherwise the server is wrong`,
      );
    case "undocumented-status":
      return finding(
        "undocumented-status",
        "failure",
        pointer,
        place.where,
        { count: place.count, contentTypes: place.types, bodies: place.values },
        `document a ${lastToken(pointer)} response (description and body) if the server may answer it`,
      );
  }
}

function fieldFinding(pointer: string, place: FieldPlace): DriftFinding | undefined {
  const name = lastToken(pointer);
  const seen = { present: place.present, of: place.observed };
  if (place.kind === "header") {
    if (place.required && place.present < place.observed)
      return finding(
        "missing-header",
        "failure",
        pointer,
        place.where,
        { ...seen, required: true },
        `the required header "${name}" was missing: make it optional (required: false) if the server may leave it out`,
      );
    if (!place.required && place.present === 0)
      return finding(
        "missing-header",
        "info",
        pointer,
        place.where,
        { ...seen, required: false },
        `no response had the header "${name}": check whether the server still sends it`,
      );
    return undefined;
  }
  if (place.required && place.present < place.observed)
    return finding(
      "missing-required",
      "failure",
      pointer,
      place.where,
      seen,
      `remove "${name}" from its object's required list if the server may leave it out`,
    );
  if (!place.required && place.present === 0)
    return finding("never-seen", "info", pointer, place.where, seen, `no object here had "${name}": check whether the server still sends it`);
  return undefined;
}

function finding(
  kind: DriftKind,
  severity: DriftSeverity,
  pointer: string,
  where: readonly string[],
  seen: Record<string, unknown>,
  suggestion: string,
): DriftFinding {
  const [first = "? 0", ...also] = where;
  const [operationId = "?", status = "0"] = first.split(" ");
  return { kind, severity, pointer, operationId, status: Number(status), ...(also.length > 0 ? { also } : {}), seen, suggestion };
}
