/**
 * The spec's OpenAPI links, read as the places an id comes from: `listAddons`' 200 links to
 * `getAddon` with `id: $response.body#/data/0/id`. A live run follows them to discover ids in the
 * account; only links whose source is a read are followed, so discovery never writes.
 */
import type { ApiName } from "../../spec/apis.js";
import { pointerTokens } from "../../spec/json-pointer.js";
import { getOperations, type Operation } from "../../spec/operations.js";
import { isWrite } from "./safety.js";

export interface Link {
  /** The read whose response holds the value. */
  source: Operation;
  status: string;
  /** The parameter it fills in the target operation (a `path.` / `query.` prefix removed). */
  parameter: string;
  /** A runtime expression: `$response.body#/…`, `$request.query.<name>` or `$request.path.<name>`. */
  expression: string;
}

const cache = new Map<ApiName, Map<string, Link[]>>();

/** The links into `operationId`'s parameter `name`, from reads only, in the spec's order. */
export function linksInto(api: ApiName, operationId: string, name: string): Link[] {
  return (linksByTarget(api).get(operationId) ?? []).filter((link) => link.parameter === name);
}

function linksByTarget(api: ApiName): Map<string, Link[]> {
  let index = cache.get(api);
  if (index) return index;
  index = new Map();
  for (const source of getOperations(api).operations) {
    if (isWrite(source)) continue;
    for (const [status, response] of Object.entries(source.object.responses)) {
      const links = (response as { links?: Record<string, { operationId?: string; parameters?: Record<string, unknown> }> }).links ?? {};
      for (const link of Object.values(links)) {
        if (!link.operationId) continue;
        for (const [key, expression] of Object.entries(link.parameters ?? {})) {
          if (typeof expression !== "string") continue;
          const parameter = key.replace(/^(path|query|header|cookie)\./, "");
          const list = index.get(link.operationId) ?? [];
          list.push({ source, status, parameter, expression });
          index.set(link.operationId, list);
        }
      }
    }
  }
  cache.set(api, index);
  return index;
}

/** One request and its response's parsed body: what a runtime expression reads. */
export interface LinkExchange {
  request: { path: Record<string, string>; query: Record<string, string>; body?: unknown };
  body: unknown;
}

/**
 * The value of a runtime expression against one exchange, as text, or undefined when it names
 * nothing (an empty list has no `/data/0/id`). Only the forms the specs use are understood.
 */
export function evaluate(expression: string, exchange: LinkExchange): string | undefined {
  const request = /^\$request\.(path|query)\.(.+)$/.exec(expression);
  if (request) return exchange.request[request[1] as "path" | "query"][request[2]!];
  const body = /^\$(request|response)\.body#(.*)$/.exec(expression);
  if (!body) throw new Error(`unsupported runtime expression ${JSON.stringify(expression)}`);
  const value = atPointer(body[1] === "request" ? exchange.request.body : exchange.body, body[2]!);
  return typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
}

/** The value at a JSON pointer (`/data/0/id`), or undefined when the document has none there. */
export function atPointer(document: unknown, pointer: string): unknown {
  let current = document;
  for (const token of pointerTokens(pointer)) {
    if (Array.isArray(current) && /^(0|[1-9]\d*)$/.test(token)) current = current[Number(token)];
    else if (current !== null && typeof current === "object" && Object.hasOwn(current, token)) current = (current as Record<string, unknown>)[token];
    else return undefined;
  }
  return current;
}
