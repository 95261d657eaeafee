/**
 * The contract engine behind the dredd hooks: it authenticates each transaction, drives it to its
 * documented status (the vendor's drivers arrange state through the public client), and validates
 * every response received against the spec with Ajv (../check-response.ts), which dredd does not do
 * for OpenAPI 3.
 */
import { getOperations, type Operation } from "../../spec/operations.js";
import { caseProblems } from "../check-response.js";
import { Account } from "../live/account.js";
import { mockOnlyReason, readOnlyFetch, setUpFetch, SkipCase } from "../scenarios/drivers.js";
import { contractFetch } from "../fresh-connection.js";
import type { CaseIdentity } from "../report/results.js";
import { isWrite, liveSkipReason } from "../live/safety.js";
import type { ContractTarget, Driver, RequestChanges, Scenario } from "../types.js";

/** The parts of a dredd transaction the engine reads and writes. */
export interface DreddTransaction {
  name: string;
  origin: { resourceName: string };
  fullPath: string;
  request: { method: string; uri: string; headers: Record<string, string>; body: string };
  expected: { statusCode: string; body?: string; bodySchema?: unknown };
  real?: { statusCode: number; headers: Record<string, string>; body: string };
  skip?: boolean;
  fail?: boolean | string;
  test?: { status?: string; message?: string };
}

export interface CaseRecord extends CaseIdentity {
  /** Whether the response body was validated against its schema (and passed, if no error below). */
  schemaValidated: boolean;
  /** Why this case failed, naming the operation and the field; empty when it passed its checks. */
  problems: string[];
  /** Why this case was skipped (a live run's safety rules), if it was. */
  skipReason?: string;
  transaction: DreddTransaction;
  /** When the case began (its set-up included) and when its response was checked or its request failed (`performance.now()`). */
  startedAt: number;
  endedAt?: number;
}

/** Statuses that only a server-side condition produces; the mock's fault injection drives them. */
const FAULT_STATUSES = new Set(["429", "500", "502", "503", "504"]);

export interface EngineOptions {
  /** Run only these operations; the others are skipped. */
  only?: readonly string[];
  /** The path keys under which dredd sees variant cases (see `variantCases`), to their real path and variant. */
  variantPaths?: ReadonlyMap<string, { path: string; variant: string }>;
}

/** The variant cases a scenario declares: `"<status> <variant>"` driver keys, per operation. */
export function variantCases(scenario: Scenario<unknown>, operationId: string): { status: string; variant: string }[] {
  return Object.keys(scenario.drivers[operationId] ?? {}).flatMap((key) => {
    const [status, variant] = key.split(" ");
    return status && variant ? [{ status, variant }] : [];
  });
}

