// Cloud Plans credentials and plans in the mock: the lists as the spec's examples show them, creating
// credentials and plans (free-tier limits), updating plans, and adding resources (index, counts, 404
// and 409 rules, the subscription's quantity as the limit).
import { beforeEach, describe, expect, it } from "vitest";
import { IDS, TOKENS, expectError, fieldsOf, useCloudPlansMock } from "../helpers/cloudplans.js";

const { mock, client, call } = useCloudPlansMock();
beforeEach(() => mock().reset());

const OFFICE_HOURS_SCHEDULE = { start: "8", duration: "10", timezone: "UTC +1", days: ["L", "M", "X", "J", "V"] };

async function credentialsOf(orgId: string = IDS.acme, token: string = TOKENS.owner) {
  const { data } = await client(token).GET("/v1/organizations/credentials/list", { params: { query: { action: "list_credentials", org_id: orgId } } });
  return data!.credentials;
}

async function plansOf(orgId: string = IDS.acme, token: string = TOKENS.owner) {
  const { data } = await client(token).GET("/v1/organizations/plans/list", { params: { query: { action: "list_plans", org_id: orgId } } });
  return data!.plans;
}

async function describePlan(planId: string = IDS.planOfficeHours) {
  const { data } = await client().GET("/v1/organizations/plans/describe", {
    params: { query: { action: "describe_plan", org_id: IDS.acme, plan_id: planId } },
  });
  return data!.plan;
}

const createCredential = (body: Record<string, unknown>, token: string = TOKENS.owner) =>
  call(token, "createCredential", { query: { action: "add_credential" }, body: { org_id: IDS.acme, ...body } });
const createPlan = (body: Record<string, unknown>, token: string = TOKENS.owner) =>
  call(token, "createPlan", {
    query: { action: "create_plan" },
    body: { org_id: IDS.acme, name: "Nights", timezone: "UTC", schedule: { days: ["S", "D"], duration: 6, start: 22 }, ...body },
  });
const updatePlan = (body: Record<string, unknown>) =>
  call(TOKENS.planner, "updatePlan", { query: { action: "update_plan" }, body: { org_id: IDS.acme, plan_id: IDS.planOfficeHours, ...body } });
const addResource = (resource: Record<string, unknown>, body: Record<string, unknown> = {}, token: string = TOKENS.owner) =>
  call(token, "addResourceToPlan", {
    query: { action: "add_resource_to_plan" },
    body: { org_id: IDS.acme, plan_id: IDS.planOfficeHours, resource: { type: "ec2", credential: IDS.credAws, ...resource }, ...body },
  });

describe("credentials", () => {
  it("lists the credentials as the spec's example does, without their provider-specific fields", async () => {
    expect(await credentialsOf(IDS.acme, TOKENS.viewer)).toEqual([
      { type: "aws", id: IDS.credAws, name: "aws-production", comments: "Production account 123456789012", resources: 2, last_time: "2025-05-14T08:30:00Z" },
      { type: "azure", id: IDS.credAzure, name: "azure-development", comments: "Development subscription", resources: 1, last_time: "2025-05-14T08:30:00Z" },
      { type: "gcp", id: IDS.credGcp, name: "gcp-analytics", comments: "Analytics project", resources: 0, last_time: "2025-05-13T17:00:00Z" },
    ]);
  });

  it("creates a credential with a cred-<type>-<8 hex> id, no comments and the mock's clock as last_time", async () => {
    const reply = await createCredential({ type: "azure", name: "azure-staging", specific: { tenant: "t", clientId: "c", key: "secret" } }, TOKENS.admin);
    expect(reply.body).toEqual({ status: 200, response: "Credential created" });
    const created = (await credentialsOf()).at(-1);
    expect(created).toEqual({
      type: "azure",
      id: expect.stringMatching(/^cred-azure-[0-9a-f]{8}$/) as unknown as string,
      name: "azure-staging",
      comments: "",
      resources: 0,
      last_time: "2025-06-01T10:00:00Z",
    });
    expect(JSON.stringify(await credentialsOf())).not.toContain("secret");
  });

  it("allows any number of credentials with a subscription", async () => {
    for (const name of ["a", "b", "c"]) expect((await createCredential({ type: "gcp", name, specific: { project: name } })).status).toBe(200);
    expect(await credentialsOf()).toHaveLength(6);
  });

  it("answers a fourth credential on the free tier with 409", async () => {
    const error = expectError(
      await createCredential({ org_id: IDS.globex, type: "aws", name: "x", specific: { role: "arn:aws:iam::1:role/x" } }, TOKENS.outsider),
      409,
      "conflict",
    );
    expect(error.message).toContain("free tier");
    expect(await credentialsOf(IDS.globex, TOKENS.outsider)).toHaveLength(3);
  });

  it.each([
    ["a specific of another provider", { type: "aws", name: "x", specific: { project: "p" } }],
    ["an unknown type", { type: "gap", name: "x", specific: { project: "p" } }],
    ["no name", { type: "gcp", specific: { project: "p" } }],
  ])("answers %s with 400 and details", async (_, body) => {
    expect(expectError(await createCredential(body), 400, "invalid_request").details!.length).toBeGreaterThan(0);
  });
});

