/**
 * The mock server's control routes. They live outside the API's base path, so they cannot collide with
 * an API path, and under the server's control token (`/__specwright/<token>/...`), so that only whoever
 * started the server can drive them: the fault queue, reset, the webhook deliveries (see
 * `MockServer.controlUrl`) and each vendor's own routes, `<controlUrl>/<api>/<name>/...`. Vendor
 * handlers that hand out links to their own routes take the path with the token from
 * `MockContext.controlPath`.
 */
import type { IncomingMessage } from "node:http";
import type { FaultQueue, FaultSpec } from "./faults.js";
import { nestsDeeperThan } from "./json-depth.js";
import { REQUEST_LIMITS } from "./limits.js";
import { safeDecode } from "../spec/operations.js";
import { flattenHeaders, readBody, readJson, type RequestTarget } from "./request.js";
import { tokenMatches } from "./request-guard.js";
import type { EmittedEvent, MockReply, VendorMock } from "./types.js";
import type { WebhookDispatcher } from "./webhooks/dispatcher.js";

export const CONTROL_PREFIX = "/__specwright";

/** The path of a server's control routes, its token included. */
export const controlPathOf = (token: string): string => `${CONTROL_PREFIX}/${token}`;

/** The parts of a server the control routes drive. */
export interface ControlTarget<State> {
  vendor: VendorMock<State>;
  token: string;
  faults: FaultQueue;
  webhooks: WebhookDispatcher | undefined;
  now(): Date;
  /**
   * A tenant's state with its clock-driven work done by `at`, or undefined when that tenant has made no
   * API request since the last reset: a control route acts on what the API created and never seeds a state.
   */
  settledState(tenant: string, at: Date): State | undefined;
  /** Does what `MockServer.reset` does. */
  reset(): void;
}

/** Answers a request whose path starts with `CONTROL_PREFIX`; never throws a MockError of its own, but a vendor route's. */
export async function serveControl<State>(target: ControlTarget<State>, request: IncomingMessage, url: RequestTarget): Promise<MockReply> {
  const [, token = ""] = url.pathname.slice(CONTROL_PREFIX.length).split("/");
  if (!tokenMatches(token, target.token)) {
    return { status: 403, body: { error: `control routes need this server's control token: use mock.controlUrl, which specwright mock prints` } };
  }
  const route = url.pathname.slice(controlPathOf(target.token).length);
  const method = request.method ?? "GET";
  const reply = (await serverRoute(target, method, route, request)) ?? (await vendorRoute(target, method, route, request, url));
  // The route relative to controlUrl: the token stays out of error messages and the logs they end up in.
  return reply ?? { status: 404, body: { error: `no control route ${method} <controlUrl>${route}` } };
}

/** The server's own routes: reset, the webhook deliveries, the fault queue. */
async function serverRoute<State>(
  { faults, webhooks, reset }: ControlTarget<State>,
  method: string,
  route: string,
  request: IncomingMessage,
): Promise<MockReply | undefined> {
  if (method === "POST" && route === "/reset") {
    reset();
    return { status: 204 };
  }
  if (method === "GET" && route === "/webhooks/deliveries") return { status: 200, body: webhooks?.deliveries() ?? [] };
  if (method === "POST" && route === "/faults") {
    try {
      const raw = await readBody(request);
      if (nestsDeeperThan(raw, REQUEST_LIMITS.jsonDepth)) throw new TypeError(`the fault spec nests deeper than ${REQUEST_LIMITS.jsonDepth} levels`);
      faults.add(JSON.parse(raw.toString("utf8")) as FaultSpec);
      return { status: 204 };
    } catch (error) {
      return { status: 400, body: { error: error instanceof Error ? error.message : "invalid fault" } };
    }
  }
  if (method === "DELETE" && route === "/faults") {
    faults.clear();
    return { status: 204 };
  }
  return undefined;
}

/** One of the vendor's own routes, `/<api>/<name>/<segments...>`; its webhook events go out once it returns. */
async function vendorRoute<State>(
  target: ControlTarget<State>,
  method: string,
  route: string,
  request: IncomingMessage,
  url: RequestTarget,
): Promise<MockReply | undefined> {
  const { vendor, webhooks } = target;
  const [api, name = "", ...segments] = route.split("/").slice(1);
  const handler = api === vendor.api && vendor.control && Object.hasOwn(vendor.control, name) ? vendor.control[name] : undefined;
  if (!handler) return undefined;
  const emitted: { tenant: string; event: EmittedEvent }[] = [];
  const at = target.now();
  const reply = handler({
    method,
    segments: segments.filter((segment) => segment !== "").map(safeDecode),
    query: url.query,
    headers: flattenHeaders(request),
    body: await readJson(request, vendor.errors),
    state: (tenant) => target.settledState(tenant, at),
    now: at,
    emit: (tenant, event) => void emitted.push({ tenant, event }),
  });
  // Only once the route returned: one that throws refuses before it changes anything.
  for (const { tenant, event } of emitted) webhooks?.publish(tenant, [event], at);
  return reply;
}
