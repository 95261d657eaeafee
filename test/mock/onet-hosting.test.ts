// The OnetSolutions mock's web-hosting operations over HTTP, through the public client: orders for each
// domain source with their amounts, pagination, cancellation and its revocation, and hosting plans.
import { beforeEach, describe, expect, it } from "vitest";
import { IN_PERSONAL_PROJECT, IN_PROJECT, MISSING, SEED, raw, useOnetMock } from "../helpers/onet.js";

const { mock, client } = useOnetMock({ expectOrders: true });
beforeEach(() => mock().reset());

const P = {
  order: "/v1/organizations/{organization_id}/projects/{project_id}/hosting/order",
  list: "/v1/organizations/{organization_id}/projects/{project_id}/hosting",
  cancel: "/v1/organizations/{organization_id}/projects/{project_id}/hosting/{id}/cancel",
  revoke: "/v1/organizations/{organization_id}/projects/{project_id}/hosting/{id}/revoke-cancellation",
  plan: "/v1/hosting/plans/{id}",
  domain: "/v1/organizations/{organization_id}/projects/{project_id}/domains/{id}",
} as const;

type OrderBody = {
  plan_id: string;
  domain_source: "register" | "transfer" | "existing" | "external";
  domain_name?: string;
  domain_id?: string | null;
  epp_code?: string;
  billing_cycle?: string;
};

const order = (body: OrderBody, scope: { organization_id: string; project_id: string } = IN_PROJECT) =>
  client().POST(P.order, { params: { path: scope }, body });

async function ordered(body: OrderBody) {
  const { data, error, response } = await order(body);
  expect(response.status, JSON.stringify(error)).toBe(201);
  return data!;
}

const list = (query: { page?: number; page_size?: number } = {}, scope: { organization_id: string; project_id: string } = IN_PROJECT) =>
  client().GET(P.list, { params: { path: scope, query } });

function expectDetail(result: { error?: unknown; response: Response }, status: number, detail?: string | RegExp) {
  expect(result.response.status).toBe(status);
  expect(Object.keys(result.error as object)).toEqual(["detail"]);
  const text = (result.error as { detail: string }).detail;
  if (detail instanceof RegExp) expect(text).toMatch(detail);
  else if (detail !== undefined) expect(text).toBe(detail);
}

function expectFields(result: { error?: unknown; response: Response }, fields: Record<string, string[]>) {
  expect(result.response.status).toBe(400);
  expect(result.error).toEqual(fields);
}

