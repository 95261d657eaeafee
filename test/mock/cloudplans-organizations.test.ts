// Cloud Plans organizations in the mock: the caller's organizations (role, owner, resources), creating
// one (the caller owns it; it starts on the free tier) and renaming one (org_id in the query or body).
import { beforeEach, describe, expect, it } from "vitest";
import { IDS, TOKENS, USERS, expectError, fieldsOf, useCloudPlansMock } from "../helpers/cloudplans.js";

const { mock, client, call } = useCloudPlansMock();
beforeEach(() => mock().reset());

async function organizationsOf(token: string) {
  const { data } = await client(token).GET("/v1/organizations/list", { params: { query: { action: "list" } } });
  return data!.data.organizations;
}

async function createOrganization(token: string, body?: Record<string, unknown>): Promise<string> {
  const { data, response } = await client(token).POST("/v1/organizations/create", { params: { query: { action: "create" } }, ...(body ? { body } : {}) });
  expect(response.status).toBe(200);
  return data!.response.id;
}

describe("list organizations", () => {
  it("lists the owner's organization as the spec's example shows it", async () => {
    expect(await organizationsOf(TOKENS.owner)).toEqual([{ org_id: IDS.acme, org_name: "Acme Scheduling", role: "owner", owner: USERS.owner, resources: 3 }]);
  });

  it.each([
    ["admin", TOKENS.admin],
    ["billing", TOKENS.billing],
    ["planner", TOKENS.planner],
    ["viewer", TOKENS.viewer],
  ])("gives the %s member its own role and the owner's e-mail", async (role, token) => {
    expect(await organizationsOf(token)).toEqual([{ org_id: IDS.acme, org_name: "Acme Scheduling", role, owner: USERS.owner, resources: 3 }]);
  });

  it("lists only the organizations the caller is in", async () => {
    expect(await organizationsOf(TOKENS.outsider)).toEqual([
      { org_id: IDS.globex, org_name: "Globex Labs", role: "owner", owner: USERS.outsider, resources: 3 },
    ]);
  });

  it("still lists an organization to an inactive member, who cannot use it", async () => {
    expect((await organizationsOf(TOKENS.inactive)).map((organization) => [organization.org_id, organization.role])).toEqual([[IDS.acme, "viewer"]]);
  });
});

describe("create organization", () => {
  it("creates an org-<8 hex> owned by the caller, named from body.name", async () => {
    const id = await createOrganization(TOKENS.viewer, { name: "Initech" });
    expect(id).toMatch(/^org-[0-9a-f]{8}$/);
    const listed = await organizationsOf(TOKENS.viewer);
    expect(listed).toContainEqual({ org_id: id, org_name: "Initech", role: "owner", owner: USERS.viewer, resources: 0 });
    const { data } = await client(TOKENS.viewer).GET("/v1/organizations/users/list", { params: { query: { action: "users", org_id: id } } });
    expect(data!.users).toEqual([{ email: USERS.viewer, role: "owner", state: "active" }]);
  });

  it.each([
    ["no body", undefined],
    ["an empty object", {}],
    ["a blank name", { name: "  " }],
  ])('names the organization "New organization" given %s', async (_, body) => {
    const id = await createOrganization(TOKENS.owner, body);
    expect((await organizationsOf(TOKENS.owner)).find((organization) => organization.org_id === id)?.org_name).toBe("New organization");
  });

  it("refuses a name that is not a string, naming the field", async () => {
    const { error, response } = await client(TOKENS.owner).POST("/v1/organizations/create", {
      params: { query: { action: "create" } },
      body: { name: 42 as unknown as string },
    });
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ status: 400, error: "invalid_request", details: [{ field: "name" }] });
  });

  it("gives each organization a new id and keeps it from other users", async () => {
    const first = await createOrganization(TOKENS.owner);
    const second = await createOrganization(TOKENS.owner);
    expect(first).not.toBe(second);
    expectError(await call(TOKENS.outsider, "listPlans", { query: { action: "list_plans", org_id: first } }), 404, "not_found");
  });

  it("starts the organization on the free tier: no subscription, no invoices, one plan at most", async () => {
    const id = await createOrganization(TOKENS.owner);
    const billing = await client().GET("/v1/organizations/billing/describe", { params: { query: { action: "getorganization", org_id: id } } });
    expect(billing.data!.response).toEqual({
      organization: { resources: 0, name: "New organization", id, owner: USERS.owner },
      subscription: { payment_exp: "", plan: "free", quantity: "3" },
    });
    const history = await client().GET("/v1/organizations/billing/history", { params: { query: { action: "list_billing", org_id: id } } });
    expect(history.data!.billing_history).toEqual([]);
    const plan = { org_id: id, name: "First", timezone: "UTC", schedule: { days: ["L"], duration: 2, start: 9 } };
    expect((await call(TOKENS.owner, "createPlan", { query: { action: "create_plan" }, body: plan })).status).toBe(200);
    expectError(await call(TOKENS.owner, "createPlan", { query: { action: "create_plan" }, body: { ...plan, name: "Second" } }), 409, "conflict");
  });
});

describe("update organization", () => {
  const rename = (token: string, query: Record<string, string>, body?: unknown) =>
    call(token, "updateOrganization", { query: { action: "update", ...query }, ...(body === undefined ? {} : { body }) });

  it("renames the organization named in the query", async () => {
    expect((await rename(TOKENS.owner, { org_id: IDS.acme }, { name: "Acme Scheduling EU" })).body).toEqual({ status: 200 });
    expect((await organizationsOf(TOKENS.owner))[0]?.org_name).toBe("Acme Scheduling EU");
  });

  it("takes org_id from the body when the query has none", async () => {
    expect((await rename(TOKENS.billing, {}, { org_id: IDS.acme, name: "Acme Billing" })).status).toBe(200);
    expect((await organizationsOf(TOKENS.owner))[0]?.org_name).toBe("Acme Billing");
  });

  it("prefers the query's org_id over the body's", async () => {
    expectError(await rename(TOKENS.owner, { org_id: IDS.globex }, { org_id: IDS.acme, name: "X" }), 404, "not_found");
    expect((await organizationsOf(TOKENS.owner))[0]?.org_name).toBe("Acme Scheduling");
  });

  it("changes nothing without a name", async () => {
    expect((await rename(TOKENS.owner, { org_id: IDS.acme }, {})).status).toBe(200);
    expect((await rename(TOKENS.owner, { org_id: IDS.acme })).status).toBe(200);
    expect((await organizationsOf(TOKENS.owner))[0]?.org_name).toBe("Acme Scheduling");
  });

  it("answers 400 naming org_id when neither the query nor the body names the organization", async () => {
    const error = expectError(await rename(TOKENS.owner, {}, { name: "Nowhere" }), 400, "invalid_request");
    expect(fieldsOf(error)).toEqual(["org_id"]);
  });

  it("answers 400 naming name for an empty or non-string name", async () => {
    for (const name of ["", 7]) {
      expect(fieldsOf(expectError(await rename(TOKENS.owner, { org_id: IDS.acme }, { name }), 400, "invalid_request"))).toEqual(["name"]);
    }
  });
});
