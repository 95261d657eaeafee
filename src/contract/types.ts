/** The data a vendor gives the contract engine: how to build a client and how to drive each status. */
import type { Fixtures } from "./fixtures.js";
import type { WebhookOperationId } from "../mock/types.js";
import type { ApiName } from "../spec/apis.js";

export interface ContractTarget {
  api: ApiName;
  /** Base URL including the API's base path, e.g. `http://127.0.0.1:4010/api/v1`. */
  baseUrl: string;
  /** Headers that authenticate a request (e.g. `{ "x-api-key": "ck_…" }`). Never printed. */
  credentials: Record<string, string>;
  /** The mock's control URL; statuses that only a server fault produces (429, 500) need it. */
  controlUrl?: string;
  /** A real server (`--base-url`) rather than an embedded mock: mock-only drivers are skipped. */
  live?: boolean;
  /** Against a live server, whether operations (and set-up steps) that create, change, delete or charge may run. */
  allowWrites?: boolean;
  /** Plain http is fine for the client: the runner found the host (a `*.localhost` name) to be loopback only. */
  allowInsecureHttp?: boolean;
  /** Values the account's user knows (`--fixtures`, or a seeded mock's own): ids no run can discover. */
  fixtures?: Fixtures;
  /** Sees every response any pass got, with the operation it answered (the drift report reads them). */
  observe?: (observation: Observation) => void;
  /** Aborted when the run is interrupted (SIGINT): no new request goes out, clean-up still runs. */
  signal?: AbortSignal;
}

/** One response as a pass received it, with the request's values when the pass knows them. */
export interface Observation {
  operationId: string;
  request?: ObservedRequest;
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** The values of a request that runtime expressions read (`$request.path.id`, `$request.body#/addonId`). */
export interface ObservedRequest {
  path: Record<string, string>;
  query: Record<string, string>;
  body?: unknown;
}

/** Changes to the request dredd built from the spec's examples. `null` removes a query value or header. */
export interface RequestChanges {
  path?: Record<string, string>;
  query?: Record<string, string | null>;
  headers?: Record<string, string | null>;
  /** A JSON body (replaces the example body). */
  body?: unknown;
  /** A raw body, for requests that are not JSON at all. */
  rawBody?: string;
}

export interface DriverContext<Client> {
  client: Client;
  target: ContractTarget;
}

/** Arranges the server state a case needs (through the public client) and says how to change the request. */
export type Driver<Client> = (context: DriverContext<Client>) => RequestChanges | Promise<RequestChanges>;

export interface Scenario<Client> {
  api: ApiName;
  /** Credentials the API's mock server accepts, for runs against the mock. */
  mockCredentials: Record<string, string>;
  /** `fetch`, when given, is the one the client must use (the engine's read-only fetch on live runs). */
  createClient(target: ContractTarget, fetch?: typeof globalThis.fetch): Client;
  /** Headers every request gets, computed per request (e.g. a fresh idempotency key). */
  perRequestHeaders?(): Record<string, string>;
  /**
   * Drivers by operationId, then by documented status. 2xx without a driver: the request as built.
   * A key `"<status> <case>"` (e.g. `"200 getpaymentlink"`) makes a case of its own for one variant
   * of an operation, such as one action of a path that carries several; an operation's variants of a
   * status replace its plain case for that status.
   */
  drivers: Record<string, Partial<Record<string, Driver<Client>>>>;
}

/** One operation's drivers: by documented status, or `"<status> <case>"` for a variant of that status. */
type OperationDrivers<Client, Status extends string = string> = Partial<Record<Status | `${Status} ${string}`, Driver<Client>>>;

/** The documented statuses of a generated operation, as the strings drivers are keyed by. */
type StatusOf<Operation> = Operation extends { responses: infer Responses } ? `${keyof Responses & (string | number)}` : never;

/**
 * A scenario's drivers typed by the spec: `Operations` is the API's generated `operations`, webhooks
 * left out. A scenario that misses an operation, drives one the spec lacks, or drives a status the
 * operation does not document does not compile (`drivers: { … } satisfies ScenarioDrivers<…>`).
 */
export type ScenarioDrivers<Client, Operations> = { [OperationId in keyof Operations & string]: OperationDrivers<Client, StatusOf<Operations[OperationId]>> };

/** A spec's operations without its webhooks (which the vendor sends, and a contract run never requests). */
export type RequestedOperations<Operations, Webhooks = never> = [Webhooks] extends [never]
  ? Operations
  : Omit<Operations, WebhookOperationId<Operations, Webhooks>>;