export function createEngine<Client>(scenario: Scenario<Client>, target: ContractTarget, options: EngineOptions = {}) {
  const index = getOperations(scenario.api);
  // Live, without --allow-writes, the drivers' set-up cannot write either.
  const setUp = setUpFetch(scenario.api, target, contractFetch);
  const client = scenario.createClient(target, target.live && !target.allowWrites ? readOnlyFetch(setUp) : setUp);
  const basePath = new URL(target.baseUrl).pathname.replace(/\/+$/, "");
  const liveAccount = target.live ? new Account(scenario.api, target) : undefined;
  const cases: CaseRecord[] = [];
  const byTransaction = new Map<DreddTransaction, CaseRecord>();
  let started = false;

  function operationOf(transaction: DreddTransaction): { operation: Operation; variant?: string } {
    const method = transaction.request.method.toLowerCase();
    const variant = options.variantPaths?.get(transaction.origin.resourceName);
    const path = variant?.path ?? transaction.origin.resourceName;
    const operation = index.operations.find((candidate) => candidate.path === path && candidate.method === method);
    if (!operation) throw new Error(`no operation in the spec for ${transaction.request.method} ${path}`);
    return variant ? { operation, variant: variant.variant } : { operation };
  }

  function driverFor(operation: Operation, status: string, variant: string | undefined): Driver<Client> | undefined {
    if (variant !== undefined) return scenario.drivers[operation.operationId]?.[`${status} ${variant}`];
    const own = scenario.drivers[operation.operationId]?.[status];
    if (own) return own;
    if (status === "401") return () => ({ headers: Object.fromEntries(Object.keys(target.credentials).map((name) => [name, null])) });
    if (FAULT_STATUSES.has(status)) return () => injectFault(operation, Number(status));
    if (status.startsWith("2")) return () => ({});
    return undefined;
  }

  async function injectFault(operation: Operation, status: number): Promise<RequestChanges> {
    if (!target.controlUrl) throw new SkipCase(`only a mock server can be made to answer ${status}`);
    const response = await contractFetch(`${target.controlUrl}/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ operationId: operation.operationId, status, count: 1, ...(status === 429 ? { retryAfter: 1 } : {}) }),
    });
    if (!response.ok) throw new Error(`the mock refused the fault: ${response.status} ${await response.text()}`);
    return {};
  }

  function applyChanges(transaction: DreddTransaction, operation: Operation, changes: RequestChanges): void {
    const current = new URL(transaction.request.uri, "http://dredd.invalid");
    // Dredd built the URI from its own path key, which a variant case extends.
    const pathParams = extractPathParams(transaction.origin.resourceName, current.pathname);
    Object.assign(pathParams, changes.path);
    const pathname = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(pathParams[name] ?? ""));
    for (const [name, value] of Object.entries(changes.query ?? {})) {
      if (value === null) current.searchParams.delete(name);
      else current.searchParams.set(name, value);
    }
    const uri = `${pathname}${current.search}`;
    transaction.request.uri = uri;
    transaction.fullPath = `${basePath}${uri}`;
    const headers = transaction.request.headers;
    for (const [name, value] of Object.entries({ ...scenario.perRequestHeaders?.(), ...target.credentials, ...changes.headers })) {
      for (const existing of Object.keys(headers)) if (existing.toLowerCase() === name.toLowerCase()) delete headers[existing];
      if (value !== null) headers[name] = value;
    }
    if (changes.rawBody !== undefined) transaction.request.body = changes.rawBody;
    else if (changes.body !== undefined) transaction.request.body = JSON.stringify(changes.body);
    if (transaction.request.body) {
      for (const existing of Object.keys(headers)) if (existing.toLowerCase() === "content-length") delete headers[existing];
      headers["Content-Length"] = String(Buffer.byteLength(transaction.request.body));
    }
  }

  return {
    cases,
    get started() {
      return started;
    },
    async beforeAll(): Promise<void> {
      started = true;
    },
    async beforeEach(transaction: DreddTransaction): Promise<void> {
      const { operation, variant } = operationOf(transaction);
      const status = transaction.expected.statusCode;
      const record: CaseRecord = {
        operationId: operation.operationId,
        method: operation.method.toUpperCase(),
        path: operation.path,
        status,
        ...(variant !== undefined ? { variant } : {}),
        schemaValidated: false,
        problems: [],
        transaction,
        startedAt: performance.now(),
      };
      cases.push(record);
      byTransaction.set(transaction, record);
      if (options.only && !options.only.includes(operation.operationId)) {
        record.skipReason = "not selected";
        transaction.skip = true;
        return;
      }
      // Dredd's own body check only compares keys with an example built from the schema (optional keys
      // included); the engine validates the body against the real schema instead, in afterEach.
      delete transaction.expected.body;
      delete transaction.expected.bodySchema;
      const driver = driverFor(operation, status, variant);
      if (!driver) {
        record.problems.push(`${operation.operationId} ${status}: no driver produces this status`);
        transaction.fail = record.problems[0]!;
        return;
      }
      const skip = (reason: string) => {
        record.skipReason = reason;
        transaction.skip = true;
      };
      if (target.signal?.aborted) return skip("the run was interrupted");
      if (target.live) {
        const mockOnly = mockOnlyReason(driver as Driver<unknown>);
        if (mockOnly) return skip(`mock only: ${mockOnly}`);
        const unsafe = liveSkipReason(target, operation, status.startsWith("2"));
        if (unsafe) return skip(unsafe);
      }
      let own: RequestChanges;
      try {
        // A read-only run reads what the account holds: a success needs no set-up, and could not write one.
        own = target.live && !target.allowWrites && status.startsWith("2") && !isWrite(operation) ? {} : await driver({ client, target });
      } catch (error) {
        if (error instanceof SkipCase) return skip(error.message);
        record.problems.push(`${operation.operationId} ${status}: the set-up failed: ${error instanceof Error ? error.message : String(error)}`);
        transaction.fail = record.problems[0]!;
        return;
      }
      // Live, the spec's example ids name nothing in the account: its own values replace those the
      // driver did not set (with --allow-writes, drivers create what they name).
      let account: RequestChanges = {};
      if (target.live) {
        const rebased = await liveAccount!.rebase(operation, 0, new Set([...Object.keys(own.path ?? {}), ...Object.keys(own.query ?? {})]));
        // Without credentials the server refuses before it looks anything up: any id will do for a 401.
        if ("missing" in rebased) {
          if (status !== "401") return skip(Account.missingReason(operation, rebased.missing));
        } else {
          account = rebased.changes;
        }
      }
      const changes: RequestChanges = { ...account, ...own, path: { ...account.path, ...own.path }, query: { ...account.query, ...own.query } };
      applyChanges(transaction, operation, changes);
    },
    /**
     * Dredd got no response at all (refused, reset, closed early): it then skips the after-hooks and
     * leaves the transaction without a test, so the reason is kept here, with the error's code.
     */
    requestFailed(request: DreddTransaction["request"] | undefined, error: unknown): void {
      const record = cases.findLast((candidate) => candidate.transaction.request === request);
      if (!record) return;
      const code = (error as { code?: unknown } | null)?.code;
      const reason = error instanceof Error ? error.message : String(error);
      record.problems.push(
        `${record.operationId} ${record.status}: no response from the server (${typeof code === "string" && !reason.includes(code) ? `${code}: ` : ""}${reason})`,
      );
      record.endedAt = performance.now();
    },
    async afterEach(transaction: DreddTransaction): Promise<void> {
      const record = byTransaction.get(transaction);
      const real = transaction.real;
      if (!record || !real) return;
      record.realStatus = real.statusCode;
      target.observe?.({
        operationId: record.operationId,
        request: sentValues(transaction, record.path),
        statusCode: real.statusCode,
        headers: real.headers,
        body: real.body,
      });
      const problems = caseProblems(target, index.byId(record.operationId), real);
      record.schemaValidated = true;
      record.problems.push(...problems);
      if (problems.length > 0) transaction.fail = problems.join("; ");
      record.endedAt = performance.now();
    },
  };
}

/** The path, query and JSON body values dredd sent (after the driver's changes). */
function sentValues(transaction: DreddTransaction, template: string): { path: Record<string, string>; query: Record<string, string>; body?: unknown } {
  const url = new URL(transaction.request.uri, "http://dredd.invalid");
  let body: unknown;
  try {
    body = transaction.request.body ? JSON.parse(transaction.request.body) : undefined;
  } catch {
    body = undefined;
  }
  return { path: extractPathParams(template, url.pathname), query: Object.fromEntries(url.searchParams), ...(body !== undefined ? { body } : {}) };
}

function extractPathParams(template: string, pathname: string): Record<string, string> {
  const names: string[] = [];
  const pattern = new RegExp(
    `^${template.replace(/\{([^}]+)\}/g, (_, name: string) => {
      names.push(name);
      return "([^/]*)";
    })}$`,
  );
  const found = pattern.exec(pathname);
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found?.[i + 1] ?? "")]));
}
