/**
 * What a contract run may send to a live server. Reads (GET, HEAD, OPTIONS) always; anything that may
 * create, change, delete or charge only with `--allow-writes`. Against a mock everything goes.
 */
import type { Operation } from "../spec/operations.js";

const READ_METHODS = new Set(["get", "head", "options"]);

/** Whether an HTTP method only reads (any case). */
export function isReadMethod(method: string): boolean {
  return READ_METHODS.has(method.toLowerCase());
}

export function isWrite(operation: Pick<Operation, "method">): boolean {
  return !isReadMethod(operation.method);
}
