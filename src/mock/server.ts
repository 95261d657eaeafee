/**
 * The generic mock server: a real HTTP server on loopback that routes requests to the operations of a
 * spec, checks credentials, validates parameters and bodies against the spec (Ajv), honours
 * idempotency keys and injected faults, and renders every error in the vendor's shape.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import type { Fixtures } from "../contract/fixtures.js";
import { defaultServerUrl } from "../spec/document.js";
import { getOperations, type Operation, type OperationMatch } from "../spec/operations.js";
import { validateBody } from "../spec/validator.js";
import { CONTROL_PREFIX, controlPathOf, serveControl, type ControlTarget } from "./control-routes.js";
import { FaultDelays } from "./delays.js";
import { FAULT_BODIES, FAULT_HEADER, FaultQueue, answersInstead, faultFromHeader, faultStatus, retryAfterSeconds, type FaultSpec } from "./faults.js";
import { IdempotencyStore } from "./idempotency.js";
import { DEFAULT_TENANT_LIMITS, type TenantLimits } from "./limits.js";
import { MockError } from "./mock-error.js";
import { planOperation, type OperationPlan } from "./operation-plan.js";
import { flattenHeaders, hasBody, readJson, type RequestTarget } from "./request.js";
import { createRouter } from "./router.js";
import { createControlToken, requestGuard, type RequestGuard } from "./request-guard.js";
import { checkSeed } from "./seeding.js";
import { measureState } from "./state-size.js";
import type { EmittedEvent, MockContext, MockReply, Principal, VendorMock } from "./types.js";
import { createWebhookDispatcher, type WebhookDeliveryRecord } from "./webhooks/dispatcher.js";
import type { WebhookOptions } from "./webhooks/options.js";

/** Where events go when no webhook receiver is set. */
const ignore = (): void => {};

// Where the control routes live (control-routes.ts), for whoever must tell them apart from the API.
export { CONTROL_PREFIX };

/**
 * A reply's body already serialized (to check it can be sent before the state change is kept), so
 * `send` does not do it twice; a property of the reply rather than a WeakMap entry, which costs about a
 * microsecond a request.
 */
const ENCODED = Symbol("encoded body");
type EncodedReply = MockReply & { [ENCODED]?: string };
const encode = (reply: EncodedReply): void => {
  if (reply.body !== undefined) reply[ENCODED] = JSON.stringify(reply.body);
};

export interface MockServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** The clock the business rules read; defaults to the real one. */
  now?: () => Date;
  /** What one tenant may hold; `DEFAULT_TENANT_LIMITS` for what is not given. */
  tenantLimits?: Partial<TenantLimits>;
  /**
   * 0 (the default): the documented seed data, whose ids are the spec's examples. Any other integer up
   * to `Number.MAX_SAFE_INTEGER`: the same accounts under the same rules, with every id, name and amount
   * drawn from the seed (ids keep their format), so that nothing can pass by knowing the spec's
   * examples; the same seed always gives the same data. `fixtures()` says what a user of it knows.
   */
  seed?: number;
  /**
   * Deliver the mock's webhook events to a receiver (Commet only; other mocks refuse the option): every
   * change the mock keeps that the spec has an event for is POSTed, signed, to `url`, retried on
   * failure, in order per object (see `WebhookOptions`). Nothing is sent for the seed data, nor for a
   * request that fails, is undone or is an idempotent replay. A bad option rejects `startMock` with a
   * ConfigurationError naming it (`webhooks.url`, `webhooks.secret`, `webhooks.events`, ...).
   */
  webhooks?: WebhookOptions;
}

