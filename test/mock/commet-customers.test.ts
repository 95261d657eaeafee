// The Commet mock's customers over HTTP: creation (idempotent on the caller's own ID, unique external
// IDs), reads by Commet ID, own ID or external ID, the paged list, updates, and the mock's
// payment-method convention on metadata.
import { beforeEach, describe, expect, it } from "vitest";
import { Clock, createCustomer, dataOf, expectError, JULY_1, useCommetMock, walkCursorPages } from "../helpers/commet.js";

const clock = new Clock();
const { mock, client } = useCommetMock({ clock });
beforeEach(() => {
  mock().reset();
  clock.set(JULY_1);
});

describe("create customer", () => {
  it("starts with none, and creates one with the documented defaults (UTC, empty metadata) and nulls", async () => {
    expect(dataOf(await client().GET("/customers"))).toEqual([]);
    const customer = dataOf(await client().POST("/customers", { body: { email: "ada@example.com" } }));
    expect(customer).toEqual({
      id: customer.id,
      externalId: null,
      fullName: null,
      email: "ada@example.com",
      taxDocument: null,
      documentType: null,
      timezone: "UTC",
      metadata: {},
      createdAt: "2026-07-01T00:00:00.000Z",
      updatedAt: "2026-07-01T00:00:00.000Z",
      object: "customer",
      livemode: false,
    });
    expect(customer.id).toMatch(/^cus_[A-Za-z0-9]{16}$/);
  });

  it("keeps what it is given", async () => {
    const customer = await createCustomer(client(), {
      email: "margaret@example.com",
      externalId: "user_654",
      fullName: "Margaret Hamilton",
      taxDocument: "20-1234567",
      timezone: "America/New_York",
      metadata: { company: "Apollo Software", seats: 12 },
      address: { line1: "1 Main St", city: "Boston", postalCode: "02110", country: "US" },
    });
    expect(customer).toMatchObject({
      externalId: "user_654",
      fullName: "Margaret Hamilton",
      taxDocument: "20-1234567",
      timezone: "America/New_York",
      metadata: { company: "Apollo Software", seats: 12 },
    });
  });

  it("returns the existing customer, unchanged, when the caller's own id already exists", async () => {
    const first = await createCustomer(client(), { id: "user_42", email: "first@example.com" });
    clock.set(new Date("2026-07-02T00:00:00Z"));
    const again = await createCustomer(client(), { id: "user_42", email: "second@example.com", fullName: "Someone else" });
    expect(again).toEqual(first);
    expect(dataOf(await client().GET("/customers"))).toHaveLength(1);
  });

  it("refuses an external ID another customer has: 409 duplicate", async () => {
    await createCustomer(client(), { externalId: "user_123" });
    const result = await client().POST("/customers", { body: { email: "twin@example.com", externalId: "user_123" } });
    expect(expectError(result, 409, "duplicate", "conflict_error").param).toBe("externalId");
    expect(dataOf(await client().GET("/customers"))).toHaveLength(1);
  });

  it.each([
    ["no email", {}, "email"],
    ["an email that is not one", { email: "ada" }, "email"],
    ["an unknown timezone", { email: "ada@example.com", timezone: "Mars/Olympus" }, "timezone"],
    ["an external ID over 100 characters", { email: "ada@example.com", externalId: "x".repeat(101) }, "externalId"],
  ])("refuses %s with 400 validation_error", async (_, body, field) => {
    const result = await client().POST("/customers", { body: body as never });
    expect(expectError(result, 400, "validation_error", "validation_error").param).toBe(field);
  });
});

describe("get customer", () => {
  it("finds a customer by Commet ID, own ID or external ID, and answers 404 customer_not_found otherwise", async () => {
    const customer = await createCustomer(client(), { id: "user_42", externalId: "ext_42" });
    for (const id of [customer.id, "user_42", "ext_42"]) expect(dataOf(await client().GET("/customers/{id}", { params: { path: { id } } }))).toEqual(customer);
    const missing = expectError(await client().GET("/customers/{id}", { params: { path: { id: "user_43" } } }), 404, "customer_not_found", "not_found_error");
    expect(missing.param).toBe("id");
  });

  it("keeps sandbox and live customers apart", async () => {
    const customer = await createCustomer(client());
    expectError(await client("ck_live_tests").GET("/customers/{id}", { params: { path: { id: customer.id } } }), 404, "customer_not_found", "not_found_error");
    expect(dataOf(await client("ck_live_tests").POST("/customers", { body: { email: "live@example.com" } })).livemode).toBe(true);
  });
});