describe("order a web hosting", () => {
  it("orders the spec's example: Web Pro monthly (9.99) with maison-verte.fr registered (7.99), credit first", async () => {
    const data = await ordered({ plan_id: SEED.planPro, domain_source: "register", domain_name: "maison-verte.fr", billing_cycle: "monthly" });
    expect(data).toEqual({
      order_id: 52417,
      order_number: "8316552417",
      invoice_id: 90417,
      local_order_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      total: 17.98,
      credit_applied: 10,
      amount_due: 7.98,
      status: "unpaid",
      invoice_payment_url: "https://billing.onetsolutions.net/viewinvoice.php?id=90417",
      hosting_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      hosting_status: "pending",
      domain_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      domain_name: "maison-verte.fr",
    });
    // The account and the domain exist now.
    const page = (await list()).data!;
    expect(page.count).toBe(4);
    expect(page.results.at(-1)).toMatchObject({ id: data.hosting_id, domain: "maison-verte.fr", plan: { id: SEED.planPro }, status: "pending" });
    const domain = await client().GET(P.domain, { params: { path: { ...IN_PROJECT, id: data.domain_id! } } });
    expect(domain.data).toMatchObject({ name: "maison-verte.fr", sld: "maison-verte", tld: "fr", status: "pending", tld_info: { tld: "fr" } });
    // The credit is spent; the name is taken.
    const second = await ordered({ plan_id: SEED.planStarter, domain_source: "external", domain_name: "example.org" });
    expect([second.total, second.credit_applied, second.amount_due]).toEqual([4.99, 0, 4.99]);
    expectFields(await order({ plan_id: SEED.planPro, domain_source: "register", domain_name: "maison-verte.fr" }), {
      domain_name: ["This domain is already managed by OnetSolutions."],
    });
  });

  it.each([
    [
      "transfer of a .com (11.99), annually (99.90)",
      { domain_source: "transfer", domain_name: "maison-verte.com", epp_code: "Xk7#p2Qr9!", billing_cycle: "annually" },
      111.89,
      "pending_transfer",
    ],
    ["existing domain, monthly by default", { domain_source: "existing", domain_id: SEED.domainCom }, 9.99, "active"],
    ["external domain: no domain charge, no domain id", { domain_source: "external", domain_name: "Maison-Verte.ORG" }, 9.99, null],
  ] as const)("prices a %s", async (_, fields, total, domainStatus) => {
    const data = await ordered({ plan_id: SEED.planPro, ...fields });
    expect(data.total).toBe(total);
    // Credit first, up to the 10.00 the organization has.
    const credit = Math.min(Math.round(total * 100), 1000);
    expect(Math.round(data.credit_applied * 100)).toBe(credit);
    expect(Math.round(data.amount_due * 100)).toBe(Math.round(total * 100) - credit);
    expect(data.status).toBe(Math.round(total * 100) > credit ? "unpaid" : "paid");
    if (domainStatus === null) {
      expect(data).toMatchObject({ domain_id: null, domain_name: "maison-verte.org" });
    } else {
      const domain = await client().GET(P.domain, { params: { path: { ...IN_PROJECT, id: data.domain_id! } } });
      expect(domain.data?.status).toBe(domainStatus);
    }
  });

  it("asks for the fields its domain source needs (400 field map)", async () => {
    expectFields(await order({ plan_id: SEED.planPro, domain_source: "register" }), {
      domain_name: ['This field is required when domain_source is "register".'],
    });
    expectFields(await order({ plan_id: SEED.planPro, domain_source: "transfer", domain_name: "a.fr" }), {
      epp_code: ['This field is required when domain_source is "transfer".'],
    });
    expectFields(await order({ plan_id: SEED.planPro, domain_source: "existing", domain_id: null }), {
      domain_id: ['This field is required when domain_source is "existing".'],
    });
    expectFields(await order({ plan_id: SEED.planPro, domain_source: "external", domain_name: "" }), {
      domain_name: ['This field is required when domain_source is "external".'],
    });
  });

  it("refuses what it cannot sell (400 field maps)", async () => {
    expectFields(await order({ plan_id: MISSING, domain_source: "external", domain_name: "a.fr" }), {
      plan_id: [`Invalid pk "${MISSING}" - object does not exist.`],
    });
    expectFields(await order({ plan_id: SEED.planPro, domain_source: "register", domain_name: "maison-verte.io" }), {
      domain_name: [".io domains cannot be registered here."],
    });
    expectFields(await order({ plan_id: SEED.planPro, domain_source: "register", domain_name: "not a domain" }), {
      domain_name: ["Enter a valid domain name."],
    });
    expectFields(await order({ plan_id: SEED.planPro, domain_source: "external", domain_name: "a.fr", billing_cycle: "free" }), {
      billing_cycle: ['"free" is not a billing cycle of the web-pro plan.'],
    });
    expectFields(await order({ plan_id: SEED.planPro, domain_source: "existing", domain_id: MISSING }), {
      domain_id: [`Invalid pk "${MISSING}" - object does not exist.`],
    });
    // atelier-lumiere.fr already has the seeded account.
    expectFields(await order({ plan_id: SEED.planPro, domain_source: "existing", domain_id: SEED.domainFr }), {
      domain_id: ["This domain already has a web hosting account."],
    });
    expectFields(await order({ plan_id: SEED.planPro, domain_source: "external", domain_name: "blog.atelier-lumiere.fr" }), {
      domain_name: ["This domain already has a web hosting account."],
    });
    expect((await list()).data?.count).toBe(3);
  });

  it("answers invalid bodies with DRF field maps", async () => {
    const post = (body: unknown) => client().POST(P.order, { params: { path: IN_PROJECT }, body: body as never });
    expectFields(await post({}), { plan_id: ["This field is required."], domain_source: ["This field is required."] });
    expectFields(await post({ plan_id: SEED.planPro, domain_source: "gift", domain_name: "x".repeat(254) }), {
      domain_source: ['"gift" is not a valid choice.'],
      domain_name: ["Ensure this field has no more than 253 characters."],
    });
  });

  it("refuses an order nobody can pay for (400) and creates nothing", async () => {
    const refused = await order({ plan_id: SEED.planStarter, domain_source: "register", domain_name: "camille.fr" }, IN_PERSONAL_PROJECT);
    expectDetail(refused, 400, /no payment method/);
    expect((await list({}, IN_PERSONAL_PROJECT)).data).toEqual({ count: 0, next: null, previous: null, results: [] });
    // The name was not taken by the refused order.
    expect((await ordered({ plan_id: SEED.planStarter, domain_source: "register", domain_name: "camille.fr" })).domain_name).toBe("camille.fr");
  });

  it("answers 404 for an unknown or foreign organization or project", async () => {
    const body: OrderBody = { plan_id: SEED.planPro, domain_source: "external", domain_name: "a.fr" };
    expectDetail(await order(body, { organization_id: MISSING, project_id: SEED.project }), 404, "Not found.");
    expectDetail(await order(body, { organization_id: SEED.organization, project_id: SEED.personalProject }), 404, "Not found.");
    expectDetail(await order(body, { organization_id: SEED.foreignOrganization, project_id: SEED.foreignProject }), 404, "Not found.");
  });
});

