// Cloud Plans billing in the mock: the subscription and invoices, the checkout flow (a payment link
// changes nothing until the control route pays it), updates and cancellation with their 409 rules, and
// the bodies and query values that belong to each action of billing/update.
import { beforeEach, describe, expect, it } from "vitest";
import { IDS, TOKENS, USERS, expectError, fieldsOf, useCloudPlansMock } from "../helpers/cloudplans.js";

const { mock, client, call, pay } = useCloudPlansMock();
beforeEach(() => mock().reset());

const FREE = { payment_exp: "", plan: "free", quantity: "3" };

async function subscriptionOf(orgId: string, token: string = TOKENS.owner) {
  const { data } = await client(token).GET("/v1/organizations/billing/describe", { params: { query: { action: "getorganization", org_id: orgId } } });
  return data!.response.subscription;
}

async function invoicesOf(orgId: string, token: string = TOKENS.owner) {
  const { data } = await client(token).GET("/v1/organizations/billing/history", { params: { query: { action: "list_billing", org_id: orgId } } });
  return data!.billing_history;
}

const update = (token: string, action: string, body?: unknown, query: Record<string, string | number> = {}) =>
  call(token, "billingUpdate", { query: { action, ...query }, ...(body === undefined ? {} : { body }) });

async function paymentLink(orgId: string, quantity: number, token: string = TOKENS.owner): Promise<string> {
  const reply = await update(token, "getpaymentlink", undefined, { org_id: orgId, quantity });
  expect(reply.status).toBe(200);
  return (reply.body as { response: string }).response;
}

describe("describe billing and billing history", () => {
  it("describes org-acme as the spec's example does", async () => {
    const { data } = await client(TOKENS.viewer).GET("/v1/organizations/billing/describe", {
      params: { query: { action: "getorganization", org_id: IDS.acme } },
    });
    expect(data).toEqual({
      status: 200,
      response: {
        organization: { resources: 3, name: "Acme Scheduling", id: IDS.acme, owner: USERS.owner },
        subscription: { payment_exp: "12/2027", plan: "monthly", quantity: "10" },
      },
    });
  });

  it("shows an organization without a subscription as the free tier", async () => {
    expect(await subscriptionOf(IDS.globex, TOKENS.outsider)).toEqual(FREE);
  });

  it("lists the invoices oldest first, as the spec's example does", async () => {
    expect(await invoicesOf(IDS.acme, TOKENS.billing)).toEqual([
      { status: "paid", id: IDS.invoicePaid, organization: IDS.acme, date: "2025-04-01", due_date: "2025-04-15", amount: "59.90" },
      { status: "unpaid", id: IDS.invoiceUnpaid, organization: IDS.acme, date: "2025-05-01", due_date: "2025-05-15", amount: "59.90" },
    ]);
    expect(await invoicesOf(IDS.globex, TOKENS.outsider)).toEqual([]);
  });
});

