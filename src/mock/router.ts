/**
 * A request's target and the operation it routes to. Clients repeat their targets (a test reads the
 * same resource again and again), so the last few hundred (method, target) pairs routed are kept:
 * routing is a pure function of them. Each request gets its own copies, since validation coerces
 * query and path values in place.
 */
import type { OperationIndex, OperationMatch } from "../spec/operations.js";
import { parseTarget, type RequestTarget } from "./request.js";

/** How many routed targets are kept (all are forgotten at once when full), and the longest kept. */
const MEMO_ENTRIES = 256;
const MEMO_KEY_CHARACTERS = 512;

export interface Routed {
  target: RequestTarget;
  /** Undefined when no operation has this method and path under the API's base path. */
  match: OperationMatch | undefined;
}

export function createRouter(index: OperationIndex, basePath: string): (method: string, rawUrl: string) => Routed {
  const apiPrefix = `${basePath}/`;
  const memo = new Map<string, { target: RequestTarget; match: OperationMatch }>();
  return (method, rawUrl) => {
    const key = `${method} ${rawUrl}`;
    const known = memo.get(key);
    if (known) return copy(known);
    const target = parseTarget(rawUrl);
    const relative = target.pathname.startsWith(apiPrefix) ? target.pathname.slice(basePath.length) : undefined;
    const match = relative === undefined ? undefined : index.match(method, relative);
    if (match && key.length <= MEMO_KEY_CHARACTERS) {
      if (memo.size >= MEMO_ENTRIES) memo.clear();
      memo.set(key, copy({ target, match }));
    }
    return { target, match };
  };
}

function copy({ target, match }: { target: RequestTarget; match: OperationMatch }): { target: RequestTarget; match: OperationMatch } {
  return { target: { pathname: target.pathname, query: { ...target.query } }, match: { operation: match.operation, pathParams: { ...match.pathParams } } };
}
