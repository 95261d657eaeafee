/** What a contract run reports: one result per case, of three kinds, and the per-API report. */

/**
 * - `dredd`: a transaction dredd built from the spec's examples, driven to one documented status;
 * - `negative`: a request that breaks one constraint of the spec, which must get a 4xx in the vendor's
 *   error shape (never a 2xx or a 5xx);
 * - `property`: a schema-valid request generated with fast-check, which must get no 5xx and a
 *   schema-valid response;
 * - `flow`: one step of a declared workflow (specs/<api>/flows.arazzo.yaml), validated like a dredd case;
 * - `cleanup`: one call that removes what the run created (an `x-cleanup` link); it fails when the
 *   thing is left behind.
 */
export type CaseKind = "dredd" | "negative" | "property" | "flow" | "cleanup";

/** Which case it is: the operation, and what it drives. */
export interface CaseIdentity {
  operationId: string;
  method: string;
  path: string;
  /** dredd: the documented status driven; negative: "4xx"; property: "no 5xx". */
  status: string;
  /** dredd: a variant of the operation (e.g. one action); negative: the broken constraint; property: the run. */
  variant?: string;
  realStatus?: number;
}

export interface CaseResult extends CaseIdentity {
  kind: CaseKind;
  outcome: "pass" | "fail" | "skip";
  /** Whether the response was validated against the spec (status, declared headers, body) and passed. */
  schemaValidated: boolean;
  /** Why it failed (naming the operation and the field) or why it was skipped. */
  message?: string;
  /** How long the case took, wall-clock (set-up and validation included); absent when it never ran. */
  durationMs?: number;
  /** property: the requests fast-check was to generate, and which of them failed, if one did. */
  generated?: { runs: number; failedAt?: number };
}

export interface ContractReport {
  api: string;
  /** The server the run was against: "mock" (an embedded mock server) or "live" (--base-url). */
  target: "mock" | "live";
  cases: CaseResult[];
  passed: number;
  failed: number;
  skipped: number;
  /** How the generated requests were made, so that a run can be replayed (`--seed`, `--runs`). */
  generation?: { seed: number; runs: number };
  /** How long the whole run took, wall-clock. */
  durationMs?: number;
}

/** Runs one case (or step) and adds how long it took, wall-clock: with other cases running alongside, not CPU time. */
export async function timed<Result extends object>(run: () => Promise<Result>): Promise<Result & { durationMs: number }> {
  const started = performance.now();
  const result = await run();
  return { ...result, durationMs: performance.now() - started };
}

export function tally(api: string, target: ContractReport["target"], cases: CaseResult[]): ContractReport {
  return {
    api,
    target,
    cases,
    passed: cases.filter((result) => result.outcome === "pass").length,
    failed: cases.filter((result) => result.outcome === "fail").length,
    skipped: cases.filter((result) => result.outcome === "skip").length,
  };
}
