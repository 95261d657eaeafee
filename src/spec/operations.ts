/** An index of a spec's operations: lookup by id, and routing of (method, path) to an operation. */
import { getDocument, HTTP_METHODS, type HttpMethod, type OperationObject, type ParameterObject } from "./document.js";
import type { ApiName } from "./apis.js";

export interface Operation {
  operationId: string;
  method: HttpMethod;
  /** The path template as written in the spec, e.g. `/addons/{id}`. */
  path: string;
  /** Path-item and operation parameters merged; the operation's win. */
  parameters: ParameterObject[];
  object: OperationObject;
  /** Documented statuses, e.g. ["200", "400", "default"]. */
  statuses: string[];
}

export interface OperationMatch {
  operation: Operation;
  pathParams: Record<string, string>;
}

export interface OperationIndex {
  api: ApiName;
  operations: Operation[];
  byId(operationId: string): Operation;
  /** Matches a path relative to the server URL; literal segments win over parameters. */
  match(method: string, path: string): OperationMatch | undefined;
  /** True when some operation has this path (the method may still be wrong). */
  hasPath(path: string): boolean;
}

interface Route {
  operation: Operation;
  pattern: RegExp;
  names: string[];
  literalSegments: number;
}

const cache = new Map<ApiName, OperationIndex>();

export function getOperations(api: ApiName): OperationIndex {
  let index = cache.get(api);
  if (!index) {
    index = buildIndex(api);
    cache.set(api, index);
  }
  return index;
}

function buildIndex(api: ApiName): OperationIndex {
  const document = getDocument(api);
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const object = item[method];
      if (!object) continue;
      const parameters = new Map<string, ParameterObject>();
      for (const parameter of [...(item.parameters ?? []), ...(object.parameters ?? [])]) {
        parameters.set(`${parameter.in}:${parameter.name}`, parameter);
      }
      operations.push({ operationId: object.operationId, method, path, parameters: [...parameters.values()], object, statuses: Object.keys(object.responses) });
    }
  }
  const routes = operations.map((operation) => toRoute(operation)).sort((a, b) => b.literalSegments - a.literalSegments);
  // The routes a (method, path) can match, by method and segment count (a route matches only paths
  // with as many segments as its template, trailing slash aside): a request tries a few, not all.
  const candidates = new Map<string, Route[][]>();
  for (const route of routes) {
    const method = route.operation.method.toUpperCase();
    const byCount = candidates.get(method) ?? candidates.set(method, []).get(method)!;
    const count = segmentCount(route.operation.path);
    byCount[count] = [...(byCount[count] ?? []), route];
  }
  const byId = new Map(operations.map((operation) => [operation.operationId, operation]));
  return {
    api,
    operations,
    byId(operationId) {
      const operation = byId.get(operationId);
      if (!operation) throw new Error(`${api}: no operation "${operationId}" in the spec`);
      return operation;
    },
    match(method, path) {
      const byCount = candidates.get(method) ?? candidates.get(method.toUpperCase());
      for (const route of byCount?.[segmentCount(path)] ?? []) {
        const found = route.pattern.exec(path);
        if (!found) continue;
        const pathParams: Record<string, string> = {};
        route.names.forEach((name, i) => {
          pathParams[name] = safeDecode(found[i + 1] ?? "");
        });
        return { operation: route.operation, pathParams };
      }
      return undefined;
    },
    hasPath(path) {
      return routes.some((route) => route.pattern.test(path));
    },
  };
}

/** `/addons/{id}` → 2, `/addons/x/` → 2, `/` → 0. */
function segmentCount(path: string): number {
  let count = 0;
  const end = path.endsWith("/") ? path.length - 1 : path.length;
  for (let at = path.indexOf("/"); at >= 0 && at < end; at = path.indexOf("/", at + 1)) count += 1;
  return count;
}

function toRoute(operation: Operation): Route {
  const names: string[] = [];
  let literalSegments = 0;
  const source = operation.path
    .split("/")
    .map((segment) => {
      const parameter = /^\{([^}]+)\}$/.exec(segment);
      if (parameter) {
        names.push(parameter[1]!);
        return "([^/]+)";
      }
      literalSegments += 1;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { operation, pattern: new RegExp(`^${source}/?$`), names, literalSegments };
}

/** A path segment decoded, or as it came when it is not valid percent-encoding. */
export function safeDecode(segment: string): string {
  // Most segments have nothing to decode.
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
