/**
 * The requests the generated cases send: a valid baseline built from the spec's examples, the check of
 * a request against the spec, and sending one over fetch (credentials added here, never printed).
 */
import { describeCause } from "../../core/errors/describe-cause.js";
import { createRedactor, secretsOfCredentials, type Redactor } from "../../core/redact.js";
import { contractFetch } from "../fresh-connection.js";
import type { JsonSchema } from "../../spec/document.js";
import type { Operation } from "../../spec/operations.js";
import { validateBody, validateParameters } from "../../spec/validator.js";
import { foldAllOf, isSchema, typesOf } from "./schema-tools.js";
import type { ContractTarget } from "../types.js";

export interface CaseRequest {
  path: Record<string, string>;
  query: Record<string, string>;
  /** The operation's own header parameters; credentials are added by `send`. */
  headers: Record<string, string>;
  /** A JSON body. */
  body?: unknown;
  /** A body that is not JSON at all (wins over `body`). */
  rawBody?: string;
}

export interface CaseResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** Per request: a server that does not answer within this is a failure, not a hung run. */
export const REQUEST_TIMEOUT_MS = 10_000;

type Location = "path" | "query" | "header";

/** Where a location's values live in a request. */
export function valuesAt(request: CaseRequest, location: Location): Record<string, string> {
  return location === "header" ? request.headers : request[location];
}

/** The operation's JSON request body schema and whether a body is required, if it takes one. */
export function requestBodyOf(operation: Operation): { schema?: JsonSchema; required: boolean } | undefined {
  const spec = operation.object.requestBody;
  if (!spec) return undefined;
  const schema = spec.content["application/json"]?.schema;
  return { ...(schema ? { schema } : {}), required: spec.required ?? false };
}

/**
 * A valid request from the spec's examples: every path parameter, every query and header parameter
 * that is required or has an example, and the body's example (or one built from its fields' examples).
 */
export function baselineRequest(operation: Operation): CaseRequest {
  const request: CaseRequest = { path: {}, query: {}, headers: {} };
  for (const parameter of operation.parameters) {
    if (parameter.in === "cookie") continue;
    const explicit = parameter.example ?? parameter.schema?.example;
    const value = explicit ?? (parameter.required || parameter.in === "path" ? exampleOf(parameter.schema) : undefined);
    if (value !== undefined) valuesAt(request, parameter.in)[parameter.name] = asText(value);
  }
  const body = requestBodyOf(operation);
  const media = operation.object.requestBody?.content["application/json"];
  const example = media?.example ?? (body?.schema ? exampleOf(body.schema) : undefined);
  if (body && example !== undefined) request.body = example;
  return request;
}

/** A parameter value as it travels in a path, query or header. */
export function asText(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value);
}

/** An example value for a schema: its own example, const, default or first enum value, else one built from its parts. */
export function exampleOf(schema: unknown, depth = 0): unknown {
  if (!isSchema(schema) || depth > 6) return undefined;
  for (const key of ["example", "const", "default"]) if (key in schema) return schema[key];
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const folded = foldAllOf(schema);
  const branches = [folded.oneOf, folded.anyOf].find(Array.isArray);
  if (branches && branches.length > 0) return exampleOf(branches[0], depth + 1);
  const type = typesOf(folded).find((candidate) => candidate !== "null") ?? (folded.properties ? "object" : undefined);
  switch (type) {
    case "object": {
      const properties = isSchema(folded.properties) ? folded.properties : {};
      const required = Array.isArray(folded.required) ? (folded.required as string[]) : [];
      const entries = required.map((name) => [name, exampleOf(properties[name], depth + 1)] as const);
      return entries.some(([, value]) => value === undefined) ? undefined : Object.fromEntries(entries);
    }
    case "array": {
      const item = exampleOf(folded.items, depth + 1);
      return item === undefined ? [] : Array.from({ length: Math.max(1, Number(folded.minItems ?? 1)) }, () => item);
    }
    case "string":
      return FORMAT_EXAMPLES[String(folded.format)] ?? "x".repeat(Math.max(1, Number(folded.minLength ?? 1)));
    case "integer":
    case "number":
      return typeof folded.minimum === "number" ? folded.minimum : typeof folded.maximum === "number" ? Math.min(0, folded.maximum) : 1;
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return undefined;
  }
}

