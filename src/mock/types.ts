/** What a vendor mock provides to the generic mock server: state, auth, error shapes and handlers. */
import type { Fixtures } from "../contract/fixtures.js";
import type { FieldError } from "../spec/validator.js";
import type { Operation } from "../spec/operations.js";
import type { ApiName } from "../spec/apis.js";
import type { MockError } from "./mock-error.js";

export interface Principal {
  /** Requests of one tenant share one state (e.g. a Commet sandbox key and a live key do not). */
  tenant: string;
  /** Identifies the caller for idempotency keys; never logged or echoed. */
  credential: string;
}

export interface MockContext<State> {
  operation: Operation;
  params: Record<string, string>;
  /** Query values after validation: coerced to their schema types, defaults filled in. */
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body: unknown;
  principal: Principal;
  state: State;
  /**
   * The path of the server's control routes, its control token included (`/__specwright/<token>`):
   * a link a handler hands out to one of its control routes must start with it, or it is refused.
   */
  controlPath: string;
  now: Date;
  /**
   * Reports a change this request made to the tenant's webhook receivers (see `VendorWebhooks`). Kept
   * until the handler's change is: nothing is sent when the request fails, is undone or is replayed.
   */
  emit(event: EmittedEvent): void;
}

export interface MockReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type MockHandler<State> = (context: MockContext<State>) => MockReply;

/**
 * A handler for every operation of a spec, by operationId. `Operations` is the spec's generated
 * `operations` (generated/<api>/schema.ts), so a registry that misses one does not compile.
 */
export type HandlerRegistry<Operations, State> = { [OperationId in keyof Operations & string]: MockHandler<State> };

/**
 * The operationIds of a spec's webhooks (its `webhooks:`, which the generated `operations` hold too):
 * operations the vendor sends, which a mock may send but never serves.
 */
export type WebhookOperationId<Operations, Webhooks> = {
  [OperationId in keyof Operations & string]: Operations[OperationId] extends NonNullable<Webhooks[keyof Webhooks] extends { post?: infer Post } ? Post : never>
    ? OperationId
    : never;
}[keyof Operations & string];

/** One resource group's handlers (a file of a vendor's handlers/): some of the spec's operations, and no other name. */
export type HandlerGroup<Operations, State> = Partial<HandlerRegistry<Operations, State>>;

/**
 * A request to one of a vendor's own control routes, `<controlUrl>/<api>/<name>/<segments...>`: what a
 * browser or a test does outside the API (e.g. pay a checkout link), not a call of the spec.
 */
export interface ControlRequest<State> {
  method: string;
  /** The decoded path segments after `<api>/<name>`, e.g. `["cs_test_42"]`. */
  segments: string[];
  query: Record<string, string>;
  headers: Record<string, string>;
  /** The parsed JSON body, if any. */
  body: unknown;
  /**
   * The state a tenant's API requests use, or undefined when that tenant has made none since the last
   * reset: a control route acts on what the API created and never seeds a state on its own.
   */
  state(tenant: string): State | undefined;
  now: Date;
  /** As `MockContext.emit`, for the tenant whose state the route changed; nothing is sent when the route throws. */
  emit(tenant: string, event: EmittedEvent): void;
}

/** A state change, as a vendor reports it to its webhook receivers. */
export interface EmittedEvent {
  /** The event's name, one of `VendorWebhooks.events`. */
  event: string;
  /**
   * What the event is about: deliveries with the same key (within a tenant) go out one at a time, in
   * the order emitted; others may overtake them.
   */
  objectKey: string;
  /** The event's own fields, from the state as the change left it. */
  data: Record<string, unknown>;
}

/** What a vendor whose mock sends webhooks tells the generic dispatcher (src/mock/webhooks/). */
export interface VendorWebhooks {
  /** Every event name the mock can be asked for (`webhooks.events`): the spec's webhooks. */
  events: readonly string[];
  /** The form of a signing secret; a secret that does not match is refused (never echoed). */
  secretPattern: RegExp;
  /** That form in words, for the refusal's message, e.g. "whsec_ followed by letters, digits or _+/=-". */
  secretForm: string;
  /**
   * The request of one event: its id, body and headers, signed with `secret`. Called once per event,
   * so that every retry sends the same id, body and signature.
   */
  delivery(tenant: string, event: EmittedEvent, at: Date, secret: string): { id: string; body: string; headers: Record<string, string> };
}

/** Throw a MockError to answer in the vendor's error shape, as handlers do. */
export type ControlHandler<State> = (request: ControlRequest<State>) => MockReply;

/** The errors the generic server raises, in each vendor's own codes and statuses. */
export interface GenericErrors {
  unauthorized(): MockError;
  routeNotFound(path: string): MockError;
  invalidJson(): MockError;
  /**
   * `input` is what failed: that location's values, or the body. Vendors whose messages echo the
   * value (DRF: `"weekly" is not a valid choice.`) read it; others ignore it.
   */
  validation(location: "path" | "query" | "header" | "body", errors: FieldError[], input?: unknown): MockError;
  /** Fault injection: an error with this status as the vendor would send it. */
  injected(status: number): MockError;
  internal(): MockError;
  /**
   * The tenant cannot hold what the request would add (see `TenantLimits`); the message says which
   * bound. Any operation can meet it, so its status must be one every operation documents.
   */
  full(message: string): MockError;
}

/**
 * `Operations` is the spec's generated `operations`, for the handlers and the idempotent operations to be
 * checked against; the server itself takes any (the default: by operationId, unchecked).
 */
export interface VendorMock<State, Operations = Record<string, unknown>> {
  api: ApiName;
  /**
   * A tenant's first state: the seed set of `seed` (see `MockServerOptions.seed`; 0 when not given, the
   * documented data), built anew for each tenant and on every reset.
   */
  createState(principal: Principal, now: Date, seed?: number): State;
  /** What a user of the seeded account knows (its ids, by the spec's parameter names); see `MockServer.fixtures`. */
  fixtures(seed: number): Fixtures;
  /** Returns undefined when the request carries no valid credential. */
  authenticate(headers: Record<string, string>): Principal | undefined;
  errors: GenericErrors;
  renderError(error: MockError): unknown;
  handlers: HandlerRegistry<Operations, State>;
  /**
   * The clock-driven work due by `now` (a billing period that ended, a scheduled change), done on a
   * tenant's state before each of its requests and before a control route reads it. Its events are
   * published at once: the work is kept whatever the request then does.
   */
  settle?(state: State, now: Date, emit: (event: EmittedEvent) => void): void;
  /** Operations that honour an idempotency key header (same key, same body: the first reply again). */
  idempotency?: { header: string; operations: readonly (keyof Operations & string)[]; mismatch(): MockError; inProgress(): MockError };
  /** Vendor control routes by name, served under `<controlUrl>/<api>/<name>/...`, any method. */
  control?: Record<string, ControlHandler<State>>;
  /** Present when the mock can deliver webhooks (`MockServerOptions.webhooks`). */
  webhooks?: VendorWebhooks;
}
