/**
 * The flows pass: each declared workflow (flows.arazzo.yaml) run step by step against the target.
 * Every step's response is validated against the spec like any case and must meet the step's
 * success criteria; its outputs feed later steps. Inputs come from the fixtures (by name), else the
 * built-in `runId` (fresh per run, so names never collide with an earlier run's), else the input's
 * default; a workflow missing one is skipped, naming the fixture to add. What a flow creates is
 * removed by the run's clean-up (the spec's `x-cleanup` links), even when a step fails.
 */
import { randomBytes } from "node:crypto";
import { getOperations, type Operation } from "../../spec/operations.js";
import { caseProblems } from "../check-response.js";
import { isFixedValue } from "../live/account.js";
import { asText, describeRequest, exampleOf, redact, send, type CaseRequest, type CaseResponse } from "../cases/request-base.js";
import { passReport, type PassOptions } from "../pass.js";
import { timed, type CaseResult, type ContractReport } from "../report/results.js";
import { liveSkipReason } from "../live/safety.js";
import type { ContractTarget, Scenario } from "../types.js";
import { checkFlows, getFlows, type FlowsDocument, type FlowStep, type Workflow } from "./document.js";
import { evaluateExpression, holds, resolveValue, type FlowContext } from "./expressions.js";

/** Goto loops are bounded: a workflow runs at most this many steps. */
const MAX_STEPS = 100;

export interface FlowPassOptions extends PassOptions {
  /** Only workflows whose every step is one of these operations run; the others are skipped. */
  only?: readonly string[];
  /** Other flows than the API's own (checked like them). */
  flows?: FlowsDocument;
}

export async function runFlowPass<Client>(scenario: Scenario<Client>, target: ContractTarget, options: FlowPassOptions = {}): Promise<ContractReport> {
  const results: CaseResult[] = [];
  const runId = randomBytes(4).toString("hex");
  const flows = options.flows ? checkFlows(scenario.api, options.flows) : getFlows(scenario.api);
  for (const workflow of flows.workflows) results.push(...(await runWorkflow(scenario, workflow, target, runId, options.only)));
  return passReport(scenario, target, results);
}

async function runWorkflow(
  { api, perRequestHeaders }: Pick<Scenario<unknown>, "api" | "perRequestHeaders">,
  workflow: Workflow,
  target: ContractTarget,
  runId: string,
  only: readonly string[] | undefined,
): Promise<CaseResult[]> {
  const index = getOperations(api);
  const results: CaseResult[] = [];
  const caseOf = (
    step: FlowStep,
    operation: Operation,
    fields: Pick<CaseResult, "status" | "outcome" | "schemaValidated" | "message" | "realStatus" | "durationMs">,
  ): CaseResult => ({
    kind: "flow",
    operationId: operation.operationId,
    method: operation.method.toUpperCase(),
    path: operation.path,
    variant: `${workflow.workflowId}.${step.stepId}`,
    ...fields,
  });
  const skipAll = (reason: string) =>
    workflow.steps.map((step) =>
      caseOf(step, index.byId(step.operationId), { status: expectedStatus(step), outcome: "skip", schemaValidated: false, message: reason }),
    );

  // Out of an `--only` run's scope, like the operations it leaves out: no case at all.
  if (only && workflow.steps.some((step) => !only.includes(step.operationId))) return [];
  const inputs: Record<string, unknown> = {};
  const missing: string[] = [];
  for (const [name, schema] of Object.entries(workflow.inputs?.properties ?? {})) {
    // A credential for other Arazzo runners (`x-security`): specwright sends the target's own, and
    // never reads or prints a secret from a flow's inputs.
    if (schema.format === "password") continue;
    const value = target.fixtures?.values[name] ?? (name === "runId" ? runId : schema.default);
    if (value === undefined) missing.push(name);
    else inputs[name] = value;
  }
  if (missing.length > 0) return skipAll(`workflow ${workflow.workflowId} needs ${missing.map((name) => `"${name}"`).join(", ")} in --fixtures`);

  const context: FlowContext = { inputs, steps: {} };
  let position = 0;
  for (let count = 0; position < workflow.steps.length; count++) {
    const step = workflow.steps[position]!;
    const operation = index.byId(step.operationId);
    if (count >= MAX_STEPS)
      return [
        ...results,
        caseOf(step, operation, {
          status: expectedStatus(step),
          outcome: "fail",
          schemaValidated: false,
          message: `${workflow.workflowId}: more than ${MAX_STEPS} steps (a goto loop)`,
        }),
      ];
    const unsafe = liveSkipReason(target, operation, true) ?? (target.signal?.aborted ? "the run was interrupted" : undefined);
    if (unsafe) return [...results, ...skipAll(`step ${step.stepId} (${operation.operationId}): ${unsafe}`).slice(position)];
    delete context.response;
    const outcome = await timed(() => runStep(step, operation, context, target, perRequestHeaders?.() ?? {}));
    results.push(caseOf(step, operation, outcome));
    if (outcome.outcome === "fail") {
      const rest = workflow.steps.slice(position + 1).map((later) =>
        caseOf(later, index.byId(later.operationId), {
          status: expectedStatus(later),
          outcome: "skip",
          schemaValidated: false,
          message: `an earlier step of ${workflow.workflowId} failed`,
        }),
      );
      return [...results, ...rest];
    }
    const action = (step.onSuccess ?? []).find((candidate) => (candidate.criteria ?? []).every(({ condition }) => holds(condition, context)));
    if (action?.type === "end") break;
    position = action?.type === "goto" ? workflow.steps.findIndex((candidate) => candidate.stepId === action.stepId) : position + 1;
  }
  return results;
}