const FORMAT_EXAMPLES: Record<string, string> = {
  uuid: "00000000-0000-4000-8000-000000000000",
  email: "someone@example.com",
  "date-time": "2026-01-01T00:00:00Z",
  date: "2026-01-01",
  uri: "https://example.com/",
};

/** What the spec refuses in a request (as the mocks validate it); empty when it is valid. */
export function requestProblems(operation: Operation, request: CaseRequest): string[] {
  const problems: string[] = [];
  for (const location of ["path", "query", "header"] as const) {
    // Copies: the validator coerces in place. Header names are compared in lower case.
    const values = Object.fromEntries(
      Object.entries(valuesAt(request, location)).map(([name, value]) => [location === "header" ? name.toLowerCase() : name, value]),
    );
    const result = validateParameters(location, operation.parameters, values);
    if (!result.valid) problems.push(...result.errors.map((error) => `${location}${error.field ? `.${error.field}` : ""} ${error.message}`));
  }
  const body = requestBodyOf(operation);
  if (request.rawBody !== undefined) problems.push("body is not JSON");
  else if (body?.schema && request.body === undefined && body.required) problems.push("body is required");
  else if (body?.schema && request.body !== undefined) {
    const result = validateBody(body.schema, request.body);
    if (!result.valid) problems.push(...result.errors.map((error) => `body${error.field ? `.${error.field}` : ""} ${error.message}`));
  }
  return problems;
}

export function urlOf(target: Pick<ContractTarget, "baseUrl">, operation: Operation, request: CaseRequest): string {
  const path = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(request.path[name] ?? ""));
  const query = new URLSearchParams(request.query).toString();
  return `${target.baseUrl.replace(/\/+$/, "")}${path}${query ? `?${query}` : ""}`;
}

/** Sends one request with the target's credentials; rejects on a network error or after the timeout. */
export async function send(target: ContractTarget, operation: Operation, request: CaseRequest): Promise<CaseResponse> {
  const payload = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  if (payload !== undefined && (operation.method === "get" || operation.method === "head")) {
    throw new Error(`${operation.operationId}: fetch cannot send a body with ${operation.method.toUpperCase()}`);
  }
  const headers = new Headers(request.headers);
  // Credentials win over a header parameter of the same name. Headers' own error would quote the value.
  for (const [name, value] of Object.entries(target.credentials)) {
    try {
      headers.set(name, value);
    } catch {
      throw new Error(`the credential header ${name} is not a valid header value`);
    }
  }
  if (payload !== undefined) headers.set("content-type", "application/json");
  try {
    const response = await contractFetch(urlOf(target, operation, request), {
      method: operation.method.toUpperCase(),
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
      signal: target.signal ? AbortSignal.any([target.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]) : AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const real = { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
    target.observe?.({
      operationId: operation.operationId,
      request: { path: request.path, query: request.query, ...(request.body !== undefined ? { body: request.body } : {}) },
      ...real,
    });
    return real;
  } catch (error) {
    // "fetch failed" alone does not say whether the server refused, reset or never answered.
    throw new Error(describeCause(error), { cause: error });
  }
}

/**
 * `text` with every credential value of the target blanked out (in every form `createRedactor`
 * knows): a server may echo a header back in an error body, and messages quote bodies.
 */
export function redact(text: string, target: Pick<ContractTarget, "credentials">): string {
  let redactor = redactors.get(target.credentials);
  if (!redactor) {
    redactor = createRedactor(secretsOfCredentials(target.credentials));
    redactors.set(target.credentials, redactor);
  }
  return redactor(text);
}

// A run redacts many messages with the same credentials: the redactor is built once per target.
const redactors = new WeakMap<object, Redactor>();

/** The request in one line for a message: method, path with values, query and a short body; never headers. */
export function describeRequest(operation: Operation, request: CaseRequest): string {
  const url = urlOf({ baseUrl: "" }, operation, request);
  const body = request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body));
  return `${operation.method.toUpperCase()} ${url}${body === undefined ? "" : ` body ${body.length > 400 ? `${body.slice(0, 400)}…` : body}`}`;
}
