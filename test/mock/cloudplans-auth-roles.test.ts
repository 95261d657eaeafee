// The Cloud Plans mock's guard: bearer tokens (401 for none, unknown or expired), the organization a
// request names (404 when unknown or when the caller is not in it), inactive members (403) and the
// role matrix of the spec's x-cloudplans-roles, driven with the spec's own request examples.
import { beforeEach, describe, expect, it } from "vitest";
import type { Operation } from "../../src/spec/operations.js";
import { IDS, ROLES, TOKENS, allowedRoles, expectError, operations, useCloudPlansMock, type Reply, type RequestParts } from "../helpers/cloudplans.js";

const { mock, call } = useCloudPlansMock();
beforeEach(() => mock().reset());

const NO_ORGANIZATION = new Set(["listOrganizations", "createOrganization"]);
const orgOperations = operations.operations.filter((operation) => !NO_ORGANIZATION.has(operation.operationId));

/** The spec's example request of an operation (its parameter and body examples), optionally in another organization. */
function exampleRequest(operation: Operation, orgId?: string): RequestParts {
  const query: Record<string, string> = {};
  for (const parameter of operation.parameters.filter((candidate) => candidate.in === "query")) {
    const value = parameter.example ?? parameter.schema?.default;
    if (value !== undefined) query[parameter.name] = String(value);
  }
  const example = operation.object.requestBody?.content["application/json"]?.example;
  const body = example === undefined ? undefined : (structuredClone(example) as Record<string, unknown>);
  if (orgId !== undefined) {
    if ("org_id" in query) query.org_id = orgId;
    if (body && "org_id" in body) body.org_id = orgId;
  }
  return { query, ...(body === undefined ? {} : { body }) };
}

/**
 * What an example needs besides the seed: the removeOrganizationUser example removes the user the
 * addOrganizationUser example adds (nora.new@example.com), so she is added first.
 */
async function arrange(operationId: string): Promise<void> {
  if (operationId !== "removeOrganizationUser") return;
  const { body } = exampleRequest(operations.byId(operationId)) as { body: { org_id: string; user_id: string } };
  const added = await call(TOKENS.owner, "addOrganizationUser", {
    query: { action: "add_user" },
    body: { org_id: body.org_id, user_id: body.user_id, role: "viewer" },
  });
  expect([200, 409]).toContain(added.status);
}

/** The example request, after arranging what it needs. */
async function example(token: string, operationId: string): Promise<Reply> {
  await arrange(operationId);
  return call(token, operationId, exampleRequest(operations.byId(operationId)));
}

describe("authentication", () => {
  it.each(operations.operations.map((operation) => [operation.operationId]))("answers %s without a token with 401 unauthorized", async (operationId) => {
    expectError(await call(null, operationId, exampleRequest(operations.byId(operationId))), 401, "unauthorized");
  });

  it.each([
    ["an unknown token", "cp-test-nobody"],
    ["an expired token", TOKENS.expired],
    ["an empty token", ""],
  ])("answers %s with 401 unauthorized", async (_, token) => {
    expectError(await call(token, "listOrganizations", { query: { action: "list" } }), 401, "unauthorized");
    expectError(await call(token, "describeBilling", { query: { action: "getorganization", org_id: IDS.acme } }), 401, "unauthorized");
  });

  it("answers another scheme than Bearer with 401", async () => {
    const response = await fetch(`${mock().url}/v1/organizations/list?action=list`, { headers: { authorization: `Token ${TOKENS.owner}` } });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ status: 401, error: "unauthorized" });
  });

  it.each(Object.entries(TOKENS).filter(([part]) => part !== "expired"))("lets the %s token list organizations and create one", async (_, token) => {
    expect((await call(token, "listOrganizations", { query: { action: "list" } })).status).toBe(200);
    expect((await call(token, "createOrganization", { query: { action: "create" } })).status).toBe(200);
  });
});

describe("every spec request example succeeds for the owner on a fresh seed", () => {
  it.each(operations.operations.map((operation) => [operation.operationId]))("%s", async (operationId) => {
    const reply = await example(TOKENS.owner, operationId);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  });
});

describe("the role matrix (x-cloudplans-roles)", () => {
  const cases = orgOperations.flatMap((operation) => ROLES.map((role) => [operation.operationId, role, allowedRoles(operation).includes(role)] as const));

  it("allows the owner and the admin everything documented, and refuses the billing, planner and viewer roles some of it", () => {
    for (const role of ROLES) {
      const refused = cases.filter(([, candidate, ok]) => candidate === role && !ok).map(([operationId]) => operationId);
      if (role === "owner" || role === "admin") expect(refused, role).toEqual([]);
      else expect(refused.length, role).toBeGreaterThan(0);
    }
  });

  it.each(cases)("%s as %s: allowed %s", async (operationId, role, allowed) => {
    const reply = await example(TOKENS[role], operationId);
    if (allowed) {
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    } else {
      const error = expectError(reply, 403, "forbidden");
      expect(error.message).toContain(`The ${role} role may not`);
    }
  });

  it("changes nothing when it refuses", async () => {
    const refused = await call(TOKENS.viewer, "removeOrganizationUser", {
      query: { action: "remove_user" },
      body: { org_id: IDS.acme, user_id: "lucia.planner@example.com" },
    });
    expectError(refused, 403, "forbidden");
    const users = await call(TOKENS.owner, "listOrganizationUsers", { query: { action: "users", org_id: IDS.acme } });
    expect((users.body as { users: { email: string }[] }).users.map((user) => user.email)).toContain("lucia.planner@example.com");
  });
});

describe("organizations the caller cannot use", () => {
  it.each(orgOperations.map((operation) => [operation.operationId]))("%s: 404 for an unknown organization", async (operationId) => {
    const error = expectError(await call(TOKENS.owner, operationId, exampleRequest(operations.byId(operationId), "org-missing")), 404, "not_found");
    expect(error.message).toContain("org-missing");
  });

  it.each(orgOperations.map((operation) => [operation.operationId]))(
    "%s: 404 for an owner of another organization, as for a missing one",
    async (operationId) => {
      const error = expectError(await call(TOKENS.outsider, operationId, exampleRequest(operations.byId(operationId))), 404, "not_found");
      expect(error.message).toBe(`No organization ${IDS.acme}.`);
    },
  );

  it.each(orgOperations.map((operation) => [operation.operationId]))("%s: 403 for an inactive member", async (operationId) => {
    const error = expectError(await call(TOKENS.inactive, operationId, exampleRequest(operations.byId(operationId))), 403, "forbidden");
    expect(error.message).toContain("inactive");
  });

  it("lets the outsider use its own organization", async () => {
    const reply = await call(TOKENS.outsider, "listPlans", { query: { action: "list_plans", org_id: IDS.globex } });
    expect(reply.status).toBe(200);
    expect((reply.body as { plans: { id: string }[] }).plans.map((plan) => plan.id)).toEqual([IDS.planGlobexTrial]);
  });
});
