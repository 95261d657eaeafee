/**
 * The account a live run talks to: the values it uses for ids instead of the spec's examples, which
 * belong to no real account. For each path or query parameter: a fixture (the operation's own
 * override first), else a value discovered by following a spec link from a read (a listed add-on's
 * id feeds getAddon), else nothing, and the case is skipped naming the fixture to add.
 */
import type { ApiName } from "../../spec/apis.js";
import type { ParameterObject } from "../../spec/document.js";
import type { Operation } from "../../spec/operations.js";
import { fixtureValue, NO_FIXTURES } from "../fixtures.js";
import { evaluate, linksInto } from "./links.js";
import { asText, exampleOf, send, type CaseRequest } from "../cases/request-base.js";
import type { ContractTarget, RequestChanges } from "../types.js";

/** Links lead from reads to reads; a chain longer than this is a loop in the spec. */
const MAX_DEPTH = 4;

export type Rebased = { changes: RequestChanges } | { missing: string[] };

export class Account {
  // One request per source read and its parameters, however many cases need its values.
  private readonly reads = new Map<string, Promise<{ request: CaseRequest; body: unknown } | undefined>>();

  constructor(
    private readonly api: ApiName,
    private readonly target: ContractTarget,
  ) {}

  /**
   * The path and query values for `operation` in this account: every path and query parameter that
   * names something (a free-form value, not a const, enum or default). An optional one with no value
   * is left out rather than sent with the spec's example. Names in `given` already have a value.
   */
  async rebase(operation: Operation, depth = 0, given: ReadonlySet<string> = new Set()): Promise<Rebased> {
    const path: Record<string, string> = {};
    const query: Record<string, string | null> = {};
    const missing: string[] = [];
    for (const parameter of operation.parameters) {
      if (parameter.in !== "path" && parameter.in !== "query") continue;
      // A value the spec fixes (an `?action=` discriminator, a `{action_type}` enum) is no id.
      if (isFixedValue(parameter) || given.has(parameter.name)) continue;
      const value = await this.valueOf(operation, parameter.name, depth);
      if (value !== undefined) (parameter.in === "path" ? path : query)[parameter.name] = value;
      else if (parameter.in === "path" || parameter.required) missing.push(parameter.name);
      else query[parameter.name] = null;
    }
    return missing.length > 0 ? { missing } : { changes: { path, query } };
  }

  /** The fixture for one parameter, else the value its first fruitful link gives. */
  async valueOf(operation: Operation, name: string, depth = 0): Promise<string | undefined> {
    const fixture = fixtureValue(this.target.fixtures ?? NO_FIXTURES, operation.operationId, name);
    if (fixture !== undefined || depth >= MAX_DEPTH) return fixture;
    for (const link of linksInto(this.api, operation.operationId, name)) {
      const exchange = await this.read(link.source, link.status, depth + 1);
      const value = exchange && evaluate(link.expression, exchange);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** A skip reason that says which fixture would let the case run. */
  static missingReason(operation: Operation, missing: string[]): string {
    const names = missing.map((name) => `"${name}" (or operations.${operation.operationId}.${name})`).join(", ");
    return `no value for ${missing.join(", ")} in this account: nothing lists it; add ${names} to --fixtures`;
  }

  private read(source: Operation, status: string, depth: number): Promise<{ request: CaseRequest; body: unknown } | undefined> {
    const key = `${source.operationId} ${status}`;
    let pending = this.reads.get(key);
    if (!pending) {
      pending = this.fetchSource(source, status, depth);
      this.reads.set(key, pending);
    }
    return pending;
  }

  private async fetchSource(source: Operation, status: string, depth: number): Promise<{ request: CaseRequest; body: unknown } | undefined> {
    const rebased = await this.rebase(source, depth);
    if ("missing" in rebased) return undefined;
    const request: CaseRequest = { path: { ...rebased.changes.path }, query: {}, headers: {} };
    // A required `?action=` and the like: the value the spec fixes.
    for (const parameter of source.parameters) {
      if (parameter.in === "query" && isFixedValue(parameter) && parameter.required) request.query[parameter.name] = asText(exampleOf(parameter.schema));
    }
    for (const [name, value] of Object.entries(rebased.changes.query ?? {})) if (value !== null) request.query[name] = value;
    try {
      const response = await send(this.target, source, request);
      if (String(response.statusCode) !== status) return undefined;
      return { request, body: JSON.parse(response.body) as unknown };
    } catch {
      // An unreadable answer discovers nothing; the case that needed it says which fixture to add.
      return undefined;
    }
  }
}

/** A parameter whose value the spec fixes (a const, an enum, a default), not an id of the account. */
export function isFixedValue(parameter: ParameterObject): boolean {
  const schema = parameter.schema ?? {};
  return "const" in schema || Array.isArray(schema.enum) || "default" in schema;
}
