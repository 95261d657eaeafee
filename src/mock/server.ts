/**
 * The generic mock server: a real HTTP server on loopback that routes requests to the operations of a
 * spec, checks credentials, validates parameters and bodies against the spec (Ajv), honours
 * idempotency keys and injected faults, and renders every error in the vendor's shape.
 */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { defaultServerUrl } from "../spec/document.js";
import { getOperations, type OperationMatch } from "../spec/operations.js";
import { validateBody, validateParameters } from "../spec/validator.js";
import { FAULT_BODIES, FAULT_HEADER, FaultQueue, answersInstead, faultStatus, parseFaultSpec, retryAfterSeconds, type FaultSpec } from "./faults.js";
import { IdempotencyStore } from "./idempotency.js";
import { MockError } from "./mock-error.js";
import type { ControlHandler, MockReply, Principal, VendorMock } from "./types.js";

/** Requests larger than this are refused before parsing. */
const MAX_BODY_BYTES = 1024 * 1024;
/**
 * Control routes live outside the API's base path, so they cannot collide with an API path. Exported
 * for vendor handlers that hand out links to their own control routes.
 */
export const CONTROL_PREFIX = "/__specwright";

export interface MockServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** The clock the business rules read; defaults to the real one. */
  now?: () => Date;
}

export interface MockServer {
  /** The base URL to give the client, including the API's base path (e.g. `http://127.0.0.1:4010/api/v1`). */
  url: string;
  /**
   * Where the control routes live, outside the API:
   * - `POST <controlUrl>/faults` with a `FaultSpec` as JSON queues a fault, as `injectFault` does
   *   (204; 400 `{ error }` naming the bad field when the spec is invalid);
   * - `DELETE <controlUrl>/faults` forgets the queued faults (204);
   * - `POST <controlUrl>/reset` does what `reset()` does (204);
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
  /** Forget all state, faults and idempotency keys: back to the seed set. */
  reset(): void;
  /** Stops listening, closes every connection and cancels pending fault delays. */
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
  let states = new Map<string, State>();
  let idempotency = new IdempotencyStore();
  const faults = new FaultQueue(index.operations.map((operation) => operation.operationId));
  /** Cancels the pending fault delays (see `pause`); close() calls them all. */
  const pendingDelays = new Set<() => void>();
  let closed = false;

  function stateFor(principal: Principal): State {
    let state = states.get(principal.tenant);
    if (!state) states.set(principal.tenant, (state = vendor.createState(principal, now())));
    return state;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<Outcome> {
    const url = new URL(request.url ?? "/", "http://mock.invalid");
    if (url.pathname.startsWith(CONTROL_PREFIX)) return { kind: "reply", reply: await control(request, url) };
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

    const context = { operation, params, query, headers, body, principal, state: stateFor(principal), now: now() };
    const handler = vendor.handlers[operation.operationId]!;
    const idempotent = vendor.idempotency;
    const key = idempotent?.operations.includes(operation.operationId) ? headers[idempotent.header.toLowerCase()] : undefined;
    if (!idempotent || key === undefined) return handler(context);

    const fingerprint = IdempotencyStore.fingerprint(method, url.pathname, body);
    const outcome = idempotency.begin(principal.credential, key, fingerprint, Date.now());
    if (outcome.kind === "mismatch") throw idempotent.mismatch();
    if (outcome.kind === "in-progress") throw idempotent.inProgress();
    if (outcome.kind === "replay") return outcome.reply;
    let reply: MockReply;
    try {
      reply = handler(context);
    } catch (error) {
      reply = toReply(error);
    }
    idempotency.finish(principal.credential, key, reply);
    return reply;
  }

  /** The parsed JSON body, undefined when there is none. */
  async function readJson(request: IncomingMessage): Promise<unknown> {
    const raw = await readBody(request);
    if (raw.length === 0) return undefined;
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
    const route = url.pathname.slice(CONTROL_PREFIX.length);
    if (request.method === "POST" && route === "/reset") {
      states = new Map();
      idempotency = new IdempotencyStore();
      faults.clear();
      return { status: 204 };
    }
    if (request.method === "POST" && route === "/faults") {
      try {
        faults.add(JSON.parse((await readBody(request)).toString("utf8")) as FaultSpec);
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
      return handler({
        method: request.method ?? "GET",
        segments: segments.filter((segment) => segment !== "").map(safeDecode),
        query: Object.fromEntries(url.searchParams),
        headers: flattenHeaders(request),
        body: await readJson(request),
        state: (tenant) => states.get(tenant),
        now: now(),
      });
    }
    return { status: 404, body: { error: `no control route ${request.method} ${CONTROL_PREFIX}${route}` } };
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

  return {
    url: `${origin}${basePath}`,
    controlUrl: `${origin}${CONTROL_PREFIX}`,
    injectFault: (fault) => faults.add(fault),
    reset() {
      states = new Map();
      idempotency = new IdempotencyStore();
      faults.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        closed = true;
        for (const cancel of [...pendingDelays]) cancel();
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
  const payload = JSON.stringify(reply.body);
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
    if (size > MAX_BODY_BYTES) throw new MockError(413, "payload_too_large", `request bodies are limited to ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
