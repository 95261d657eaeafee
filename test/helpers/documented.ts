// Checks that a mock's reply is one the spec documents: the operation's own response for that status,
// with a body valid against its schema.
import { expect } from "vitest";
import type { ApiName } from "../../src/spec/apis.js";
import { getOperations } from "../../src/spec/operations.js";
import { validateBody } from "../../src/spec/validator.js";

/** Fails unless `body` is a documented `status` response of the operation. */
export function expectDocumented(api: ApiName, operationId: string, status: number, body: unknown): void {
  const operation = getOperations(api).byId(operationId);
  const schema = operation.object.responses[String(status)]?.content?.["application/json"]?.schema;
  expect(schema, `${operationId} documents ${status}`).toBeDefined();
  expect(validateBody(schema!, body), JSON.stringify(body).slice(0, 300)).toEqual({ valid: true });
}

/** The status and the parsed JSON body of a response. */
export async function json(response: Response): Promise<{ status: number; body: any }> {
  return { status: response.status, body: await response.json() };
}
