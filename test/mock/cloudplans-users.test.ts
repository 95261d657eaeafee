// Cloud Plans organization users in the mock: the list and MFA flags, adding (inactive by default, any
// role but owner, once), editing (not the owner) and removing (not the owner), and what each change
// does to that user's own token.
import { beforeEach, describe, expect, it } from "vitest";
import { IDS, TOKENS, USERS, expectError, fieldsOf, useCloudPlansMock } from "../helpers/cloudplans.js";

const { mock, client, call } = useCloudPlansMock();
beforeEach(() => mock().reset());

const NORA = "nora.new@example.com";

async function usersOf(orgId: string = IDS.acme) {
  const { data } = await client().GET("/v1/organizations/users/list", { params: { query: { action: "users", org_id: orgId } } });
  return data!;
}

const add = (body: Record<string, unknown>, token: string = TOKENS.owner) =>
  call(token, "addOrganizationUser", { query: { action: "add_user" }, body: { org_id: IDS.acme, ...body } });
const edit = (body: Record<string, unknown>, token: string = TOKENS.owner) =>
  call(token, "updateOrganizationUser", { query: { action: "update_user" }, body: { org_id: IDS.acme, ...body } });
const remove = (body: Record<string, unknown>, token: string = TOKENS.owner) =>
  call(token, "removeOrganizationUser", { query: { action: "remove_user" }, body: { org_id: IDS.acme, ...body } });
const listPlansAs = (token: string) => call(token, "listPlans", { query: { action: "list_plans", org_id: IDS.acme } });

describe("list users", () => {
  it("lists every member with role and state, owner first, and the MFA flags of the spec's example", async () => {
    expect(await usersOf()).toEqual({
      status: 200,
      users: [
        { email: USERS.owner, role: "owner", state: "active" },
        { email: USERS.admin, role: "admin", state: "active" },
        { email: USERS.billing, role: "billing", state: "active" },
        { email: USERS.planner, role: "planner", state: "active" },
        { email: USERS.viewer, role: "viewer", state: "active" },
        { email: USERS.inactive, role: "viewer", state: "inactive" },
      ],
      mfa: { view: false, create: true, update: true, delete: true, usersmgmt: true },
    });
  });
});

describe("add user", () => {
  it("adds a user inactive by default, the console's default", async () => {
    expect((await add({ user_id: NORA, role: "planner" })).body).toEqual({ status: 200 });
    expect((await usersOf()).users.at(-1)).toEqual({ email: NORA, role: "planner", state: "inactive" });
  });

  it("adds a user in the state given", async () => {
    expect((await add({ user_id: NORA, role: "billing", state: "active" }, TOKENS.admin)).status).toBe(200);
    expect((await usersOf()).users.at(-1)).toEqual({ email: NORA, role: "billing", state: "active" });
  });

  it.each(["owner", "superuser", "Admin"])("answers role %s with 400 naming role", async (role) => {
    const error = expectError(await add({ user_id: NORA, role }), 400, "invalid_request");
    expect(fieldsOf(error)).toEqual(["role"]);
    expect((await usersOf()).users.map((user) => user.email)).not.toContain(NORA);
  });

  it("answers a user_id that is not an e-mail with 400 naming user_id", async () => {
    expect(fieldsOf(expectError(await add({ user_id: "nora", role: "viewer" }), 400, "invalid_request"))).toContain("user_id");
  });

  it.each([USERS.planner, "LUCIA.PLANNER@example.com", USERS.inactive])("answers an existing member (%s) with 409", async (user) => {
    expectError(await add({ user_id: user, role: "viewer" }), 409, "conflict");
    expect((await usersOf()).users).toHaveLength(6);
  });
});

describe("edit user", () => {
  it("activates an inactive member, who can then use the organization", async () => {
    expectError(await listPlansAs(TOKENS.inactive), 403, "forbidden");
    expect((await edit({ user_id: USERS.inactive, state: "active" })).body).toEqual({ status: 200 });
    expect((await listPlansAs(TOKENS.inactive)).status).toBe(200);
  });

  it("changes a role, which changes what the member may do", async () => {
    expect((await edit({ user_id: USERS.planner, role: "viewer" }, TOKENS.admin)).status).toBe(200);
    expect((await usersOf()).users.find((user) => user.email === USERS.planner)).toEqual({ email: USERS.planner, role: "viewer", state: "active" });
    const plan = { org_id: IDS.acme, name: "Nights", timezone: "UTC", schedule: { days: ["S"], duration: 8, start: 22 } };
    expectError(await call(TOKENS.planner, "createPlan", { query: { action: "create_plan" }, body: plan }), 403, "forbidden");
  });

  it("deactivates a member, whose token then gets 403 on the organization", async () => {
    expect((await edit({ user_id: USERS.viewer, state: "inactive" })).status).toBe(200);
    expectError(await listPlansAs(TOKENS.viewer), 403, "forbidden");
  });

  it("answers a user who is not a member with 404 naming user_id", async () => {
    expect(fieldsOf(expectError(await edit({ user_id: NORA, role: "viewer" }), 404, "not_found"))).toEqual(["user_id"]);
  });

  it("answers an edit of the owner with 409, role or state", async () => {
    expectError(await edit({ user_id: USERS.owner, role: "admin" }, TOKENS.admin), 409, "conflict");
    expectError(await edit({ user_id: USERS.owner, state: "inactive" }, TOKENS.admin), 409, "conflict");
    expect((await usersOf()).users[0]).toEqual({ email: USERS.owner, role: "owner", state: "active" });
  });

  it("answers role owner with 400 naming role", async () => {
    expect(fieldsOf(expectError(await edit({ user_id: USERS.admin, role: "owner" }), 400, "invalid_request"))).toEqual(["role"]);
  });
});

describe("remove user", () => {
  it("removes a member, whose token then finds no organization", async () => {
    expect((await remove({ user_id: USERS.planner, reason: "Moved to another team" }, TOKENS.admin)).body).toEqual({ status: 200 });
    expect((await usersOf()).users.map((user) => user.email)).not.toContain(USERS.planner);
    expectError(await listPlansAs(TOKENS.planner), 404, "not_found");
    const { data } = await client(TOKENS.planner).GET("/v1/organizations/list", { params: { query: { action: "list" } } });
    expect(data!.data.organizations).toEqual([]);
  });

  it("lets a removed user be added again", async () => {
    await remove({ user_id: USERS.planner });
    expect((await add({ user_id: USERS.planner, role: "planner", state: "active" })).status).toBe(200);
    expect((await listPlansAs(TOKENS.planner)).status).toBe(200);
  });

  it("answers a user who is not a member with 404 naming user_id", async () => {
    expect(fieldsOf(expectError(await remove({ user_id: NORA }), 404, "not_found"))).toEqual(["user_id"]);
  });

  it("answers the owner with 409 and keeps them", async () => {
    expectError(await remove({ user_id: USERS.owner }, TOKENS.admin), 409, "conflict");
    expect((await usersOf()).users[0]?.email).toBe(USERS.owner);
  });
});
