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
import { getOperations, type OperationMatch } from "../spec/operations.js";
import { validateBody, validateParameters } from "../spec/validator.js";
import { FAULT_BODIES, FAULT_HEADER, FaultQueue, answersInstead, faultStatus, parseFaultSpec, retryAfterSeconds, type FaultSpec } from "./faults.js";
import { IdempotencyStore } from "./idempotency.js";
import { nestsDeeperThan } from "./json-depth.js";
import { DEFAULT_TENANT_LIMITS, REQUEST_LIMITS, type TenantLimits } from "./limits.js";
import { MockError } from "./mock-error.js";
import { createControlToken, requestGuard, tokenMatches, type RequestGuard } from "./request-guard.js";
import { checkSeed } from "./seeding.js";
import { measureState } from "./state-size.js";
import type { ControlHandler, EmittedEvent, MockContext, MockHandler, MockReply, Principal, VendorMock } from "./types.js";
import { createWebhookDispatcher, type WebhookDeliveryRecord } from "./webhooks/dispatcher.js";
import type { WebhookOptions } from "./webhooks/options.js";

/**
 * Control routes live outside the API's base path, so they cannot collide with an API path, and under
 * the server's control token (`/__specwright/<token>/...`), so that only whoever started the server
 * can drive them. Vendor handlers that hand out links to their own control routes take the path with
 * the token from `MockContext.controlPath`.
 */
/** Methods whose handlers store nothing. */
const READ_METHODS = new Set(["get", "head"]);

export const CONTROL_PREFIX = "/__specwright";

/** Replies already serialized (to check they can be sent before the state change is kept), so `send` does not do it twice. */
const encodedBodies = new WeakMap<MockReply, string>();

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
type Outcome =
  | { kind: "reply"; reply: MockReply }
  | { kind: "raw"; status: number; headers: Record<string, string>; payload: string }
  | { kind: "drop" };

