/**
 * The generic mock server: a real HTTP server on loopback that routes requests to the operations of a
 * spec, checks credentials, validates parameters and bodies against the spec (Ajv), honours
 * idempotency keys and injected faults, and renders every error in the vendor's shape.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { defaultServerUrl } from "../spec/document.js";
import { getOperations, type OperationMatch } from "../spec/operations.js";
import { validateBody, validateParameters } from "../spec/validator.js";
import { FaultQueue, type FaultSpec } from "./faults.js";
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
   * Where the control routes live (`POST <controlUrl>/faults`, `POST <controlUrl>/reset`, and a vendor's
   * own under `<controlUrl>/<api>/<name>/...`).
   */
  controlUrl: string;
  /** Make the next request(s) fail; see `FaultSpec`. */
  injectFault(fault: FaultSpec): void;
  /** Forget all state, faults and idempotency keys: back to the seed set. */
  reset(): void;
  close(): Promise<void>;
}

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
  const faults = new FaultQueue();

  function stateFor(principal: Principal): State {
    let state = states.get(principal.tenant);
    if (!state) states.set(principal.tenant, (state = vendor.createState(principal, now())));
    return state;
  }

  async function handle(request: IncomingMessage): Promise<MockReply> {
    const url = new URL(request.url ?? "/", "http://mock.invalid");
    if (url.pathname.startsWith(CONTROL_PREFIX)) return control(request, url);
    const method = request.method ?? "GET";
    const relative = url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : undefined;
    const match: OperationMatch | undefined = relative === undefined ? undefined : index.match(method, relative);
    if (!match) throw vendor.errors.routeNotFound(url.pathname);
    const { operation } = match;

    const fault = faults.take(operation.operationId);
    if (fault) {
      const error = vendor.errors.injected(fault.status);
      if (fault.retryAfter !== undefined) error.extra.headers = { ...error.extra.headers, "retry-after": String(fault.retryAfter) };
      throw error;
    }

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
    const requestId = `req_${randomBytes(12).toString("hex")}`;
    handle(request)
      .catch(toReply)
      .then((reply) => send(response, requestId, reply))
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
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function send(response: ServerResponse, requestId: string, reply: MockReply): void {
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

function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
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
