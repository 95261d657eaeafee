// Reset, by `reset()` or by `POST <controlUrl>/reset`, forgets the same things: every tenant's state,
// the idempotency keys, the queued faults and the webhook deliveries (see webhooks.test.ts for those).
import { describe, expect, it } from "vitest";
import type { MockServer } from "../../src/mock/index.js";
import { useCommetMock } from "../helpers/commet.js";

const { mock } = useCommetMock();

const HEADERS = { "x-api-key": "ck_sandbox_reset", "content-type": "application/json" };

function createCustomer(server: MockServer, email: string, key: string): Promise<Response> {
  return fetch(`${server.url}/customers`, { method: "POST", headers: { ...HEADERS, "idempotency-key": key }, body: JSON.stringify({ email }) });
}

async function customerEmails(server: MockServer): Promise<string[]> {
  const response = await fetch(`${server.url}/customers`, { headers: HEADERS });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: { email: string }[] }).data.map((customer) => customer.email);
}

describe.each([
  ["reset()", (server: MockServer) => Promise.resolve(server.reset())],
  ["POST <controlUrl>/reset", async (server: MockServer) => expect((await fetch(`${server.controlUrl}/reset`, { method: "POST" })).status).toBe(204)],
])("%s", (label, reset) => {
  it("forgets the tenants' state, the idempotency keys and the queued faults", async () => {
    const server = mock();
    // A key of this test's own: the other one's is still kept when this one starts.
    const key = `reset-key ${label}`;
    expect((await createCustomer(server, "ada@example.com", key)).status).toBe(200);
    // The key is kept: another body with it is a mismatch.
    expect((await createCustomer(server, "grace@example.com", key)).status).toBe(409);
    server.injectFault({ operationId: "listCustomers", status: 503 });

    await reset(server);

    expect(await customerEmails(server)).toEqual([]);
    expect((await createCustomer(server, "grace@example.com", key)).status).toBe(200);
    expect(await customerEmails(server)).toEqual(["grace@example.com"]);
  });
});
