// A fresh Cloud Plans mock per test file, an openapi-fetch client per token, and a check of every reply
// against the spec: each response any helper here gets back must be valid for its operation and status.
import createClient, { type Client } from "openapi-fetch";
import { afterAll, beforeAll, expect } from "vitest";
import type { components, paths } from "../../generated/cloudplans/schema.js";
import { startMock, type MockServer, type MockServerOptions } from "../../src/mock/index.js";
import { CLOUDPLANS_IDS, CLOUDPLANS_TOKENS, CLOUDPLANS_USERS } from "../../src/mock/cloudplans/seed.js";
import type { JsonSchema } from "../../src/spec/document.js";
import { getOperations, type Operation } from "../../src/spec/operations.js";
import { validateBody } from "../../src/spec/validator.js";

export const TOKENS = CLOUDPLANS_TOKENS;
export const IDS = CLOUDPLANS_IDS;
export const USERS = CLOUDPLANS_USERS;

/** The mock's clock in these tests: dates the mock writes are predictable. */
export const NOW = new Date("2025-06-01T10:00:00.000Z");

export type ErrorBody = components["schemas"]["ErrorResponse"];
export type CloudPlansClient = Client<paths>;

export const operations = getOperations("cloudplans");

export const ROLES = ["owner", "admin", "billing", "planner", "viewer"] as const;
export type Role = (typeof ROLES)[number];

/** The roles the spec allows for an operation (`x-cloudplans-roles.allowed`). */
export function allowedRoles(operation: Operation): Role[] {
  return (operation.object as unknown as { "x-cloudplans-roles": { allowed: Role[] } })["x-cloudplans-roles"].allowed;
}

function responseSchema(operation: Operation, status: number): JsonSchema {
  const response = operation.object.responses[String(status)] ?? operation.object.responses.default;
  const schema = response?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`${operation.operationId} documents no JSON body for ${status}`);
  return schema;
}

/** Fails unless `body` is a valid response body of this operation for this status (or its default). */
export function expectValidBody(operationId: string, status: number, body: unknown): void {
  const result = validateBody(responseSchema(operations.byId(operationId), status), body);
  expect(result, `${operationId} ${status} ${JSON.stringify(body)}`).toEqual({ valid: true });
}

/** Fails unless the reply is this error in the spec's envelope; returns the body. */
export function expectError(reply: { status: number; body: unknown }, status: number, code: string): ErrorBody {
  const body = reply.body as ErrorBody;
  expect(reply.status, JSON.stringify(body)).toBe(status);
  expect(body.status).toBe(status);
  expect(body.error).toBe(code);
  expect(body.message.length).toBeGreaterThan(0);
  return body;
}

/** The fields an error's details name. */
export const fieldsOf = (body: ErrorBody): string[] => (body.details ?? []).map((detail) => detail.field);

export interface Reply {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface RequestParts {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** A raw body, sent as is (for malformed JSON). */
  rawBody?: string;
}

export function useCloudPlansMock(options: MockServerOptions = { now: () => NOW }): {
  mock: () => MockServer;
  client: (token?: string) => CloudPlansClient;
  call: (token: string | null, operationId: string, parts?: RequestParts) => Promise<Reply>;
  pay: (link: string, method?: string) => Promise<Reply>;
} {
  let server: MockServer | undefined;
  let validated = 0;
  beforeAll(async () => {
    server = await startMock("cloudplans", options);
  });
  afterAll(async () => {
    await server?.close();
    // The check below must have run, or it proves nothing.
    expect(validated).toBeGreaterThan(0);
  });

  // Every reply to an API path is checked against the spec; a control route's is not part of it.
  const validatingFetch = async (request: Request): Promise<Response> => {
    const response = await fetch(request);
    const match = operations.match(request.method, new URL(request.url).pathname);
    if (match && (response.headers.get("content-type") ?? "").startsWith("application/json")) {
      expectValidBody(match.operation.operationId, response.status, await response.clone().json());
      validated += 1;
    }
    return response;
  };

  const reply = async (response: Response): Promise<Reply> => {
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === "" ? undefined : (JSON.parse(text) as unknown) };
  };

  return {
    mock: () => server!,
    client: (token = TOKENS.owner) => createClient<paths>({ baseUrl: server!.url, headers: { authorization: `Bearer ${token}` }, fetch: validatingFetch }),
    async call(token, operationId, parts = {}) {
      const operation = operations.byId(operationId);
      const url = new URL(`${server!.url}${operation.path}`);
      for (const [name, value] of Object.entries(parts.query ?? {})) if (value !== undefined) url.searchParams.set(name, String(value));
      const headers: Record<string, string> = token === null ? {} : { authorization: `Bearer ${token}` };
      const body = parts.rawBody ?? (parts.body === undefined ? undefined : JSON.stringify(parts.body));
      if (body !== undefined) headers["content-type"] = "application/json";
      return reply(await validatingFetch(new Request(url, { method: operation.method.toUpperCase(), headers, ...(body === undefined ? {} : { body }) })));
    },
    async pay(link, method = "GET") {
      return reply(await fetch(link, { method }));
    },
  };
}
