/** Coverage of a contract run against the spec: what the reporters (./reporters/) print. */
import { getOperations } from "../../spec/operations.js";
import type { ContractReport } from "./results.js";

export interface Coverage {
  operations: { exercised: number; documented: number };
  pairs: { exercised: number; documented: number };
  schemaValidated: number;
  /** Generated cases: requests breaking one constraint each, and schema-valid random requests. */
  negative: { run: number; passed: number };
  property: { run: number; passed: number };
  /** Documented (operation, status) pairs that no passing case exercised, as `<operationId> <status>`. */
  missing: string[];
}

/**
 * `operations` narrows what counts as documented to a run's scope (`--only`); without it every
 * operation of the spec does.
 */
export function coverageOf(report: ContractReport, operations?: readonly string[]): Coverage {
  const index = getOperations(report.api as Parameters<typeof getOperations>[0]);
  const scope = operations ? index.operations.filter((operation) => operations.includes(operation.operationId)) : index.operations;
  const documented = scope.flatMap((operation) =>
    operation.statuses.filter((status) => status !== "default").map((status) => `${operation.operationId} ${status}`),
  );
  // A declared flow's step drives a documented status as much as a dredd case does.
  const dredd = report.cases.filter((result) => result.kind === "dredd" || result.kind === "flow");
  const passed = new Set(dredd.filter((result) => result.outcome === "pass").map((result) => `${result.operationId} ${result.status}`));
  const exercisedOperations = new Set(report.cases.filter((result) => result.outcome === "pass").map((result) => result.operationId));
  const generated = (kind: "negative" | "property") => {
    const cases = report.cases.filter((result) => result.kind === kind && result.outcome !== "skip");
    return { run: cases.length, passed: cases.filter((result) => result.outcome === "pass").length };
  };
  return {
    operations: { exercised: scope.filter((operation) => exercisedOperations.has(operation.operationId)).length, documented: scope.length },
    pairs: { exercised: documented.filter((pair) => passed.has(pair)).length, documented: documented.length },
    schemaValidated: report.cases.filter((result) => result.schemaValidated).length,
    negative: generated("negative"),
    property: generated("property"),
    missing: documented.filter((pair) => !passed.has(pair)),
  };
}