describe("list web hosting accounts", () => {
  it("pages with page and page_size, oldest first, with next and previous links", async () => {
    const first = (await list({ page_size: 2 })).data!;
    expect(first.count).toBe(3);
    expect(first.results.map((hosting) => hosting.id)).toEqual([SEED.hosting, SEED.hostingBlog]);
    expect(first.previous).toBeNull();
    const next = new URL(first.next!);
    expect(`${next.origin}${next.pathname}`).toBe(`${mock().url}/v1/organizations/${SEED.organization}/projects/${SEED.project}/hosting`);
    expect(Object.fromEntries(next.searchParams)).toEqual({ page: "2", page_size: "2" });
    const second = (await list({ page: 2, page_size: 2 })).data!;
    expect(second.results.map((hosting) => hosting.id)).toEqual([SEED.hostingExternal]);
    expect(second.next).toBeNull();
    // Like DRF, the link back to page 1 drops the page parameter.
    expect(Object.fromEntries(new URL(second.previous!).searchParams)).toEqual({ page_size: "2" });
  });

  it("shows the documented fields of each account", async () => {
    const [hosting] = (await list()).data!.results;
    expect(hosting).toMatchObject({
      id: SEED.hosting,
      organization_id: SEED.organization,
      project_id: SEED.project,
      project_name: "Production",
      domain: "atelier-lumiere.fr",
      plan: { id: SEED.planPro, slug: "web-pro", group: { id: "413c78cf-7e23-4d5d-b6ce-5e47b52b4e40" } },
      server: { id: "16ee671c-774c-4ec0-b518-44fbb0a2aa1f", name: "web-par1-03" },
      website_preview: { url: "https://atelier-lumiere.fr/", http_status: 200, ssl_status: "valid" },
    });
  });

  it("defaults to 20 per page and caps page_size at 100", async () => {
    for (let n = 0; n < 20; n += 1) await ordered({ plan_id: SEED.planStarter, domain_source: "external", domain_name: `site-${n}.example.org` });
    const defaults = (await list()).data!;
    expect([defaults.count, defaults.results.length]).toEqual([23, 20]);
    expect(Object.fromEntries(new URL(defaults.next!).searchParams)).toEqual({ page: "2" });
    expect((await list({ page_size: 1000 })).data!.results).toHaveLength(23);
  });

  it("answers a page past the end, or not a page, with 404 Invalid page.; a bad page_size with 400", async () => {
    expectDetail(await list({ page: 2 }), 404, "Invalid page.");
    expectDetail(await list({ page: 0 }), 404, "Invalid page.");
    const words = await raw(mock().url, "GET", `/v1/organizations/${SEED.organization}/projects/${SEED.project}/hosting?page=last`);
    expect(words).toMatchObject({ status: 404, body: { detail: "Invalid page." } });
    expectFields(await list({ page_size: 0 }), { page_size: ["Ensure this value is greater than or equal to 1."] });
    // An empty list still has a page 1.
    expect((await list({ page: 1 }, IN_PERSONAL_PROJECT)).data?.count).toBe(0);
    expectDetail(await list({ page: 2 }, IN_PERSONAL_PROJECT), 404, "Invalid page.");
    expectDetail(await list({}, { organization_id: SEED.foreignOrganization, project_id: SEED.foreignProject }), 404, "Not found.");
  });
});

