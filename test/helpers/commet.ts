// A fresh Commet mock and a client for it, per test file, and the steps tests take to build the
// state they need through the public client (the mock starts with its plan catalogue only).
import { afterAll, beforeAll, expect } from "vitest";
import { createCommetClient, type CommetClient, type CommetComponents } from "../../src/commet/index.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { Clock as BaseClock } from "./clock.js";

type Schemas = CommetComponents["schemas"];

export const SANDBOX_KEY = "ck_sandbox_tests";

/** The start of a 31-day billing month, so that "20 of 31 days left" is 11 days later. */
export const JULY_1 = new Date("2026-07-01T00:00:00Z");
export { DAY_MS } from "./clock.js";

/** The test clock, starting on July 1 unless told otherwise. */
export class Clock extends BaseClock {
  constructor(start: Date = JULY_1) {
    super(start);
  }
}

export function useCommetMock(options: { clock?: Clock } = {}): { mock: () => MockServer; client: (apiKey?: string) => CommetClient } {
  let server: MockServer | undefined;
  beforeAll(async () => {
    server = await startMock("commet", options.clock ? { now: options.clock.now } : {});
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    mock: () => server!,
    // No retries: these tests look at the mock's own answers, faults included.
    client: (apiKey = SANDBOX_KEY) => createCommetClient({ apiKey, baseUrl: server!.url, retries: 0 }),
  };
}

export interface CommetErrorBody {
  type: string;
  code: string;
  message: string;
  doc_url: string;
  param?: string;
  details?: unknown;
}

/**
 * Walks a cursor list by hand, `limit` at a time, checking the paging fields of every page; returns the
 * ids in the order served and the number of pages.
 */
export async function walkCursorPages(client: CommetClient, path: "/addons" | "/customers", limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const { data } = await client.GET(path, { params: { query: { limit, ...(cursor ? { cursor } : {}) } } });
    ids.push(...data!.data.map((item) => item.id));
    cursor = data!.hasMore ? data!.nextCursor! : undefined;
    if (!data!.hasMore) expect(data!.nextCursor).toBeUndefined();
    pages += 1;
  } while (cursor);
  return { ids, pages };
}

/** Asserts the status and the documented error envelope with this code and type; returns the error. */
export function expectError(result: { error?: unknown; response: Response }, status: number, code: string, type: string): CommetErrorBody {
  expect(result.response.status).toBe(status);
  const body = result.error as { success: boolean; error: CommetErrorBody };
  expect(body.success).toBe(false);
  expect(body.error.code).toBe(code);
  expect(body.error.type).toBe(type);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.doc_url).toBe(`https://commet.co/docs/api-reference/2026-07-11/errors/${code}.md`);
  return body.error;
}

/** The `data` of a success, or a failed test naming the error. */
export function dataOf<T>(result: { data?: { data: T }; error?: unknown; response: Response }): T {
  if (!result.data) throw new Error(`expected a success, got ${result.response.status} ${JSON.stringify(result.error)}`);
  return result.data.data;
}

export async function createFeature(client: CommetClient, code: string, overrides: Partial<Schemas["CreateFeatureRequest"]> = {}): Promise<Schemas["Feature"]> {
  return dataOf(await client.POST("/features/manage", { body: { name: `Feature ${code}`, code, type: "boolean", ...overrides } }));
}

/** An add-on on a new feature with this code. */
export async function createAddon(
  client: CommetClient,
  featureCode: string,
  overrides: Partial<Schemas["CreateAddonRequest"]> = {},
): Promise<Schemas["Addon"]> {
  await createFeature(client, featureCode);
  return dataOf(
    await client.POST("/addons", {
      body: { name: `Addon ${featureCode}`, basePrice: 5000, featureId: featureCode, consumptionModel: "boolean", ...overrides },
    }),
  );
}

let customers = 0;

export async function createCustomer(client: CommetClient, overrides: Partial<Schemas["CreateCustomerRequest"]> = {}): Promise<Schemas["Customer"]> {
  customers += 1;
  return dataOf(await client.POST("/customers", { body: { email: `customer${customers}@example.com`, ...overrides } }));
}

/** A new customer (with these creation fields) subscribed to the plan. */
export async function subscribe(
  client: CommetClient,
  planCode: string,
  customer: Partial<Schemas["CreateCustomerRequest"]> = {},
  overrides: Partial<Schemas["CreateSubscriptionRequest"]> = {},
): Promise<Schemas["Subscription"]> {
  const { id } = await createCustomer(client, customer);
  return dataOf(await client.POST("/subscriptions", { body: { customerId: id, planCode, ...overrides } }));
}

/** The mock's stand-in for Commet's Cancel subscription (a control route, outside the API). */
export async function cancelSubscription(mock: MockServer, id: string, reason?: string): Promise<Response> {
  return fetch(`${mock.controlUrl}/commet/cancel/${encodeURIComponent(id)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    ...(reason !== undefined ? { body: JSON.stringify({ reason }) } : {}),
  });
}
