/**
 * What serving one operation takes, worked out once per server (on the operation's first request):
 * its parameter checks, its body schema, its handler, whether it honours an idempotency key, whether it
 * is a read. A request then looks nothing up in the spec: on a 2-core machine every lookup shows in the
 * mock's throughput (BENCHMARKS.md §2).
 */
import type { JsonSchema } from "../spec/document.js";
import type { Operation } from "../spec/operations.js";
import { parameterChecks, type ParameterCheck } from "../spec/validator.js";
import type { MockHandler, VendorMock } from "./types.js";

/** Methods whose handlers store nothing. */
const READ_METHODS = new Set(["get", "head"]);

export interface OperationPlan<State> {
  operation: Operation;
  /** Path, query and header checks, for the locations where the operation declares parameters. */
  checks: ParameterCheck[];
  /** The JSON body's schema, when the operation takes one. */
  body: { schema: JsonSchema; required: boolean } | undefined;
  handler: MockHandler<State>;
  /** The header (lower case) whose key makes a retry safe, when the vendor honours one on this operation. */
  idempotencyHeader: string | undefined;
  /** The handler stores nothing: no copy of the state to undo with, no size walk. */
  read: boolean;
}

export function planOperation<State>(vendor: VendorMock<State>, operation: Operation): OperationPlan<State> {
  const requestBody = operation.object.requestBody;
  const schema = requestBody?.content["application/json"]?.schema;
  const idempotency = vendor.idempotency;
  return {
    operation,
    checks: parameterChecks(operation.parameters),
    body: requestBody && schema ? { schema, required: requestBody.required === true } : undefined,
    handler: vendor.handlers[operation.operationId]!,
    idempotencyHeader: idempotency?.operations.includes(operation.operationId) ? idempotency.header.toLowerCase() : undefined,
    read: READ_METHODS.has(operation.method),
  };
}
