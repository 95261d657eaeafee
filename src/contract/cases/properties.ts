/**
 * The generated pass, property-based: per operation, schema-valid requests generated with fast-check
 * under a fixed seed, each of which must get no 5xx and a response the spec documents (status,
 * headers, body).
 */
import fc from "fast-check";
import { getOperations, type Operation } from "../../spec/operations.js";
import { requestArbitrary } from "./arbitraries.js";
import { caseProblems } from "../check-response.js";
import { describeRequest, redact, send, type CaseRequest, type CaseResponse } from "./request-base.js";
import { passReport, type PassOptions } from "../pass.js";
import { timed, type CaseResult, type ContractReport } from "../report/results.js";
import { liveSkipReason } from "../live/safety.js";
import type { ContractTarget, Scenario } from "../types.js";

/** CI's seed, so that a red run can be replayed exactly. */
export const DEFAULT_SEED = 20261121;
export const DEFAULT_RUNS = 25;

export interface PropertyPassOptions extends PassOptions {
  /** fast-check's seed: the same seed generates the same requests (`DEFAULT_SEED` if absent). */
  seed?: number;
  /** Generated requests per operation (`DEFAULT_RUNS` if absent); 0 leaves the pass without cases. */
  runs?: number;
}

/** Why one exchange broke the property; thrown inside the property so fast-check records the run. */
class ExchangeProblem extends Error {
  constructor(
    readonly request: CaseRequest,
    problem: string,
  ) {
    super(problem);
  }
}

/** One result per operation, in the spec's order; operations run one after the other, so runs replay alike. */
export async function runPropertyPass<Client>(scenario: Scenario<Client>, target: ContractTarget, options: PropertyPassOptions = {}): Promise<ContractReport> {
  const generation = { seed: options.seed ?? DEFAULT_SEED, runs: options.runs ?? DEFAULT_RUNS };
  const operations =
    generation.runs > 0 ? getOperations(scenario.api).operations.filter((operation) => !options.only || options.only.includes(operation.operationId)) : [];
  const results: CaseResult[] = [];
  for (const operation of operations) results.push(await timed(() => runOperation(operation, target, generation, scenario.perRequestHeaders)));
  return passReport(scenario, target, results);
}

async function runOperation(
  operation: Operation,
  target: ContractTarget,
  { seed, runs }: { seed: number; runs: number },
  perRequestHeaders: Scenario<unknown>["perRequestHeaders"],
): Promise<CaseResult> {
  const result = {
    kind: "property",
    operationId: operation.operationId,
    method: operation.method.toUpperCase(),
    path: operation.path,
    status: "no 5xx",
    variant: `${runs} runs`,
    generated: { runs },
  } as const;
  const unsafe = liveSkipReason(target, operation, true);
  if (unsafe) return { ...result, outcome: "skip", schemaValidated: false, message: unsafe };
  const property = fc.asyncProperty(requestArbitrary(operation), async (request) => {
    const problem = await exchange(operation, target, withPerRequestHeaders(request, perRequestHeaders?.() ?? {}));
    if (problem !== undefined) throw new ExchangeProblem(request, problem);
  });
  // No shrinking: each shrink step is another request to a server whose state the failing one changed.
  const details = await fc.check(property, { seed, numRuns: runs, endOnFailure: true });
  if (!details.failed) return { ...result, outcome: "pass", schemaValidated: true };
  const error = details.errorInstance;
  const what =
    error instanceof ExchangeProblem
      ? `${describeRequest(operation, error.request)}: ${error.message}`
      : String(error instanceof Error ? error.message : error);
  return {
    ...result,
    outcome: "fail",
    schemaValidated: false,
    generated: { runs, failedAt: details.numRuns },
    message: redact(
      `${operation.operationId}: run ${details.numRuns} of ${runs}: ${what} (replay: seed ${details.seed}, path "${details.counterexamplePath ?? ""}")`,
      target,
    ),
  };
}

/** The request a failed run sent, from the seed and path its message gives (without the per-request headers). */
export function replayRequest(operation: Operation, seed: number, path: string): CaseRequest | undefined {
  return fc.sample(requestArbitrary(operation), { seed, path, numRuns: 1 })[0];
}

/**
 * The scenario's per-request headers win over generated ones: a generated Idempotency-Key (the spec's
 * example, or a short string fast-check repeats) would make most writes a 409 replay mismatch that
 * never reaches the handler. They are sent, not generated, so the same seed still generates the same requests.
 */
function withPerRequestHeaders(request: CaseRequest, extra: Record<string, string>): CaseRequest {
  const names = new Set(Object.keys(extra).map((name) => name.toLowerCase()));
  const own = Object.entries(request.headers).filter(([name]) => !names.has(name.toLowerCase()));
  return { ...request, headers: { ...Object.fromEntries(own), ...extra } };
}

/** Sends one request; returns what is wrong with the answer, or undefined when it is a documented, valid one. */
async function exchange(operation: Operation, target: ContractTarget, request: CaseRequest): Promise<string | undefined> {
  let real: CaseResponse;
  try {
    real = await send(target, operation, request);
  } catch (error) {
    return `no answer (${(error as Error).message})`;
  }
  if (real.statusCode >= 500) return `got ${real.statusCode}: ${real.body.slice(0, 120)}`;
  // Documented, but every request would pass on it: the run would prove nothing.
  if (real.statusCode === 401) return "got 401: the credentials were refused";
  const problems = caseProblems(target, operation, real);
  return problems.length > 0 ? problems.join("; ") : undefined;
}