export interface MockServer {
  /** The base URL to give the client, including the API's base path (e.g. `http://127.0.0.1:4010/api/v1`). */
  url: string;
  /**
   * Where the control routes live, outside the API, with the server's control token in the path
   * (`http://127.0.0.1:4010/__specwright/<token>`): a control request without it is refused (403), so
   * keep it to the processes that drive the mock:
   * - `POST <controlUrl>/faults` with a `FaultSpec` as JSON queues a fault, as `injectFault` does
   *   (204; 400 `{ error }` naming the bad field when the spec is invalid);
   * - `DELETE <controlUrl>/faults` forgets the queued faults (204);
   * - `POST <controlUrl>/reset` does what `reset()` does (204);
   * - `GET <controlUrl>/webhooks/deliveries` answers `webhookDeliveries()` as JSON (200);
   * - a vendor's own routes under `<controlUrl>/<api>/<name>/...`.
   *
   * Per request, an API call may instead carry `x-specwright-fault: <FaultSpec as JSON, without
   * operationId and count>` (`FAULT_HEADER`): that request alone gets the fault, and the queue is left
   * alone. The header is removed before authentication, validation and the handler, so it never counts
   * as a credential or a parameter; a header that is not valid JSON or not a valid spec is answered
   * with 400 `{ error: "x-specwright-fault header: ..." }` (the control routes' shape, not the
   * vendor's) and the request is not served. Requests to an unknown route get the vendor's 404 whatever
   * the fault; control routes ignore the header.
   */
  controlUrl: string;
  /**
   * Make the next `count` requests (to `operationId`, or to any operation) fail, answer late, drop
   * the connection or send an unusable body; see `FaultSpec`. Faults queue in order; a request takes
   * the first that applies. Throws a TypeError or RangeError naming the field when the spec is invalid.
   */
  injectFault(fault: FaultSpec): void;
  /**
   * Forget all state, faults and idempotency keys: back to the seed set (the server's seed's). Pending
   * webhook deliveries and their records are dropped too, and a disabled endpoint is enabled again.
   */
  reset(): void;
  /**
   * Every webhook delivery attempt, oldest first (the last `MAX_DELIVERY_RECORDS`); empty without
   * `webhooks`. Never holds the secret, the signature or the body.
   */
  webhookDeliveries(): WebhookDeliveryRecord[];
  /** Resolves once no webhook event waits for delivery or for a retry (at once without `webhooks`). */
  settleWebhooks(): Promise<void>;
  /**
   * The ids a user of the seeded account would know from the vendor's console, by the spec's parameter
   * names, with per-operation values where a name (`id`) means something else in each operation; as
   * `specwright contract --fixtures` reads them (`formatFixtures` writes the file). For Commet, the
   * `customerId` of a seeded account's paying customer (none with seed 0: the catalogue only).
   */
  fixtures(): Fixtures;
  /** Stops listening, closes every connection and cancels pending fault delays and webhook deliveries. */
  close(): Promise<void>;
}

/**
 * What the server does with a request: answer with a reply (JSON), answer with a fault's raw payload,
 * or destroy the connection.
 */
type Outcome = { kind: "reply"; reply: MockReply } | { kind: "raw"; status: number; headers: Record<string, string>; payload: string } | { kind: "drop" };