describe("create subscription: the checkout flow", () => {
  it("hands out a checkout link and changes nothing until it is paid", async () => {
    const link = await paymentLink(IDS.globex, 5, TOKENS.outsider);
    expect(link).toMatch(new RegExp(`^${mock().controlUrl}/cloudplans/checkout/cs_test_[0-9a-f]{8}$`));
    expect(await subscriptionOf(IDS.globex, TOKENS.outsider)).toEqual(FREE);
    expect(await invoicesOf(IDS.globex, TOKENS.outsider)).toEqual([]);
  });

  it("starts the subscription and adds a paid invoice when the link is opened", async () => {
    const link = await paymentLink(IDS.globex, 5, TOKENS.outsider);
    const paid = await pay(link);
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({
      status: 200,
      response: { org_id: IDS.globex, subscription: { payment_exp: "12/2030", plan: "monthly", quantity: "5" } },
    });
    expect(await subscriptionOf(IDS.globex, TOKENS.outsider)).toEqual({ payment_exp: "12/2030", plan: "monthly", quantity: "5" });
    const invoices = await invoicesOf(IDS.globex, TOKENS.outsider);
    expect(invoices).toEqual([
      {
        status: "paid",
        id: expect.stringMatching(/^inv-[0-9a-f]{8}$/) as unknown as string,
        organization: IDS.globex,
        date: "2025-06-01",
        due_date: "2025-06-15",
        amount: "29.95",
      },
    ]);
    expect((paid.body as { response: { invoice: string } }).response.invoice).toBe(invoices[0]!.id);
  });

  it("pays on POST too, once only", async () => {
    const link = await paymentLink(IDS.globex, 4, TOKENS.outsider);
    expect((await pay(link, "POST")).status).toBe(200);
    expectError(await pay(link), 409, "conflict");
    expect(await invoicesOf(IDS.globex, TOKENS.outsider)).toHaveLength(1);
  });

  it("lifts the free-tier limits once paid", async () => {
    const credential = { org_id: IDS.globex, type: "gcp", name: "more", specific: { project: "globex-more" } };
    expectError(await call(TOKENS.outsider, "createCredential", { query: { action: "add_credential" }, body: credential }), 409, "conflict");
    await pay(await paymentLink(IDS.globex, 5, TOKENS.outsider));
    expect((await call(TOKENS.outsider, "createCredential", { query: { action: "add_credential" }, body: credential })).status).toBe(200);
  });

  it("replaces an existing subscription with the one paid for", async () => {
    await pay(await paymentLink(IDS.acme, 25, TOKENS.billing));
    expect(await subscriptionOf(IDS.acme)).toEqual({ payment_exp: "12/2030", plan: "monthly", quantity: "25" });
    expect((await invoicesOf(IDS.acme)).map((invoice) => invoice.amount)).toEqual(["59.90", "59.90", "149.75"]);
  });

  it("then updates and cancels the new subscription", async () => {
    await pay(await paymentLink(IDS.globex, 5, TOKENS.outsider));
    expect((await update(TOKENS.outsider, "updatesubscription", { org_id: IDS.globex, quantity: 8 })).body).toEqual({ status: 200 });
    expect((await subscriptionOf(IDS.globex, TOKENS.outsider)).quantity).toBe("8");
    expect((await update(TOKENS.outsider, "getupdatecardlink", { org_id: IDS.globex })).body).toEqual({
      status: 200,
      response: `https://billing.stripe.com/p/session/test_${IDS.globex}`,
    });
    expect((await update(TOKENS.outsider, "cancelsubscription", { org_id: IDS.globex })).body).toEqual({ status: 200 });
    expect(await subscriptionOf(IDS.globex, TOKENS.outsider)).toEqual(FREE);
  });

  it("answers an unknown session with 404, in the envelope", async () => {
    const reply = await pay(`${mock().controlUrl}/cloudplans/checkout/cs_test_missing`);
    expect(reply.body).toEqual({ status: 404, error: "not_found", message: "No checkout session cs_test_missing." });
  });

  it("forgets unpaid sessions on reset", async () => {
    const link = await paymentLink(IDS.globex, 5, TOKENS.outsider);
    mock().reset();
    expectError(await pay(link), 404, "not_found");
    expect(await subscriptionOf(IDS.globex, TOKENS.outsider)).toEqual(FREE);
  });

  it("refuses other methods on the link with 405", async () => {
    const link = await paymentLink(IDS.globex, 5, TOKENS.outsider);
    expect((await pay(link, "DELETE")).status).toBe(405);
    expect(await subscriptionOf(IDS.globex, TOKENS.outsider)).toEqual(FREE);
  });

  it("reads org_id and quantity from the query and ignores a body", async () => {
    const link = await paymentLink(IDS.globex, 2, TOKENS.outsider);
    const withBody = await update(TOKENS.outsider, "getpaymentlink", { org_id: IDS.acme }, { org_id: IDS.globex, quantity: 6 });
    expect(withBody.status).toBe(200);
    await pay((withBody.body as { response: string }).response);
    expect((await subscriptionOf(IDS.globex, TOKENS.outsider)).quantity).toBe("6");
    expect(link).not.toBe((withBody.body as { response: string }).response);
  });

  it.each([
    ["quantity", { org_id: IDS.acme }],
    ["org_id", { quantity: 5 }],
  ])("answers 400 naming %s when getpaymentlink's query lacks it", async (field, query) => {
    expect(fieldsOf(expectError(await update(TOKENS.owner, "getpaymentlink", undefined, query), 400, "invalid_request"))).toEqual([field]);
  });

  it("answers 400 for a quantity below 1", async () => {
    const error = expectError(await update(TOKENS.owner, "getpaymentlink", undefined, { org_id: IDS.acme, quantity: 0 }), 400, "invalid_request");
    expect(fieldsOf(error)).toContain("quantity");
    expect(error.message).toMatch(/^quantity \(query\)/);
  });
});

