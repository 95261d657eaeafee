/**
 * What a contract run may send to a live server. Reads (GET, HEAD, OPTIONS) always; anything that may
 * create, change, delete or charge only with `--allow-writes`. Against a mock everything goes.
 */
import type { Operation } from "../../spec/operations.js";

const READ_METHODS = new Set(["get", "head", "options"]);

/** Whether an HTTP method only reads (any case). */
export function isReadMethod(method: string): boolean {
  return READ_METHODS.has(method.toLowerCase());
}

export function isWrite(operation: Pick<Operation, "method">): boolean {
  return !isReadMethod(operation.method);
}

/**
 * Why the spec says a success of this operation cannot be undone through the API (`x-irreversible`):
 * a live run never asks for one, even with --allow-writes, because it removes what it creates.
 */
export function irreversibleReason(operation: Pick<Operation, "object">): string | undefined {
  const reason = (operation.object as { "x-irreversible"?: unknown })["x-irreversible"];
  return typeof reason === "string" ? reason.replace(/\s+/g, " ").trim() : undefined;
}

/**
 * Why a live run must not send a request to this operation (undefined: it may). `expectsSuccess`:
 * whether the request is meant to succeed; one the server must refuse changes nothing.
 */
export function liveSkipReason(
  target: { live?: boolean; allowWrites?: boolean },
  operation: Pick<Operation, "method" | "object">,
  expectsSuccess: boolean,
): string | undefined {
  if (!target.live || !isWrite(operation)) return undefined;
  if (!target.allowWrites) return "write operation: needs --allow-writes";
  const irreversible = expectsSuccess ? irreversibleReason(operation) : undefined;
  return irreversible ? `cannot be undone, so a live run leaves it out: ${irreversible}` : undefined;
}