export async function serveMock<State>(vendor: VendorMock<State>, options: MockServerOptions = {}): Promise<MockServer> {
  const index = getOperations(vendor.api);
  const missing = index.operations.filter((operation) => !vendor.handlers[operation.operationId]);
  if (missing.length > 0) {
    throw new Error(`${vendor.api} mock: no handler for ${missing.map((operation) => operation.operationId).join(", ")}`);
  }
  const basePath = defaultServerUrl(vendor.api).pathname.replace(/\/+$/, "");
  const route = createRouter(index, basePath);
  const now = options.now ?? (() => new Date());
  const tenantLimits: TenantLimits = { ...DEFAULT_TENANT_LIMITS, ...options.tenantLimits };
  const seed = checkSeed(options.seed ?? 0, "startMock: options.seed");
  const controlToken = createControlToken();
  const controlPath = controlPathOf(controlToken);
  const webhooks = options.webhooks === undefined ? undefined : createWebhookDispatcher(vendor.api, options.webhooks, vendor.webhooks);
  /** Set once the server listens: it needs the address. */
  let guard: RequestGuard | undefined;
  /** The "full" errors: the write was undone, so its idempotency key is not kept either. */
  const undone = new WeakSet<MockError>();
  /** What a reset forgets of the tenants, as a new server has it: made here, and only here. */
  const emptyTenants = () => ({ states: new Map<string, State>(), idempotency: new IdempotencyStore() });
  let tenants = emptyTenants();
  const faults = new FaultQueue(index.operations.map((operation) => operation.operationId));
  const delays = new FaultDelays();

  /** `reset()` and `POST <controlUrl>/reset`. */
  function reset(): void {
    tenants = emptyTenants();
    faults.clear();
    webhooks?.reset();
  }

  const control: ControlTarget<State> = {
    vendor,
    token: controlToken,
    faults,
    webhooks,
    now,
    settledState: (tenant, at) => {
      const state = tenants.states.get(tenant);
      return state === undefined ? undefined : settled(tenant, state, at);
    },
    reset,
  };

  const errorReply = (error: unknown): MockReply => toReply(vendor, error);
  const replied = (reply: MockReply): Outcome => ({ kind: "reply", reply });
  /** Each operation's plan, made on its first request (not at start: most runs call a few operations). */
  const plans = new Map<string, OperationPlan<State>>();
  const planOf = (operation: Operation): OperationPlan<State> =>
    plans.get(operation.operationId) ?? plans.set(operation.operationId, planOperation(vendor, operation)).get(operation.operationId)!;
  const failed = (error: unknown): Outcome => replied(errorReply(error));

  function stateFor(principal: Principal, at: Date): State {
    let state = tenants.states.get(principal.tenant);
    if (!state) {
      state = vendor.createState(principal, at, seed);
      tenants.states.set(principal.tenant, state);
    }
    return settled(principal.tenant, state, at);
  }

  /** The tenant's state with its clock-driven work done (see `VendorMock.settle`), whose events go out at once. */
  function settled(tenant: string, state: State, at: Date): State {
    if (!vendor.settle) return state;
    if (!webhooks) {
      vendor.settle(state, at, ignore);
      return state;
    }
    const emitted: EmittedEvent[] = [];
    vendor.settle(state, at, (event) => void emitted.push(event));
    webhooks.publish(tenant, emitted, at);
    return state;
  }

  /**
   * What to answer. Synchronous for the common request (no body to read, no fault): every promise and
   * microtask turn costs the mock a share of its throughput (see BENCHMARKS.md, issue 19).
   */
  function handle(request: IncomingMessage, response: ServerResponse): Outcome | Promise<Outcome> {
    const { target, match } = route(request.method ?? "GET", request.url ?? "/");
    const isControl = target.pathname.startsWith(CONTROL_PREFIX);
    // 403 rather than 421 Misdirected Request: this is a refusal on security grounds on every route,
    // as Vite and webpack-dev-server answer a foreign Host; every vendor's error shape renders a 403; and
    // clients may retry a 421 on a new connection, which would get the same answer.
    const refusal = guard?.refusal({ host: request.headers.host, origin: request.headers.origin });
    if (refusal !== undefined) {
      return { kind: "reply", reply: isControl ? { status: 403, body: { error: refusal } } : errorReply(new MockError(403, "forbidden", refusal)) };
    }
    if (isControl) return serveControl(control, request, target).then(replied);
    let ownFault: FaultSpec | undefined;
    try {
      ownFault = faultFromHeader(request.headers[FAULT_HEADER]);
    } catch (error) {
      return { kind: "reply", reply: { status: 400, body: { error: (error as Error).message } } };
    }
    if (!match) throw vendor.errors.routeNotFound(target.pathname);

    // A header fault is the request's own and leaves the queue alone.
    const fault = ownFault ?? faults.take(match.operation.operationId);
    if (!fault) {
      const reply = serve(request, target, match);
      return reply instanceof Promise ? reply.then(replied) : replied(reply);
    }
    return withFault(request, response, target, match, fault);
  }

  /** A request that takes an injected fault. */
  async function withFault(
    request: IncomingMessage,
    response: ServerResponse,
    target: RequestTarget,
    match: OperationMatch,
    fault: FaultSpec,
  ): Promise<Outcome> {
    if (answersInstead(fault)) {
      // Before authentication, like a gateway: the handler never runs.
      await delays.wait(fault.delayMs, response);
      return faultOutcome(vendor, fault);
    }
    // Around the request: served as usual (the handler's changes and an idempotent reply are kept,
    // errors included), then answered late or not at all.
    let reply: MockReply;
    try {
      reply = await serve(request, target, match);
    } catch (error) {
      reply = errorReply(error);
    }
    await delays.wait(fault.delayMs, response);
    return fault.drop === "after" ? { kind: "drop" } : { kind: "reply", reply };
  }

  /** A request to an operation, without faults: authentication, then (once its body, if any, is read) the rest. */
  function serve(request: IncomingMessage, target: RequestTarget, match: OperationMatch): MockReply | Promise<MockReply> {
    const headers = flattenHeaders(request);
    const principal = vendor.authenticate(headers);
    if (!principal) throw vendor.errors.unauthorized();
    if (!hasBody(request)) return serveParsed(target, match, headers, principal, undefined);
    return readJson(request, vendor.errors).then((body) => serveParsed(target, match, headers, principal, body));
  }

  /** Validation, idempotency, the handler. */
  function serveParsed(target: RequestTarget, match: OperationMatch, headers: Record<string, string>, principal: Principal, body: unknown): MockReply {
    const plan = planOf(match.operation);
    const { operation } = plan;
    // The match is this request's own: its parameters may be coerced in place.
    const params = match.pathParams;
    const { query } = target;
    for (const { location, check } of plan.checks) {
      const values = location === "path" ? params : location === "query" ? query : headers;
      const result = check(values);
      if (!result.valid) throw vendor.errors.validation(location, result.errors, values);
    }
    if (plan.body) {
      if (body === undefined && plan.body.required) throw vendor.errors.validation("body", [{ field: "", message: "a JSON body is required" }]);
      if (body !== undefined) {
        const result = validateBody(plan.body.schema, body);
        if (!result.valid) throw vendor.errors.validation("body", result.errors, body);
      }
    }

    const emitted: EmittedEvent[] = [];
    const at = now();
    const context = {
      operation,
      params,
      query,
      headers,
      body,
      principal,
      state: stateFor(principal, at),
      controlPath,
      now: at,
      emit: (event: EmittedEvent) => void emitted.push(event),
    };
    const idempotent = vendor.idempotency;
    const key = plan.idempotencyHeader === undefined ? undefined : headers[plan.idempotencyHeader];
    if (!idempotent || key === undefined) return run(plan, context, emitted);

    const fingerprint = IdempotencyStore.fingerprint(operation.method, target.pathname, body);
    const { idempotency } = tenants;
    const outcome = idempotency.begin(principal.credential, key, fingerprint, Date.now());
    if (outcome.kind === "mismatch") throw idempotent.mismatch();
    if (outcome.kind === "in-progress") throw idempotent.inProgress();
    if (outcome.kind === "replay") return outcome.reply;
    let reply: MockReply;
    try {
      reply = run(plan, context, emitted);
    } catch (error) {
      if (error instanceof MockError && undone.has(error)) {
        // Nothing was done, as after a 5xx: a retry with the key runs again once there is room.
        idempotency.forget(principal.credential, key);
        throw error;
      }
      reply = errorReply(error);
    }
    idempotency.finish(principal.credential, key, reply);
    return reply;
  }

  /**
   * Runs a handler so that a request that fails changes nothing. The tenant's state is copied first
   * and put back when the handler fails unexpectedly (a bug: the 500 that follows), when its reply
   * cannot be serialized, or when the write takes the tenant past its limits (the vendor's "full"
   * error). A MockError the handler throws is its own refusal, and handlers refuse before they change
   * anything. The copy costs well under a millisecond for a seeded tenant and tens of milliseconds for
   * a full one (see `DEFAULT_TENANT_LIMITS`). The webhook events the handler `emitted` are sent only
   * once its change is kept.
   */
  function run({ handler, read }: OperationPlan<State>, context: MockContext<State>, emitted: EmittedEvent[]): MockReply {
    // A read changes no stored data (at most it settles clock-driven work), so it skips the copy and the
    // size walk: both cost time in proportion to the tenant's size on every request.
    if (read) {
      const reply = handler(context);
      encode(reply);
      webhooks?.publish(context.principal.tenant, emitted, context.now);
      return reply;
    }
    const tenant = context.principal.tenant;
    const backup = structuredClone(context.state);
    const { states } = tenants;
    const undo = () => states.set(tenant, backup);
    let reply: MockReply;
    try {
      reply = handler(context);
      // Serialized now, while the change can still be undone: a reply that cannot be sent must not leave
      // behind the state that made it (it would fail every later reply that includes it).
      encode(reply);
    } catch (error) {
      if (!(error instanceof MockError)) undo();
      throw error;
    }
    const size = measureState(context.state);
    const over =
      size.objects > tenantLimits.objects
        ? `${tenantLimits.objects} objects`
        : size.bytes > tenantLimits.bytes
          ? `about ${tenantLimits.bytes} bytes`
          : undefined;
    if (over !== undefined) {
      undo();
      const full = vendor.errors.full(`This mock tenant is full: it holds at most ${over}. Delete something, or reset the mock (POST <controlUrl>/reset).`);
      undone.add(full);
      throw full;
    }
    webhooks?.publish(tenant, emitted, context.now);
    return reply;
  }

  // `req_` and 24 hex digits, as the vendors' ids look: 12 drawn once per server, then a counter. Unique
  // per server and cheap (a random draw per request cost about a microsecond).
  const idPrefix = `req_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  let requests = 0;
  const nextRequestId = () => `${idPrefix}${(requests++).toString(16).padStart(12, "0")}`;

  const server = createServer((request, response) => {
    const requestId = nextRequestId();
    let outcome: Outcome | Promise<Outcome>;
    try {
      outcome = handle(request, response);
    } catch (error) {
      outcome = failed(error);
    }
    if (outcome instanceof Promise) {
      outcome
        .catch(failed)
        .then((settled) => answer(request, response, requestId, settled))
        .catch((error: unknown) => sendFailed(response, error));
      return;
    }
    try {
      answer(request, response, requestId, outcome);
    } catch (error) {
      sendFailed(response, error);
    }
  });

  function answer(request: IncomingMessage, response: ServerResponse, requestId: string, outcome: Outcome): void {
    // A dropped connection: the client sees a network error (ECONNRESET, "other side closed").
    if (outcome.kind === "drop") request.socket.destroy();
    else send(response, requestId, outcome);
  }

  function sendFailed(response: ServerResponse, error: unknown): void {
    console.error(`${vendor.api} mock: could not send a reply`, error);
    response.destroy();
  }
  server.keepAliveTimeout = 5_000;

  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const origin = `http://${address.family === "IPv6" ? `[${address.address}]` : address.address}:${address.port}`;
  guard = requestGuard(address.address);

  return {
    url: `${origin}${basePath}`,
    controlUrl: `${origin}${controlPath}`,
    injectFault: (fault) => faults.add(fault),
    fixtures: () => vendor.fixtures(seed),
    reset,
    webhookDeliveries: () => webhooks?.deliveries() ?? [],
    settleWebhooks: () => webhooks?.settled() ?? Promise.resolve(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        delays.close();
        webhooks?.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** What a fault that answers instead of the handler sends. */
function faultOutcome<State>(vendor: VendorMock<State>, fault: FaultSpec): Outcome {
  if (fault.drop === "before") return { kind: "drop" };
  const status = faultStatus(fault)!;
  const retryAfter: Record<string, string> = fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
  if (fault.body !== undefined) {
    const shape = FAULT_BODIES[fault.body];
    return {
      kind: "raw",
      status,
      headers: { ...retryAfter, "content-type": shape.contentType },
      payload: shape.payload(status, STATUS_CODES[status] ?? "Error"),
    };
  }
  const error = vendor.errors.injected(status);
  // Renderers that quote the wait (DRF: "Expected available in 7 seconds.") read it from the error's
  // headers, in seconds; the header itself is sent as given (seconds or an HTTP-date).
  if (fault.retryAfter !== undefined) {
    error.extra.headers = { ...error.extra.headers, "retry-after": String(retryAfterSeconds(fault.retryAfter, Date.now())) };
  }
  const reply = toReply(vendor, error);
  return { kind: "reply", reply: { ...reply, headers: { ...reply.headers, ...retryAfter } } };
}

/** A thrown error as the vendor answers it; anything but a MockError is a bug, logged and answered as the vendor's 500. */
function toReply<State>(vendor: VendorMock<State>, error: unknown): MockReply {
  if (error instanceof MockError) {
    return { status: error.status, body: vendor.renderError(error), ...(error.extra.headers ? { headers: error.extra.headers } : {}) };
  }
  // A handler bug: say so on the server's console and answer like the vendor's own 500.
  console.error(`${vendor.api} mock: unexpected error`, error);
  return toReply(vendor, vendor.errors.internal());
}

function send(response: ServerResponse, requestId: string, outcome: Exclude<Outcome, { kind: "drop" }>): void {
  // The client may have gone while a fault delayed the reply.
  if (response.destroyed) return;
  if (outcome.kind === "raw") {
    const headers = { "x-request-id": requestId, ...outcome.headers, "content-length": String(Buffer.byteLength(outcome.payload)) };
    response.writeHead(outcome.status, headers).end(outcome.payload);
    return;
  }
  const { reply } = outcome;
  if (reply.body === undefined) {
    response.writeHead(reply.status, { "x-request-id": requestId, ...reply.headers }).end();
    return;
  }
  const payload = (reply as EncodedReply)[ENCODED] ?? JSON.stringify(reply.body);
  const length = Buffer.byteLength(payload);
  // One header object, built once: most replies have no headers of their own.
  const headers = reply.headers
    ? { "x-request-id": requestId, ...reply.headers, "content-type": "application/json", "content-length": length }
    : { "x-request-id": requestId, "content-type": "application/json", "content-length": length };
  response.writeHead(reply.status, headers).end(payload);
}