describe("update subscription", () => {
  it("sets the quantity, down to the resources in use", async () => {
    expect((await update(TOKENS.admin, "updatesubscription", { org_id: IDS.acme, quantity: 3 })).body).toEqual({ status: 200 });
    expect((await subscriptionOf(IDS.acme)).quantity).toBe("3");
  });

  it("declines a downgrade below the resources in use with 409", async () => {
    const error = expectError(await update(TOKENS.owner, "updatesubscription", { org_id: IDS.acme, quantity: 2 }), 409, "conflict");
    expect(error.message).toContain("Declined");
    expect((await subscriptionOf(IDS.acme)).quantity).toBe("10");
  });

  it("answers 409 without an active subscription", async () => {
    expectError(await update(TOKENS.outsider, "updatesubscription", { org_id: IDS.globex, quantity: 5 }), 409, "conflict");
    expect(await subscriptionOf(IDS.globex, TOKENS.outsider)).toEqual(FREE);
  });

  it("answers 400 naming quantity when the body has none", async () => {
    const error = expectError(await update(TOKENS.owner, "updatesubscription", { org_id: IDS.acme }), 400, "invalid_request");
    expect(fieldsOf(error)).toEqual(["quantity"]);
  });

  it("ignores the query's org_id and quantity, which belong to getpaymentlink", async () => {
    expect((await update(TOKENS.owner, "updatesubscription", { org_id: IDS.acme, quantity: 12 }, { org_id: IDS.globex, quantity: 1 })).status).toBe(200);
    expect((await subscriptionOf(IDS.acme)).quantity).toBe("12");
  });
});

describe("change payment method", () => {
  it("returns a Stripe link for a subscribed organization and changes nothing", async () => {
    const reply = await update(TOKENS.billing, "getupdatecardlink", { org_id: IDS.acme }, { org_id: IDS.acme, quantity: 10 });
    expect(reply.body).toEqual({ status: 200, response: `https://billing.stripe.com/p/session/test_${IDS.acme}` });
    expect((await subscriptionOf(IDS.acme)).quantity).toBe("10");
  });

  it("answers 409 without an active subscription", async () => {
    expectError(await update(TOKENS.outsider, "getupdatecardlink", { org_id: IDS.globex }), 409, "conflict");
  });

  it("answers 400 when the body carries a quantity", async () => {
    const error = expectError(await update(TOKENS.owner, "getupdatecardlink", { org_id: IDS.acme, quantity: 3 }), 400, "invalid_request");
    expect(error.message).toBe("quantity is not part of getupdatecardlink");
    expect(fieldsOf(error)).toEqual(["quantity"]);
  });

  it("answers 400 naming org_id without a body", async () => {
    expect(fieldsOf(expectError(await update(TOKENS.owner, "getupdatecardlink"), 400, "invalid_request"))).toEqual(["org_id"]);
  });
});

describe("cancel subscription", () => {
  it("puts the organization back on the free tier and keeps its resources", async () => {
    expect((await update(TOKENS.billing, "cancelsubscription", { org_id: IDS.acme })).body).toEqual({ status: 200 });
    const { data } = await client().GET("/v1/organizations/billing/describe", { params: { query: { action: "getorganization", org_id: IDS.acme } } });
    expect(data!.response).toEqual({ organization: { resources: 3, name: "Acme Scheduling", id: IDS.acme, owner: USERS.owner }, subscription: FREE });
    expectError(await update(TOKENS.owner, "cancelsubscription", { org_id: IDS.acme }), 409, "conflict");
    expectError(await update(TOKENS.owner, "updatesubscription", { org_id: IDS.acme, quantity: 10 }), 409, "conflict");
  });

  it("answers 400 when the body carries a quantity, and cancels nothing", async () => {
    const error = expectError(await update(TOKENS.owner, "cancelsubscription", { org_id: IDS.acme, quantity: 10 }), 400, "invalid_request");
    expect(error.message).toBe("quantity is not part of cancelsubscription");
    expect((await subscriptionOf(IDS.acme)).plan).toBe("monthly");
  });
});

describe("billing/update bodies the schema refuses", () => {
  it.each([
    ["an unknown key", { org_id: IDS.acme, coupon: "FREE" }],
    ["a quantity of 0", { org_id: IDS.acme, quantity: 0 }],
    ["a string quantity", { org_id: IDS.acme, quantity: "10" }],
  ])("answers %s with 400 and details", async (_, body) => {
    const error = expectError(await update(TOKENS.owner, "updatesubscription", body), 400, "invalid_request");
    expect(error.details!.length).toBeGreaterThan(0);
  });

  it("answers an unknown action with 400 naming action", async () => {
    expect(fieldsOf(expectError(await update(TOKENS.owner, "refund", { org_id: IDS.acme }), 400, "invalid_request"))).toContain("action");
  });
});