async function runStep(
  step: FlowStep,
  operation: Operation,
  context: FlowContext,
  target: ContractTarget,
  headers: Record<string, string>,
): Promise<Pick<CaseResult, "status" | "outcome" | "schemaValidated" | "message" | "realStatus">> {
  const label = `${step.stepId} (${operation.operationId})`;
  let request: CaseRequest;
  try {
    request = { path: {}, query: {}, headers: { ...headers } };
    // A required `?action=` and the like: the value the spec fixes, as in discovery.
    for (const parameter of operation.parameters) {
      if (parameter.in === "query" && parameter.required && isFixedValue(parameter)) request.query[parameter.name] = asText(exampleOf(parameter.schema));
    }
    for (const parameter of step.parameters ?? []) {
      const value = resolveValue(parameter.value, context);
      if (value === undefined) throw new Error(`parameter ${parameter.name} has no value (${String(parameter.value)})`);
      (parameter.in === "header" ? request.headers : request[parameter.in])[parameter.name] = asText(value);
    }
    if (step.requestBody) request.body = resolveValue(step.requestBody.payload, context);
  } catch (error) {
    return { status: expectedStatus(step), outcome: "fail", schemaValidated: false, message: `${label}: ${(error as Error).message}` };
  }
  let real: CaseResponse;
  try {
    real = await send(target, operation, request);
  } catch (error) {
    return {
      status: expectedStatus(step),
      outcome: "fail",
      schemaValidated: false,
      message: redact(`${label}: no answer (${(error as Error).message})`, target),
    };
  }
  let body: unknown;
  try {
    body = real.body ? JSON.parse(real.body) : undefined;
  } catch {
    body = undefined;
  }
  context.response = {
    statusCode: real.statusCode,
    headers: Object.fromEntries(Object.entries(real.headers).map(([name, value]) => [name.toLowerCase(), value])),
    body,
  };
  const status = String(real.statusCode);
  const problems = caseProblems(target, operation, real);
  // Without criteria, Arazzo's default: any success.
  const unmet = step.successCriteria
    ? step.successCriteria.filter(({ condition }) => !holds(condition, context)).map(({ condition }) => condition)
    : real.statusCode >= 300
      ? ["a 2xx status"]
      : [];
  if (unmet.length > 0) problems.push(`${operation.operationId} ${status}: success criteria not met: ${unmet.join("; ")}`);
  if (problems.length > 0) {
    return {
      status,
      realStatus: real.statusCode,
      outcome: "fail",
      schemaValidated: false,
      message: redact(`${label}: ${describeRequest(operation, request)}: ${problems.join("; ")}`, target),
    };
  }
  context.steps[step.stepId] = {
    outputs: Object.fromEntries(Object.entries(step.outputs ?? {}).map(([name, expression]) => [name, evaluateExpression(expression, context)])),
  };
  return { status, realStatus: real.statusCode, outcome: "pass", schemaValidated: true };
}

/** The status a step expects, from its first `$statusCode == N` criterion ("2xx" without one). */
function expectedStatus(step: FlowStep): string {
  for (const { condition } of step.successCriteria ?? []) {
    const found = /\$statusCode\s*==\s*(\d{3})/.exec(condition);
    if (found) return found[1]!;
  }
  return "2xx";
}