describe("cancel and revoke the cancellation of a web hosting account", () => {
  const cancel = (id: string = SEED.hosting) => client().POST(P.cancel, { params: { path: { ...IN_PROJECT, id } } });
  const revoke = (id: string = SEED.hosting) => client().POST(P.revoke, { params: { path: { ...IN_PROJECT, id } } });

  it("requests a cancellation once, revokes it once, and can do it again", async () => {
    const cancelled = await cancel();
    expect(cancelled.response.status).toBe(200);
    expect(cancelled.data).toMatchObject({ id: SEED.hosting, status: "active", cancellation_requested_at: expect.any(String) });
    expectDetail(await cancel(), 400, "A cancellation request is already pending for this web hosting account.");
    expect((await list()).data!.results[0]).toMatchObject({ cancellation_requested_at: expect.any(String) });
    const revoked = await revoke();
    expect(revoked.data).toMatchObject({ id: SEED.hosting, cancellation_requested_at: null });
    expectDetail(await revoke(), 400, "This web hosting account has no pending cancellation request.");
    expect((await cancel()).response.status).toBe(200);
  });

  it("answers 404 for unknown accounts and accounts of another project", async () => {
    expectDetail(await cancel(MISSING), 404, "Not found.");
    expectDetail(await revoke(MISSING), 404, "Not found.");
    expectDetail(await client().POST(P.cancel, { params: { path: { ...IN_PERSONAL_PROJECT, id: SEED.hosting } } }), 404, "Not found.");
  });
});

describe("hosting plans", () => {
  it("returns a plan with all its prices, the same shape as inside a web hosting account", async () => {
    const { data, response } = await client().GET(P.plan, { params: { path: { id: SEED.planPro } } });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ id: SEED.planPro, slug: "web-pro", hosting_type: "hostingaccount", group: { id: "413c78cf-7e23-4d5d-b6ce-5e47b52b4e40" } });
    expect(data!.pricing).toEqual([
      { billing_cycle: "monthly", price: "9.99", discount_percent: "0.00", is_default: true },
      { billing_cycle: "annually", price: "99.90", discount_percent: "16.67", is_default: false },
    ]);
    expect((await list()).data!.results[0]!.plan).toEqual(data);
  });

  it("answers 404 for an unknown plan or a non-UUID id", async () => {
    expectDetail(await client().GET(P.plan, { params: { path: { id: MISSING } } }), 404, "Not found.");
    expectDetail(await client().GET(P.plan, { params: { path: { id: "web-pro" } } }), 404, "Not found.");
  });
});
