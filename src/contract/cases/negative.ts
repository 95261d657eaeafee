/**
 * The negative pass, cases generated from the spec: from a valid baseline request, each case breaks one
 * constraint of one parameter or body field, and the server must refuse it with a 4xx in the vendor's
 * documented error shape (never a 2xx, never a 5xx).
 */
import type { ApiName } from "../../spec/apis.js";
import { getOperations, type Operation } from "../../spec/operations.js";
import { caseProblems } from "../check-response.js";
import { bodyMutations, type Mutation } from "./body-mutations.js";
import { baselineRequest, redact, requestProblems, send, valuesAt, type CaseRequest, type CaseResponse } from "./request-base.js";
import { passReport, type PassOptions } from "../pass.js";
import { timed, type CaseResult, type ContractReport } from "../report/results.js";
import { liveSkipReason } from "../live/safety.js";
import type { ContractTarget, Scenario } from "../types.js";
import { violationsOf } from "./violations.js";

/** One request breaking one constraint; `label` names the field and the constraint. */
export interface NegativeCase extends Mutation {
  operation: Operation;
}

/** Requests in flight at once: a run stays fast, and a real server is not flooded. */
const POOL_SIZE = 8;

export function negativeCases(api: ApiName, options: PassOptions = {}): NegativeCase[] {
  return getOperations(api)
    .operations.filter((operation) => !options.only || options.only.includes(operation.operationId))
    .flatMap(operationCases);
}

function operationCases(operation: Operation): NegativeCase[] {
  const base = baselineRequest(operation);
  const problems = requestProblems(operation, base);
  // Otherwise every case would be invalid for the baseline's reason, not for the constraint it names.
  if (problems.length > 0) throw new Error(`${operation.operationId}: the spec's examples do not make a valid request: ${problems.join("; ")}`);
  // One case per label, and one per request (a const broken in two oneOf branches is one request).
  const seen = new Set<string>();
  const once = (key: string) => !seen.has(key) && Boolean(seen.add(key));
  return [...parameterMutations(operation, base), ...bodyMutations(operation, base)]
    .filter((mutation) => requestProblems(operation, mutation.request).length > 0)
    .filter((mutation) => once(`label ${mutation.label}`) && once(`request ${JSON.stringify(mutation.request)}`))
    .map((mutation) => ({ operation, ...mutation }));
}

function parameterMutations(operation: Operation, base: CaseRequest): Mutation[] {
  const out: Mutation[] = [];
  for (const parameter of operation.parameters) {
    if (parameter.in === "cookie") continue;
    const location = parameter.in;
    const field = `${location}.${parameter.name}`;
    const change = (value: string | undefined): CaseRequest => {
      const request = structuredClone(base);
      const values = valuesAt(request, location);
      if (value === undefined) delete values[parameter.name];
      else values[parameter.name] = value;
      return request;
    };
    // A path without one of its values is another URL, not this operation with a value missing.
    if (parameter.required && location !== "path") out.push({ label: `${field}: missing`, request: change(undefined) });
    for (const violation of violationsOf(parameter.schema, "text", parameter.name)) {
      // An empty path segment routes to another operation (`/addons/` is listAddons), not to this one.
      if (location === "path" && violation.value === "") continue;
      out.push({ label: `${field}: ${violation.constraint}`, request: change(String(violation.value)) });
    }
  }
  return out;
}

/** Sends every case (a few at a time); results come back in the cases' order. */
export async function runNegativePass<Client>(scenario: Scenario<Client>, target: ContractTarget, options: PassOptions = {}): Promise<ContractReport> {
  const cases = negativeCases(scenario.api, options);
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      results[index] = await timed(() => runCase(cases[index]!, target));
    }
  };
  await Promise.all(Array.from({ length: Math.min(POOL_SIZE, cases.length) }, worker));
  return passReport(scenario, target, results);
}

async function runCase({ operation, label, request }: NegativeCase, target: ContractTarget): Promise<CaseResult> {
  const result = {
    kind: "negative",
    operationId: operation.operationId,
    method: operation.method.toUpperCase(),
    path: operation.path,
    status: "4xx",
    variant: label,
  } as const;
  const unsafe = liveSkipReason(target, operation, false);
  if (unsafe) return { ...result, outcome: "skip", schemaValidated: false, message: unsafe };
  const name = `${operation.operationId} ${label}`;
  let real: CaseResponse;
  try {
    real = await send(target, operation, request);
  } catch (error) {
    return { ...result, outcome: "fail", schemaValidated: false, message: redact(`${name}: no answer (${(error as Error).message})`, target) };
  }
  const realStatus = real.statusCode;
  if (realStatus === 401) {
    return {
      ...result,
      realStatus,
      outcome: "fail",
      schemaValidated: false,
      message: `${name}: got 401: the credentials were refused, so the case proves nothing about the constraint`,
    };
  }
  if (realStatus < 400 || realStatus >= 500) {
    return { ...result, realStatus, outcome: "fail", schemaValidated: false, message: `${name}: got ${realStatus}, expected a 4xx` };
  }
  const problems = caseProblems(target, operation, real);
  if (problems.length > 0) {
    return {
      ...result,
      realStatus,
      outcome: "fail",
      schemaValidated: false,
      message: redact(`${name}: got ${realStatus} but not in the documented error shape: ${problems.join("; ")}`, target),
    };
  }
  return { ...result, realStatus, outcome: "pass", schemaValidated: true };
}