describe("plans", () => {
  it("lists and describes plan-office-hours as the spec's examples do", async () => {
    expect(await plansOf(IDS.acme, TOKENS.viewer)).toEqual([
      { id: IDS.planOfficeHours, name: "Office hours", schedule: OFFICE_HOURS_SCHEDULE, pauses: [], resources: 3 },
    ]);
    expect(await describePlan()).toEqual({
      id: IDS.planOfficeHours,
      name: "Office hours",
      schedule: OFFICE_HOURS_SCHEDULE,
      resources: [
        { id: "i-0a1b2c3d4e5f60001", resource_name: "web-01", type: "ec2", status: "active", credential: IDS.credAws, index: 1 },
        { id: "i-0a1b2c3d4e5f60002", resource_name: "db-01", type: "ec2", status: "active", credential: IDS.credAws, index: 2 },
        { id: "vm-reporting-01", resource_name: "reporting-vm", type: "vm", status: "active", credential: IDS.credAzure, index: 3 },
      ],
      dependencies: true,
      state: "active",
    });
  });

  it("answers an unknown plan with 404 naming plan_id, also for another organization's plan", async () => {
    for (const planId of ["plan-missing", IDS.planGlobexTrial]) {
      const reply = await call(TOKENS.owner, "describePlan", { query: { action: "describe_plan", org_id: IDS.acme, plan_id: planId } });
      expect(fieldsOf(expectError(reply, 404, "not_found"))).toEqual(["plan_id"]);
    }
  });

  it("creates a plan: plan-<8 hex>, the top-level timezone in its schedule, active, no resources", async () => {
    expect((await createPlan({ description: "Weekend nights" }, TOKENS.planner)).body).toEqual({ status: 200 });
    const created = (await plansOf()).at(-1)!;
    expect(created).toEqual({
      id: expect.stringMatching(/^plan-[0-9a-f]{8}$/) as unknown as string,
      name: "Nights",
      schedule: { start: "22", duration: "6", timezone: "UTC", days: ["S", "D"] },
      pauses: [],
      resources: 0,
    });
    expect(await describePlan(created.id)).toMatchObject({ resources: [], dependencies: false, state: "active" });
  });

  it("creates a plan in the state given", async () => {
    await createPlan({ state: "inactive" });
    expect((await describePlan((await plansOf()).at(-1)!.id)).state).toBe("inactive");
  });

  it("answers a second plan on the free tier with 409", async () => {
    expectError(await createPlan({ org_id: IDS.globex }, TOKENS.outsider), 409, "conflict");
    expect(await plansOf(IDS.globex, TOKENS.outsider)).toHaveLength(1);
  });

  it("answers hours outside 1..23 with 400 naming the field", async () => {
    const error = expectError(await createPlan({ schedule: { days: ["L"], duration: 24, start: 8 } }), 400, "invalid_request");
    expect(fieldsOf(error)).toContain("schedule.duration");
    expect(error.message).toMatch(/^schedule\.duration /);
  });

  it("updates name, time zone, schedule, dependancy and state", async () => {
    const reply = await updatePlan({
      name: "Core hours",
      updates: { timezone: "UTC", schedule: { days: ["L", "X"], duration: 4, start: 10 } },
      dependancy: false,
      state: "inactive",
    });
    expect(reply.body).toEqual({ status: 200 });
    expect(await describePlan()).toMatchObject({
      name: "Core hours",
      schedule: { start: "10", duration: "4", timezone: "UTC", days: ["L", "X"] },
      dependencies: false,
      state: "inactive",
    });
  });

  it("changes only what an update names", async () => {
    await updatePlan({ updates: { timezone: "UTC +2" } });
    expect(await describePlan()).toMatchObject({
      name: "Office hours",
      schedule: { ...OFFICE_HOURS_SCHEDULE, timezone: "UTC +2" },
      dependencies: true,
      state: "active",
    });
  });

  it("answers an update of an unknown plan with 404", async () => {
    expect(fieldsOf(expectError(await updatePlan({ plan_id: "plan-missing", name: "X" }), 404, "not_found"))).toEqual(["plan_id"]);
  });
});