export async function serveMock<State>(vendor: VendorMock<State>, options: MockServerOptions = {}): Promise<MockServer> {
  const index = getOperations(vendor.api);
  const missing = index.operations.filter((operation) => !vendor.handlers[operation.operationId]);
  if (missing.length > 0) {
    throw new Error(`${vendor.api} mock: no handler for ${missing.map((operation) => operation.operationId).join(", ")}`);
  }
  const basePath = defaultServerUrl(vendor.api).pathname.replace(/\/+$/, "");
  const now = options.now ?? (() => new Date());
  const tenantLimits: TenantLimits = { ...DEFAULT_TENANT_LIMITS, ...options.tenantLimits };
  const seed = checkSeed(options.seed ?? 0, "startMock: options.seed");
  const controlToken = createControlToken();
  const controlPath = `${CONTROL_PREFIX}/${controlToken}`;
  const webhooks = options.webhooks === undefined ? undefined : createWebhookDispatcher(vendor.api, options.webhooks, vendor.webhooks);
  /** Set once the server listens: it needs the address. */
  let guard: RequestGuard | undefined;
  /** The "full" errors: the write was undone, so its idempotency key is not kept either. */
  const undone = new WeakSet<MockError>();
  let states = new Map<string, State>();
  let idempotency = new IdempotencyStore();
  const faults = new FaultQueue(index.operations.map((operation) => operation.operationId));
  /** Cancels the pending fault delays (see `pause`); close() calls them all. */
  const pendingDelays = new Set<() => void>();
  let closed = false;

  function stateFor(principal: Principal, at: Date): State {
    let state = states.get(principal.tenant);
    if (!state) states.set(principal.tenant, (state = vendor.createState(principal, at, seed)));
    return settled(principal.tenant, state, at);
  }

  /** The tenant's state with its clock-driven work done (see `VendorMock.settle`), whose events go out at once. */
  function settled(tenant: string, state: State, at: Date): State {
    if (!vendor.settle) return state;
    const emitted: EmittedEvent[] = [];
    vendor.settle(state, at, (event) => void emitted.push(event));
    webhooks?.publish(tenant, emitted, at);
    return state;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<Outcome> {
    const url = new URL(request.url ?? "/", "http://mock.invalid");
    const isControl = url.pathname.startsWith(CONTROL_PREFIX);
    // 403 rather than 421 Misdirected Request: this is a refusal on security grounds on every route,
    // as Vite and webpack-dev-server answer a foreign Host; every vendor's error shape renders a 403; and
    // clients may retry a 421 on a new connection, which would get the same answer.
    const refusal = guard?.refusal({ host: request.headers.host, origin: request.headers.origin });
    if (refusal !== undefined) {
      return { kind: "reply", reply: isControl ? { status: 403, body: { error: refusal } } : toReply(new MockError(403, "forbidden", refusal)) };
    }
    if (isControl) return { kind: "reply", reply: await control(request, url) };
    let ownFault: FaultSpec | undefined;
    try {
      ownFault = faultFromHeader(request);
    } catch (error) {
      return { kind: "reply", reply: { status: 400, body: { error: (error as Error).message } } };
    }
    const method = request.method ?? "GET";
    const relative = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : undefined;
    const match: OperationMatch | undefined = relative === undefined ? undefined : index.match(method, relative);
    if (!match) throw vendor.errors.routeNotFound(url.pathname);

    // A header fault is the request's own and leaves the queue alone.
    const fault = ownFault ?? faults.take(match.operation.operationId);
    if (!fault) return { kind: "reply", reply: await serve(request, url, match) };
    if (answersInstead(fault)) {
      // Before authentication, like a gateway: the handler never runs.
      await pause(fault.delayMs, response);
      return faultOutcome(fault);
    }
    // Around the request: served as usual (the handler's changes and an idempotent reply are kept,
    // errors included), then answered late or not at all.
    const reply = await serve(request, url, match).catch(toReply);
    await pause(fault.delayMs, response);
    return fault.drop === "after" ? { kind: "drop" } : { kind: "reply", reply };
  }

  /** A request to an operation, without faults: authentication, validation, idempotency, the handler. */
  async function serve(request: IncomingMessage, url: URL, match: OperationMatch): Promise<MockReply> {
    const method = request.method ?? "GET";
    const { operation } = match;
    const headers = flattenHeaders(request);
    const principal = vendor.authenticate(headers);
    if (!principal) throw vendor.errors.unauthorized();

    const body = await readJson(request);

    const params: Record<string, string> = { ...match.pathParams };
    const query: Record<string, unknown> = Object.fromEntries(url.searchParams);
    for (const [location, values] of [["path", params], ["query", query], ["header", headers]] as const) {
      const result = validateParameters(location, operation.parameters, values);
      if (!result.valid) throw vendor.errors.validation(location, result.errors, values);
    }
    const bodySpec = operation.object.requestBody;
    const schema = bodySpec?.content["application/json"]?.schema;
    if (bodySpec && schema) {
      if (body === undefined && bodySpec.required) throw vendor.errors.validation("body", [{ field: "", message: "a JSON body is required" }]);
      if (body !== undefined) {
        const result = validateBody(schema, body);
        if (!result.valid) throw vendor.errors.validation("body", result.errors, body);
      }
    }

    const emitted: EmittedEvent[] = [];
    const at = now();
    const context = { operation, params, query, headers, body, principal, state: stateFor(principal, at), controlPath, now: at, emit: (event: EmittedEvent) => void emitted.push(event) };
    const handler = vendor.handlers[operation.operationId]!;
    const idempotent = vendor.idempotency;
    const key = idempotent?.operations.includes(operation.operationId) ? headers[idempotent.header.toLowerCase()] : undefined;
    if (!idempotent || key === undefined) return run(handler, context, emitted);

    const fingerprint = IdempotencyStore.fingerprint(method, url.pathname, body);
    const outcome = idempotency.begin(principal.credential, key, fingerprint, Date.now());
    if (outcome.kind === "mismatch") throw idempotent.mismatch();
    if (outcome.kind === "in-progress") throw idempotent.inProgress();
    if (outcome.kind === "replay") return outcome.reply;
    let reply: MockReply;
    try {
      reply = run(handler, context, emitted);
    } catch (error) {
      if (error instanceof MockError && undone.has(error)) {
        // Nothing was done, as after a 5xx: a retry with the key runs again once there is room.
        idempotency.forget(principal.credential, key);
        throw error;
      }
      reply = toReply(error);
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
  function run(handler: MockHandler<State>, context: MockContext<State>, emitted: EmittedEvent[]): MockReply {
    // A read changes no stored data (at most it settles clock-driven work), so it skips the copy and the
    // size walk: both cost time in proportion to the tenant's size on every request.
    if (READ_METHODS.has(context.operation.method)) {
      const reply = handler(context);
      if (reply.body !== undefined) encodedBodies.set(reply, JSON.stringify(reply.body));
      webhooks?.publish(context.principal.tenant, emitted, context.now);
      return reply;
    }
    const tenant = context.principal.tenant;
    const backup = structuredClone(context.state);
    const undo = () => states.set(tenant, backup);
    let reply: MockReply;
    try {
      reply = handler(context);
      // Serialized now, while the change can still be undone: a reply that cannot be sent must not leave
      // behind the state that made it (it would fail every later reply that includes it).
      if (reply.body !== undefined) encodedBodies.set(reply, JSON.stringify(reply.body));
    } catch (error) {
      if (!(error instanceof MockError)) undo();
      throw error;
    }
    const size = measureState(context.state);
    const over = size.objects > tenantLimits.objects ? `${tenantLimits.objects} objects` : size.bytes > tenantLimits.bytes ? `about ${tenantLimits.bytes} bytes` : undefined;
    if (over !== undefined) {
      undo();
      const full = vendor.errors.full(`This mock tenant is full: it holds at most ${over}. Delete something, or reset the mock (POST <controlUrl>/reset).`);
      undone.add(full);
      throw full;
    }
    webhooks?.publish(tenant, emitted, context.now);
    return reply;
  }

  /** The parsed JSON body, undefined when there is none. */
  async function readJson(request: IncomingMessage): Promise<unknown> {
    const raw = await readBody(request);
    if (raw.length === 0) return undefined;
    // On the text, before parsing: nothing deeper is ever parsed, validated or stored.
    if (nestsDeeperThan(raw, REQUEST_LIMITS.jsonDepth)) {
      throw vendor.errors.validation("body", [{ field: "", message: `nests deeper than ${REQUEST_LIMITS.jsonDepth} levels` }]);
    }
    try {
      return JSON.parse(raw.toString("utf8"));
    } catch {
      throw vendor.errors.invalidJson();
    }
  }

  /** The request's own fault, from the `x-specwright-fault` header; throws (naming the header) when it is not a valid one. */
  function faultFromHeader(request: IncomingMessage): FaultSpec | undefined {
    const value = request.headers[FAULT_HEADER];
    if (value === undefined) return undefined;
    const text = Array.isArray(value) ? value.join(", ") : value;
    if (nestsDeeperThan(Buffer.from(text), REQUEST_LIMITS.jsonDepth)) throw new TypeError(`${FAULT_HEADER} header: nests deeper than ${REQUEST_LIMITS.jsonDepth} levels`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new TypeError(`${FAULT_HEADER} header: not a JSON fault spec: ${JSON.stringify(text.slice(0, 200))}`);
    }
    try {
      return parseFaultSpec(json, { perRequest: true });
    } catch (error) {
      throw new TypeError(`${FAULT_HEADER} header: ${(error as Error).message}`);
    }
  }

  /** What a fault that answers instead of the handler sends. */
  function faultOutcome(fault: FaultSpec): Outcome {
    if (fault.drop === "before") return { kind: "drop" };
    const status = faultStatus(fault)!;
    const retryAfter: Record<string, string> = fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) };
    if (fault.body !== undefined) {
      const shape = FAULT_BODIES[fault.body];
      return { kind: "raw", status, headers: { ...retryAfter, "content-type": shape.contentType }, payload: shape.payload(status, STATUS_CODES[status] ?? "Error") };
    }
    const error = vendor.errors.injected(status);
    // Renderers that quote the wait (DRF: "Expected available in 7 seconds.") read it from the error's
    // headers, in seconds; the header itself is sent as given (seconds or an HTTP-date).
    if (fault.retryAfter !== undefined) {
      error.extra.headers = { ...error.extra.headers, "retry-after": String(retryAfterSeconds(fault.retryAfter, Date.now())) };
    }
    const reply = toReply(error);
    return { kind: "reply", reply: { ...reply, headers: { ...reply.headers, ...retryAfter } } };
  }

  /**
   * Waits `ms` without holding up other requests. Never resolves once the server is closing or the
   * client has gone (its timer is cleared then): nothing is left to answer, and no timer outlives close().
   */
  function pause(ms: number | undefined, response: ServerResponse): Promise<void> {
    if (!ms) return Promise.resolve();
    return new Promise<void>((resolve) => {
      if (closed || response.destroyed) return;
      const cancel = () => {
        clearTimeout(timer);
        pendingDelays.delete(cancel);
        response.off("close", cancel);
      };
      const timer = setTimeout(() => {
        cancel();
        resolve();
      }, ms);
      pendingDelays.add(cancel);
      response.once("close", cancel);
    });
  }

  async function control(request: IncomingMessage, url: URL): Promise<MockReply> {
    const [, token = ""] = url.pathname.slice(CONTROL_PREFIX.length).split("/");
    if (!tokenMatches(token, controlToken)) {
      return { status: 403, body: { error: `control routes need this server's control token: use mock.controlUrl, which specwright mock prints` } };
    }
    const route = url.pathname.slice(controlPath.length);
    if (request.method === "POST" && route === "/reset") {
      reset();
      return { status: 204 };
    }
    if (request.method === "GET" && route === "/webhooks/deliveries") return { status: 200, body: webhooks?.deliveries() ?? [] };
    if (request.method === "POST" && route === "/faults") {
      try {
        const raw = await readBody(request);
        if (nestsDeeperThan(raw, REQUEST_LIMITS.jsonDepth)) throw new TypeError(`the fault spec nests deeper than ${REQUEST_LIMITS.jsonDepth} levels`);
        faults.add(JSON.parse(raw.toString("utf8")) as FaultSpec);
        return { status: 204 };
      } catch (error) {
        return { status: 400, body: { error: error instanceof Error ? error.message : "invalid fault" } };
      }
    }
    if (request.method === "DELETE" && route === "/faults") {
      faults.clear();
      return { status: 204 };
    }
    const [api, name = "", ...segments] = route.split("/").slice(1);
    const handler: ControlHandler<State> | undefined = api === vendor.api && vendor.control && Object.hasOwn(vendor.control, name) ? vendor.control[name] : undefined;
    if (handler) {
      const emitted: { tenant: string; event: EmittedEvent }[] = [];
      const at = now();
      const reply = handler({
        method: request.method ?? "GET",
        segments: segments.filter((segment) => segment !== "").map(safeDecode),
        query: Object.fromEntries(url.searchParams),
        headers: flattenHeaders(request),
        body: await readJson(request),
        state: (tenant) => {
          const state = states.get(tenant);
          return state === undefined ? undefined : settled(tenant, state, at);
        },
        now: at,
        emit: (tenant, event) => void emitted.push({ tenant, event }),
      });
      // Only once the route returned: one that throws refuses before it changes anything.
      for (const { tenant, event } of emitted) webhooks?.publish(tenant, [event], at);
      return reply;
    }
    // The route relative to controlUrl: the token stays out of error messages and the logs they end up in.
    return { status: 404, body: { error: `no control route ${request.method} <controlUrl>${route}` } };
  }

  /** `reset()` and `POST <controlUrl>/reset`. */
  function reset(): void {
    states = new Map();
    idempotency = new IdempotencyStore();
    faults.clear();
    webhooks?.reset();
  }

  function toReply(error: unknown): MockReply {
    if (error instanceof MockError) {
      return { status: error.status, body: vendor.renderError(error), ...(error.extra.headers ? { headers: error.extra.headers } : {}) };
    }
    // A handler bug: say so on the server's console and answer like the vendor's own 500.
    console.error(`${vendor.api} mock: unexpected error`, error);
    return toReply(vendor.errors.internal());
  }

  const server = createServer((request, response) => {
    // randomUUID draws from a cached entropy pool: ~0.3 µs, where randomBytes(12) costs ~2.2 µs a request.
    const requestId = `req_${randomUUID().replaceAll("-", "").slice(0, 24)}`;
    handle(request, response)
      .catch((error: unknown): Outcome => ({ kind: "reply", reply: toReply(error) }))
      .then((outcome) => {
        // A dropped connection: the client sees a network error (ECONNRESET, "other side closed").
        if (outcome.kind === "drop") request.socket.destroy();
        else send(response, requestId, outcome);
      })
      .catch((error: unknown) => {
        console.error(`${vendor.api} mock: could not send a reply`, error);
        response.destroy();
      });
  });
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
        closed = true;
        for (const cancel of [...pendingDelays]) cancel();
        webhooks?.close();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
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
  const headers: Record<string, string> = { "x-request-id": requestId, ...reply.headers };
  if (reply.body === undefined) {
    response.writeHead(reply.status, headers).end();
    return;
  }
  const payload = encodedBodies.get(reply) ?? JSON.stringify(reply.body);
  response.writeHead(reply.status, { ...headers, "content-type": "application/json", "content-length": Buffer.byteLength(payload) }).end(payload);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The request's headers, one string each, without the fault header: it is the server's, never the API's. */
function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === FAULT_HEADER) continue;
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > REQUEST_LIMITS.bodyBytes) throw new MockError(413, "payload_too_large", `request bodies are limited to ${REQUEST_LIMITS.bodyBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