describe("list customers", () => {
  it("pages newest first with limit, hasMore and nextCursor", async () => {
    const ids: string[] = [];
    for (let n = 0; n < 5; n += 1) ids.push((await createCustomer(client())).id);
    const { ids: seen, pages } = await walkCursorPages(client(), "/customers", 2);
    expect(pages).toBe(3);
    expect(seen).toEqual([...ids].reverse());
  });

  it("gives 25 customers a page by default", async () => {
    for (let n = 0; n < 26; n += 1) await createCustomer(client());
    const { data } = await client().GET("/customers");
    expect(data?.data).toHaveLength(25);
    expect(data?.hasMore).toBe(true);
  });

  it("filters by exact external ID", async () => {
    await createCustomer(client(), { externalId: "user_1" });
    const wanted = await createCustomer(client(), { externalId: "user_12" });
    expect(dataOf(await client().GET("/customers", { params: { query: { externalId: "user_12" } } }))).toEqual([wanted]);
    expect(dataOf(await client().GET("/customers", { params: { query: { externalId: "user_" } } }))).toEqual([]);
  });

  it("refuses limits outside 1..100 and cursors it did not hand out", async () => {
    for (const limit of [0, 101]) {
      expect(expectError(await client().GET("/customers", { params: { query: { limit } } }), 400, "validation_error", "validation_error").param).toBe("limit");
    }
    expect(expectError(await client().GET("/customers", { params: { query: { cursor: "bm9wZQ" } } }), 400, "validation_error", "validation_error").param).toBe(
      "cursor",
    );
  });
});

describe("update customer", () => {
  it("changes the fields sent, keeps the others, replaces metadata and refreshes updatedAt", async () => {
    const customer = await createCustomer(client(), {
      email: "ada@example.com",
      fullName: "Ada",
      externalId: "user_123",
      metadata: { company: "Engines", plan: "x" },
    });
    clock.set(new Date("2026-07-03T00:00:00Z"));
    const path = { params: { path: { id: "user_123" } } };
    const updated = dataOf(
      await client().PUT("/customers/{id}", {
        ...path,
        body: { fullName: "Ada King", timezone: "Europe/London", metadata: { company: "Analytical Engines" }, id: "ignored" } as never,
      }),
    );
    expect(updated).toEqual({
      ...customer,
      fullName: "Ada King",
      timezone: "Europe/London",
      metadata: { company: "Analytical Engines" },
      updatedAt: "2026-07-03T00:00:00.000Z",
    });
    expect(dataOf(await client().PUT("/customers/{id}", { ...path, body: {} }))).toMatchObject({ fullName: "Ada King", email: "ada@example.com" });
  });

  it("moves the external ID: the old one no longer finds the customer", async () => {
    const customer = await createCustomer(client(), { externalId: "old_id" });
    dataOf(await client().PUT("/customers/{id}", { params: { path: { id: customer.id } }, body: { externalId: "new_id" } }));
    expect(dataOf(await client().GET("/customers/{id}", { params: { path: { id: "new_id" } } })).id).toBe(customer.id);
    expectError(await client().GET("/customers/{id}", { params: { path: { id: "old_id" } } }), 404, "customer_not_found", "not_found_error");
  });

  it("refuses another customer's external ID (409), a bad email (400) and an unknown customer (404)", async () => {
    const customer = await createCustomer(client(), { externalId: "mine" });
    await createCustomer(client(), { externalId: "theirs" });
    const path = { params: { path: { id: customer.id } } };
    expect(expectError(await client().PUT("/customers/{id}", { ...path, body: { externalId: "theirs" } }), 409, "duplicate", "conflict_error").param).toBe(
      "externalId",
    );
    expect(dataOf(await client().PUT("/customers/{id}", { ...path, body: { externalId: "mine" } })).externalId).toBe("mine");
    expect(expectError(await client().PUT("/customers/{id}", { ...path, body: { email: "nope" } }), 400, "validation_error", "validation_error").param).toBe(
      "email",
    );
    expectError(await client().PUT("/customers/{id}", { params: { path: { id: "cus_missing" } }, body: {} }), 404, "customer_not_found", "not_found_error");
  });
});

describe("the payment-method convention (metadata.mock_payment_method)", () => {
  it.each(["card", "card_declined", "none"])("accepts %j", async (method) => {
    const customer = await createCustomer(client(), { metadata: { mock_payment_method: method } });
    expect(customer.metadata).toEqual({ mock_payment_method: method });
  });

  it("refuses a misspelt value on create and on update, naming the key", async () => {
    const created = await client().POST("/customers", { body: { email: "ada@example.com", metadata: { mock_payment_method: "declined" } } });
    expect(expectError(created, 400, "validation_error", "validation_error").param).toBe("metadata.mock_payment_method");
    const customer = await createCustomer(client());
    const updated = await client().PUT("/customers/{id}", { params: { path: { id: customer.id } }, body: { metadata: { mock_payment_method: true } } });
    expect(expectError(updated, 400, "validation_error", "validation_error").param).toBe("metadata.mock_payment_method");
    expect(dataOf(await client().GET("/customers/{id}", { params: { path: { id: customer.id } } })).metadata).toEqual({});
  });
});