describe("add resource to plan", () => {
  it("adds the resource at the next index and counts it everywhere", async () => {
    const reply = await addResource({ resource_id: "i-0a1b2c3d4e5f60004", resource_name: "worker-01", region: "eu-west-1" }, {}, TOKENS.planner);
    expect(reply.body).toEqual({ status: 200 });
    expect((await describePlan()).resources.at(-1)).toEqual({
      id: "i-0a1b2c3d4e5f60004",
      resource_name: "worker-01",
      type: "ec2",
      status: "active",
      credential: IDS.credAws,
      index: 4,
    });
    expect((await plansOf())[0]?.resources).toBe(4);
    expect((await credentialsOf()).find((credential) => credential.id === IDS.credAws)?.resources).toBe(3);
    const { data } = await client().GET("/v1/organizations/list", { params: { query: { action: "list" } } });
    expect(data!.data.organizations[0]?.resources).toBe(4);
  });

  it("names the resource after instanceName, else its id, when resource_name is missing", async () => {
    await addResource({ resource_id: "i-a", instanceName: "batch-a" });
    await addResource({ resource_id: "i-b" });
    expect((await describePlan()).resources.slice(-2).map((resource) => resource.resource_name)).toEqual(["batch-a", "i-b"]);
  });

  it("answers a resource already in the plan with 409", async () => {
    expectError(await addResource({ resource_id: "i-0a1b2c3d4e5f60001" }), 409, "conflict");
    expect((await describePlan()).resources).toHaveLength(3);
  });

  it.each([
    ["an unknown credential", "cred-missing"],
    ["another organization's credential", IDS.globexAws],
  ])("answers %s with 404 naming resource.credential", async (_, credential) => {
    expect(fieldsOf(expectError(await addResource({ resource_id: "i-x", credential }), 404, "not_found"))).toEqual(["resource.credential"]);
  });

  it("answers an unknown plan with 404 naming plan_id", async () => {
    expect(fieldsOf(expectError(await addResource({ resource_id: "i-x" }, { plan_id: "plan-missing" }), 404, "not_found"))).toEqual(["plan_id"]);
  });

  it("answers a fourth resource on the free tier with 409", async () => {
    const reply = await addResource({ resource_id: "i-x", credential: IDS.globexAws }, { org_id: IDS.globex, plan_id: IDS.planGlobexTrial }, TOKENS.outsider);
    expect(expectError(reply, 409, "conflict").message).toContain("free tier allows 3 resources");
  });

  it("answers a resource beyond the subscription's quantity with 409", async () => {
    expect((await call(TOKENS.owner, "billingUpdate", { query: { action: "updatesubscription" }, body: { org_id: IDS.acme, quantity: 4 } })).status).toBe(200);
    expect((await addResource({ resource_id: "i-4" })).status).toBe(200);
    expect(expectError(await addResource({ resource_id: "i-5" }), 409, "conflict").message).toBe("The subscription covers 4 resources; 4 are in use.");
  });

  it("answers a resource without its required fields with 400 and details", async () => {
    const reply = await call(TOKENS.owner, "addResourceToPlan", {
      query: { action: "add_resource_to_plan" },
      body: { org_id: IDS.acme, plan_id: IDS.planOfficeHours, resource: { resource_id: "i-x" } },
    });
    expect(fieldsOf(expectError(reply, 400, "invalid_request"))).toEqual(expect.arrayContaining(["resource.type", "resource.credential"]));
  });
});
