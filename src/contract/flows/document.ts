/**
 * The declared flows of each API: `specs/<api>/flows.arazzo.yaml` (Arazzo 1.0), bundled to
 * `generated/<api>/flows.json` by `npm run generate`. Typed for the part of Arazzo the runner
 * understands, and checked once when first read: every operation, step, input and expression a flow
 * names must exist, so a typo fails the load, not a step halfway through someone's account.
 */
import commet from "../../../generated/commet/flows.json" with { type: "json" };
import onet from "../../../generated/onet/flows.json" with { type: "json" };
import cloudplans from "../../../generated/cloudplans/flows.json" with { type: "json" };
import type { ApiName } from "../../spec/apis.js";
import { getOperations } from "../../spec/operations.js";
import { expressionsIn, parseCondition } from "./expressions.js";

export interface Criterion {
  condition: string;
}

export interface FlowAction {
  name: string;
  type: "goto" | "end";
  stepId?: string;
  criteria?: Criterion[];
}

export interface FlowStep {
  stepId: string;
  description?: string;
  operationId: string;
  parameters?: { name: string; in: "path" | "query" | "header"; value: unknown }[];
  requestBody?: { contentType?: string; payload: unknown };
  successCriteria?: Criterion[];
  outputs?: Record<string, string>;
  onSuccess?: FlowAction[];
}

export interface Workflow {
  workflowId: string;
  summary?: string;
  description?: string;
  inputs?: { type?: string; properties?: Record<string, { type?: string; format?: string; description?: string; default?: unknown }>; required?: string[] };
  steps: FlowStep[];
}

export interface FlowsDocument {
  arazzo: string;
  workflows: Workflow[];
}

/** Inputs the runner gives every workflow that declares them. */
export const BUILT_IN_INPUTS = ["runId"] as const;

const documents: Record<ApiName, unknown> = { commet, onet, cloudplans };
const checked = new Map<ApiName, FlowsDocument>();

export function getFlows(api: ApiName): FlowsDocument {
  let flows = checked.get(api);
  if (!flows) {
    flows = checkFlows(api, documents[api] as FlowsDocument);
    checked.set(api, flows);
  }
  return flows;
}

/** `flows` if every name in it resolves; otherwise an error naming the workflow, step and name. */
export function checkFlows(api: ApiName, flows: FlowsDocument): FlowsDocument {
  const index = getOperations(api);
  for (const workflow of flows.workflows) {
    const where = (step?: FlowStep) => `${api} flows: ${workflow.workflowId}${step ? `.${step.stepId}` : ""}`;
    const stepIds = new Set(workflow.steps.map((step) => step.stepId));
    const inputs = new Set([...Object.keys(workflow.inputs?.properties ?? {})]);
    for (const step of workflow.steps) {
      const operation = index.operations.find((candidate) => candidate.operationId === step.operationId);
      if (!operation) throw new Error(`${where(step)}: no operation "${step.operationId}" in the spec`);
      for (const parameter of step.parameters ?? []) {
        if (!operation.parameters.some((declared) => declared.name === parameter.name && declared.in === parameter.in)) {
          throw new Error(`${where(step)}: ${step.operationId} has no ${parameter.in} parameter "${parameter.name}"`);
        }
      }
      const conditions = [...(step.successCriteria ?? []), ...(step.onSuccess ?? []).flatMap((action) => action.criteria ?? [])];
      for (const { condition } of conditions) parseCondition(condition);
      for (const action of step.onSuccess ?? []) {
        if (action.type === "goto" && !stepIds.has(action.stepId ?? "")) throw new Error(`${where(step)}: goto names no step "${action.stepId}"`);
      }
      const used = [
        ...expressionsIn(step.parameters?.map((parameter) => parameter.value)),
        ...expressionsIn(step.requestBody?.payload),
        ...Object.values(step.outputs ?? {}),
      ];
      for (const expression of used) {
        const input = /^\$inputs\.(.+)$/.exec(expression)?.[1];
        if (input !== undefined && !inputs.has(input)) throw new Error(`${where(step)}: ${expression} is not an input of the workflow`);
        const source = /^\$steps\.([^.]+)\./.exec(expression)?.[1];
        if (source !== undefined && !stepIds.has(source)) throw new Error(`${where(step)}: ${expression} names no step`);
      }
    }
  }
  return flows;
}
