// A fresh OnetSolutions mock and clients for it, per test file; every order any of those clients (or a
// contract run through `startRecordingProxy`) gets back is kept, so that a file can check them all.
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect } from "vitest";
import { createOnetClient, type OnetClient } from "../../src/onet/index.js";
import { startMock, type MockServer, type MockServerOptions } from "../../src/mock/index.js";
import { getOperations } from "../../src/spec/operations.js";

export const TOKEN = "sk-onetsolutions-tests";

/** The seed ids (the README's seed table). */
export const SEED = {
  user: "fe23cc1e-f48c-44f1-9400-ae1a346d4291",
  organization: "e6af4f6e-1606-468e-9092-3f740a445140",
  project: "38fa341f-422e-4ee3-b79b-454c5b2ca9b5",
  personalOrganization: "de95be24-7b87-48b5-b519-4659f90afeb8",
  personalProject: "0aa023a8-34fe-4d76-8b9e-5d282a4d2db9",
  foreignOrganization: "df3c324d-2fd7-4d01-b913-79dbe579f30b",
  foreignProject: "2012e104-4345-4536-bdec-4b3c92bc2eec",
  sizeM: "c391c5bc-246c-4938-b393-37bb4be4173e",
  sizeS: "9a0379b0-524a-4422-9fb0-f0e3c274db18",
  addonBackup: "17ee3090-0e7e-4706-b023-9b66827a0559",
  addonSnapshot: "1a9b3c15-d2e6-4fa8-a890-53dc3557cc91",
  addonMonitoring: "b7a044d2-ae1c-45d3-8393-87a1389c6517",
  linkMBackup: "fc9c314b-b957-4f3f-8bb5-17a71977037c",
  web01: "facdf01b-1b98-4b43-9348-72d7e15bddf6",
  web02: "e5ce3e20-6051-4234-9b49-b3239a1d4e39",
  web03: "b190ea4b-44e3-427b-985e-2bb31e8a1619",
  lab01: "ef865347-17e9-4022-9ef0-9fe72cea6cfa",
  lab02: "22653271-5c5e-4697-b11a-6f0c8133102f",
  shop01: "31cbfb73-d2eb-4d5a-afdc-a0fb56836ee3",
  task: "478d6da4-7d6d-480c-90a1-2d18aa50e207",
  consoleSession: "835e0946-3420-4b57-be9c-a0a7c6e543db",
  imagePrivate: "ffc8b125-9e4b-46b3-899d-fc444b64fe3d",
  imageInUse: "894245dd-6bac-47b2-96e0-3a5fd3a221a8",
  imagePublic: "4b71f9f3-52cc-4572-83f6-7cdff4b0fec1",
  planPro: "f153350a-ece8-4101-8462-df5e1bd1c25e",
  planStarter: "426cc956-f2e5-4a92-9370-e89a38768481",
  hosting: "2cf76ce5-00a0-4726-8389-52081696d0db",
  hostingBlog: "75364a14-e223-4ff0-954e-dcdb06c89cdd",
  hostingExternal: "b764c688-75d7-4452-8c85-03c8d420aee0",
  domainFr: "d0450a12-46e4-42f0-9ad7-aee87a134398",
  domainCom: "9b2b07f8-3ea8-4eec-9eeb-48d917b89c39",
  domainEu: "6840d6f5-8d27-48b8-9c9e-868402608d22",
} as const;

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
  orders.push({ operationId, total: order.total, amount_due: order.amount_due, credit_applied: order.credit_applied, status: order.status, invoice_payment_url: order.invoice_payment_url });
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
    client: (token = TOKEN) => createOnetClient({ token, baseUrl: server!.url, fetch: recordingFetch }),
    orders,
  };
}

/** A JWT (unsigned; the mock only reads its claims) with these claims. */
export function jwt(claims: Record<string, unknown>): string {
  return [{ alg: "none", typ: "JWT" }, claims].map((part) => Buffer.from(JSON.stringify(part)).toString("base64url")).concat("sig").join(".");
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
