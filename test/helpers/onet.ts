// A fresh OnetSolutions mock and clients for it, per test file; every order any of those clients (or a
// contract run through `startRecordingProxy`) gets back is kept, so that a file can check them all.
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { createOnetClient, type OnetClient } from "../../src/onet/index.js";
import { startMock, type MockServer, type MockServerOptions } from "../../src/mock/index.js";
import { getOperations } from "../../src/spec/operations.js";
import { IDS } from "../../src/mock/onet/seed.js";
import { Clock } from "./clock.js";

export const TOKEN = "sk-onetsolutions-tests";

/** The seed ids (the README's seed table), as the mock seeds them. */
export const SEED = IDS;

export const MISSING = "00000000-0000-4000-8000-000000000000";
export const IN_PROJECT = { organization_id: SEED.organization, project_id: SEED.project } as const;
export const IN_PERSONAL_PROJECT = { organization_id: SEED.personalOrganization, project_id: SEED.personalProject } as const;

/** The amount pattern the spec gives addon orders; it also matches "", "-" and ".", so a digit is required separately. */
export const AMOUNT = /^-?\d{0,8}(?:\.\d{0,2})?$/;

/** An order as either operation returns it: decimal strings (add-ons) or JSON numbers (web hosting). */
export interface SeenOrder {
  operationId: string;
  total: unknown;
  amount_due: unknown;
  credit_applied: unknown;
  status: unknown;
  invoice_payment_url: unknown;
}

const ORDER_OPERATIONS = new Set(["activateInstanceAddon", "orderWebHosting"]);

/** Records the order in a response body, if the request created one. */
export function recordOrder(orders: SeenOrder[], operationId: string | undefined, status: number, body: unknown): void {
  if (!operationId || !ORDER_OPERATIONS.has(operationId) || status !== 201) return;
  const order = body as Omit<SeenOrder, "operationId">;
  orders.push({
    operationId,
    total: order.total,
    amount_due: order.amount_due,
    credit_applied: order.credit_applied,
    status: order.status,
    invoice_payment_url: order.invoice_payment_url,
  });
}

/** An amount in cents, after checking it has the documented form (the pattern, and a digit). */
export function cents(amount: unknown): number {
  const text = typeof amount === "number" ? String(amount) : amount;
  expect(typeof text).toBe("string");
  expect(text).toMatch(AMOUNT);
  expect(text).toMatch(/\d/);
  const [whole, fraction = ""] = (text as string).replace("-", "").split(".");
  const value = Number(whole || "0") * 100 + Number(fraction.padEnd(2, "0"));
  return (text as string).startsWith("-") ? -value : value;
}

/** The invariants every order keeps: amounts in the pattern, total = credit_applied + amount_due, status and payment link agree. */
export function expectConsistentOrder(order: SeenOrder): void {
  const [total, due, credit] = [cents(order.total), cents(order.amount_due), cents(order.credit_applied)];
  expect(total, JSON.stringify(order)).toBe(credit + due);
  expect(Math.min(total, due, credit)).toBeGreaterThanOrEqual(0);
  expect(order.status).toBe(due === 0 ? "paid" : "unpaid");
  if (due > 0) expect(order.invoice_payment_url).toMatch(/^https:\/\//);
  else expect(order.invoice_payment_url).toBeNull();
}

const operations = getOperations("onet");

/**
 * Starts one mock for the file, and checks after all its tests every order its clients were given
 * (failing if the file meant to create orders and none were seen).
 */
export function useOnetMock(options: MockServerOptions & { expectOrders?: boolean } = {}): {
  mock: () => MockServer;
  client: (token?: string) => OnetClient;
  orders: SeenOrder[];
} {
  let server: MockServer | undefined;
  const orders: SeenOrder[] = [];
  const { expectOrders = false, ...mockOptions } = options;
  beforeAll(async () => {
    server = await startMock("onet", mockOptions);
  });
  afterAll(async () => {
    await server?.close();
    if (expectOrders) expect(orders.length).toBeGreaterThan(0);
    for (const order of orders) expectConsistentOrder(order);
  });
  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const request = input instanceof Request ? input : new Request(input, init);
    const operationId = operations.match(request.method, new URL(request.url).pathname)?.operation.operationId;
    if (ORDER_OPERATIONS.has(operationId ?? "") && response.status === 201) recordOrder(orders, operationId, 201, await response.clone().json());
    return response;
  };
  return {
    mock: () => server!,
    // No retries: a mock test must see each reply the mock sends.
    client: (token = TOKEN) => createOnetClient({ token, baseUrl: server!.url, fetch: recordingFetch, retries: 0 }),
    orders,
  };
}

/** A JWT (unsigned; the mock only reads its claims) with these claims. */
export function jwt(claims: Record<string, unknown>): string {
  return [{ alg: "none", typ: "JWT" }, claims]
    .map((part) => Buffer.from(JSON.stringify(part)).toString("base64url"))
    .concat("sig")
    .join(".");
}

/** A raw request, for what the typed client cannot send (no token, a GET with a body, a non-UUID id...). */
export async function raw(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string | null; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: unknown }> {
  const url = new URL(path, baseUrl);
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== null) headers.authorization = `Bearer ${options.token ?? TOKEN}`;
  if (options.body !== undefined) {
    headers["content-type"] ??= "application/json";
    headers["content-length"] = String(Buffer.byteLength(options.body));
  }
  // node:http, because fetch refuses a body on GET.
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text === "" ? undefined : (JSON.parse(text) as unknown) });
      });
    });
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

/**
 * A pass-through proxy (node:http, so GET bodies pass too) that records every order in the responses,
 * for checking the orders a contract run makes.
 */
export async function startRecordingProxy(upstreamUrl: string): Promise<{ url: string; orders: SeenOrder[]; close(): Promise<void> }> {
  const upstream = new URL(upstreamUrl);
  const orders: SeenOrder[] = [];
  const server = createServer((incoming, outgoing) => {
    const forward = httpRequest(
      new URL(incoming.url ?? "/", upstream.origin),
      { method: incoming.method, headers: { ...incoming.headers, host: upstream.host } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          const text = Buffer.concat(chunks);
          const operationId = operations.match(incoming.method ?? "GET", new URL(incoming.url ?? "/", "http://proxy.invalid").pathname)?.operation.operationId;
          if (text.length > 0 && (response.headers["content-type"] ?? "").startsWith("application/json")) {
            recordOrder(orders, operationId, response.statusCode ?? 0, JSON.parse(text.toString("utf8")));
          }
          outgoing.writeHead(response.statusCode ?? 502, response.headers).end(text);
        });
      },
    );
    forward.on("error", () => outgoing.writeHead(502).end());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/+$/, "")}`,
    orders,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `useOnetMock` on a test clock: each test starts with the mock reset and the clock at `start`. */
export function useOnetMockAt(start: Date): ReturnType<typeof useOnetMock> & { clock: Clock } {
  const clock = new Clock(start);
  const harness = useOnetMock({ now: clock.now });
  beforeEach(() => {
    harness.mock().reset();
    clock.set(start);
  });
  return { ...harness, clock };
}
