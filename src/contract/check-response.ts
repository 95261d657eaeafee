/**
 * Whether one response is what the spec documents for its operation: the status, the declared headers
 * and the JSON body, validated with Ajv. Every pass (dredd, negative, generated, flows) checks its
 * responses here.
 */
import type { JsonSchema, ParameterObject, ResponseObject } from "../spec/document.js";
import type { Operation } from "../spec/operations.js";
import { validateBody, validateParameters, type FieldError } from "../spec/validator.js";
import { withOpenEnums } from "./drift/open-enums.js";
import type { ContractTarget } from "./types.js";

/**
 * Validates status, declared headers and body of one response against the operation's spec. The status
 * must be documented by its own response (or a range such as `4XX`): a `default` response only says
 * how to read an unexpected status, so a status that only `default` covers fails like any other
 * undocumented one.
 */
export function checkResponse(operation: Operation, real: { statusCode: number; headers: Record<string, string>; body: string }): string[] {
  return checkResponseWith(operation, real, (schema) => schema);
}

/**
 * `checkResponse` with its problems told apart: against a live server, an enum value the spec does not
 * list is drift a client may well survive (a warning, see src/contract/drift/), not a broken contract.
 * Warnings are the problems that go away once the body's enums are open.
 */
export function classifyResponse(
  operation: Operation,
  real: { statusCode: number; headers: Record<string, string>; body: string },
): { failures: string[]; warnings: string[] } {
  const all = checkResponse(operation, real);
  if (all.length === 0) return { failures: [], warnings: [] };
  const failures = checkResponseWith(operation, real, withOpenEnums);
  return { failures, warnings: all.filter((problem) => !failures.includes(problem)) };
}

/** The problems that fail a case: on a live run, without the warnings of `classifyResponse`. */
export function caseProblems(
  target: Pick<ContractTarget, "live">,
  operation: Operation,
  real: { statusCode: number; headers: Record<string, string>; body: string },
): string[] {
  return target.live ? classifyResponse(operation, real).failures : checkResponse(operation, real);
}

/** The response that documents a status: its own, or a range such as `4XX` (never `default`). */
export function documentedResponse(operation: Operation, statusCode: number): ResponseObject | undefined {
  const status = String(statusCode);
  return operation.object.responses[status] ?? operation.object.responses[`${status[0]}XX`];
}

function checkResponseWith(
  operation: Operation,
  real: { statusCode: number; headers: Record<string, string>; body: string },
  bodySchema: (schema: JsonSchema) => JsonSchema,
): string[] {
  const label = `${operation.operationId} ${real.statusCode}`;
  const responses = operation.object.responses;
  const spec = documentedResponse(operation, real.statusCode);
  if (!spec) return [`${label}: status ${real.statusCode} is not documented${responses.default ? " (only the catch-all `default` response covers it)" : ""}`];
  const problems: string[] = [];
  const headers = Object.fromEntries(Object.entries(real.headers).map(([name, value]) => [name.toLowerCase(), value]));
  const declared = declaredHeaders(spec);
  const headerCheck = validateParameters("header", declared, { ...headers });
  if (!headerCheck.valid) problems.push(...headerCheck.errors.map((error) => `${label}: header ${describeField(error)}`));
  const media = spec.content?.["application/json"];
  if (media?.schema) {
    const contentType = headers["content-type"] ?? "";
    if (!/^application\/json\b/i.test(contentType)) problems.push(`${label}: content-type is ${JSON.stringify(contentType)}, expected application/json`);
    let body: unknown;
    try {
      body = JSON.parse(real.body);
    } catch {
      problems.push(`${label}: body is not JSON: ${JSON.stringify(real.body.slice(0, 80))}`);
      return problems;
    }
    const result = validateBody(bodySchema(media.schema), body);
    if (!result.valid) problems.push(...result.errors.map((error) => `${label}: body ${describeField(error)}`));
  }
  return problems;
}

// One parameter list per response object, so that its compiled validator is reused.
const headerLists = new WeakMap<ResponseObject, ParameterObject[]>();

function declaredHeaders(spec: ResponseObject): ParameterObject[] {
  let list = headerLists.get(spec);
  if (!list) {
    list = Object.entries(spec.headers ?? {}).map(([name, header]) => ({
      name,
      in: "header" as const,
      required: header.required ?? false,
      schema: header.schema ?? {},
    }));
    headerLists.set(spec, list);
  }
  return list;
}

function describeField(error: FieldError): string {
  return `${error.field || "(root)"} ${error.message}`;
}
