/**
 * What undoes a write, as the spec declares it: an OpenAPI link marked `x-cleanup: true` on a write's
 * success response names the call that takes it back (createAddon's 200 links to deleteAddon with
 * `id: $response.body#/data/id`; activateAddon's to deactivateAddon). Data, not code: a new create
 * operation gets its clean-up by its link, and the rendered docs show it.
 */
import type { ApiName } from "../../spec/apis.js";
import { getOperations, type Operation } from "../../spec/operations.js";
import { evaluate, type LinkExchange } from "../live/links.js";

export interface UndoLink {
  /** The operation that undoes. */
  operation: Operation;
  /** Its parameters (by location and name) as runtime expressions over the write's exchange. */
  parameters: { in: "path" | "query"; name: string; expression: string }[];
}

/** One call that undoes a write, its values filled in. */
export interface UndoCall {
  operation: Operation;
  path: Record<string, string>;
  query: Record<string, string>;
}

const cache = new Map<string, UndoLink[]>();

/** The undo links of one documented status of one operation (none for most). */
export function undoLinks(api: ApiName, operation: Operation, status: string): UndoLink[] {
  const key = `${api} ${operation.operationId} ${status}`;
  let links = cache.get(key);
  if (!links) {
    links = readLinks(api, operation, status);
    cache.set(key, links);
  }
  return links;
}

function readLinks(api: ApiName, operation: Operation, status: string): UndoLink[] {
  const response = operation.object.responses[status] as { links?: Record<string, RawLink> } | undefined;
  return Object.values(response?.links ?? {})
    .filter((link) => link["x-cleanup"] === true && typeof link.operationId === "string")
    .map((link) => {
      const target = getOperations(api).byId(link.operationId!);
      const parameters = Object.entries(link.parameters ?? {}).map(([key, expression]) => {
        const [prefix, rest] = key.includes(".") ? (key.split(/\.(.*)/, 2) as [string, string]) : [undefined, key];
        const declared = target.parameters.find((parameter) => parameter.name === rest && (!prefix || parameter.in === prefix));
        if (!declared || (declared.in !== "path" && declared.in !== "query") || typeof expression !== "string") {
          throw new Error(
            `${operation.operationId} ${status}: the x-cleanup link to ${target.operationId} names "${key}", not a path or query parameter of it`,
          );
        }
        return { in: declared.in, name: rest, expression };
      });
      return { operation: target, parameters };
    });
}

/** The undo call for one exchange, or the names of the values the exchange does not hold. */
export function undoCall(link: UndoLink, exchange: LinkExchange): UndoCall | { missing: string[] } {
  const call: UndoCall = { operation: link.operation, path: {}, query: {} };
  const missing: string[] = [];
  for (const parameter of link.parameters) {
    const value = evaluate(parameter.expression, exchange);
    if (value === undefined) missing.push(parameter.name);
    else call[parameter.in][parameter.name] = value;
  }
  return missing.length > 0 ? { missing } : call;
}

interface RawLink {
  operationId?: string;
  parameters?: Record<string, unknown>;
  "x-cleanup"?: unknown;
}
