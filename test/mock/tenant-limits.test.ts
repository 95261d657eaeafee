// What one tenant may hold is bounded (TenantLimits: objects and approximate bytes). A write that
// would take it past a bound is undone and answered with the vendor's "full" error, documented for
// that operation; other tenants are not affected, and deleting or a reset makes room again.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { commetMock } from "../../src/mock/commet/index.js";
import { cloudplansMock } from "../../src/mock/cloudplans/index.js";
import { DEFAULT_TENANT_LIMITS, type TenantLimits } from "../../src/mock/limits.js";
import { measureState } from "../../src/mock/state-size.js";
import { expectDocumented, json } from "../helpers/documented.js";
import { IN_PROJECT, SEED, TOKEN as ONET_TOKEN } from "../helpers/onet.js";
import { NOW, TOKENS, useCloudPlansMock } from "../helpers/cloudplans.js";

const SANDBOX = { "x-api-key": "ck_sandbox_limits", "content-type": "application/json" };
const LIVE = { "x-api-key": "ck_live_limits", "content-type": "application/json" };

/** A tenant's seed, measured as the server measures it: limits in the tests are relative to it. */
const commetSeed = measureState(commetMock.createState({ tenant: "sandbox", credential: "x" }, new Date()));

describe("measureState", () => {
  it("counts objects, maps and arrays once each and string lengths as bytes, without recursion", () => {
    const shared = { s: "abcd" };
    const size = measureState({ list: [shared, shared], map: new Map([["k", { n: 1 }]]) });
    expect(size.objects).toBe(5);
    let deep: unknown = "x";
    for (let level = 0; level < 200_000; level++) deep = { a: deep };
    expect(measureState(deep).objects).toBe(200_000);
  });

  it("has defaults well above a seeded tenant", () => {
    expect(DEFAULT_TENANT_LIMITS.objects).toBeGreaterThan(commetSeed.objects * 100);
    expect(DEFAULT_TENANT_LIMITS.bytes).toBeGreaterThanOrEqual(4 * 1024 * 1024);
  });
});

describe("Commet", () => {
  let mock: MockServer;
  const limits: TenantLimits = { objects: commetSeed.objects + 12, bytes: commetSeed.bytes + 60_000 };
  beforeAll(async () => {
    mock = await startMock("commet", { tenantLimits: limits });
  });
  afterAll(() => mock.close());
  beforeEach(() => mock.reset());

  const post = (path: string, body: unknown, headers: Record<string, string> = SANDBOX) =>
    fetch(`${mock.url}${path}`, { method: "POST", headers, body: JSON.stringify(body) }).then(json);
  const count = async (headers = SANDBOX) => (await json(await fetch(`${mock.url}/customers?limit=100`, { headers }))).body.data.length as number;

  it("answers 400 limit_exceeded (billing_error) once the tenant holds its objects, and keeps what it had", async () => {
    let created = 0;
    let refused: { status: number; body: any } | undefined;
    for (let attempt = 0; attempt < 50 && !refused; attempt++) {
      const reply = await post("/customers", { email: `c${attempt}@example.com` });
      if (reply.status === 200) created += 1;
      else refused = reply;
    }
    expect(created).toBeGreaterThan(0);
    expect(refused?.status).toBe(400);
    expect(refused?.body.error).toMatchObject({ type: "billing_error", code: "limit_exceeded" });
    expect(refused?.body.error.message).toContain(`at most ${limits.objects} objects`);
    expectDocumented("commet", "createCustomer", 400, refused!.body);
    expect(await count()).toBe(created);

    // The live tenant is another tenant with its own room.
    expect((await post("/customers", { email: "live@example.com" }, LIVE)).status).toBe(200);
    // A reset empties the tenant.
    mock.reset();
    expect((await post("/customers", { email: "again@example.com" })).status).toBe(200);
  });

  it("answers the same error to a write that would pass its bytes", async () => {
    const metadata = { notes: "x".repeat(35_000) };
    expect((await post("/customers", { email: "big1@example.com", metadata })).status).toBe(200);
    const refused = await post("/customers", { email: "big2@example.com", metadata });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("limit_exceeded");
    expect(refused.body.error.message).toContain(`about ${limits.bytes} bytes`);
    expect(await count()).toBe(1);
  });

  it("does not keep the idempotency key of a refused write: the same key runs again once there is room", async () => {
    const big = { notes: "x".repeat(35_000) };
    const first = await post("/customers", { email: "first@example.com", metadata: big });
    expect(first.status).toBe(200);
    const key = { ...SANDBOX, "idempotency-key": "second-customer" };
    const second = { email: "second@example.com", metadata: big };
    expect((await post("/customers", second, key)).body.error.code).toBe("limit_exceeded");
    // Room again: the first customer's metadata is replaced by a small one.
    const update = await fetch(`${mock.url}/customers/${first.body.data.id}`, { method: "PUT", headers: SANDBOX, body: JSON.stringify({ metadata: {} }) });
    expect(update.status).toBe(200);
    const retried = await post("/customers", second, key);
    expect(retried.status, JSON.stringify(retried.body).slice(0, 300)).toBe(200);
    expect(retried.body.data.email).toBe("second@example.com");
  });
});

describe("OnetSolutions", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock("onet", { tenantLimits: { bytes: 200_000 } });
  });
  afterAll(() => mock.close());

  it("answers 400 {detail} to an update that would take the account past its bytes, and keeps the instance as it was", async () => {
    const url = `${new URL(mock.url).origin}/v1/organizations/${IN_PROJECT.organization_id}/projects/${IN_PROJECT.project_id}/compute/instances/${SEED.web01}`;
    const headers = { authorization: `Bearer ${ONET_TOKEN}`, "content-type": "application/json" };
    const before = await json(await fetch(url, { method: "PUT", headers, body: "{}" }));
    const refused = await json(await fetch(url, { method: "PUT", headers, body: JSON.stringify({ description: "x".repeat(250_000) }) }));
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body)).toEqual(["detail"]);
    expect(refused.body.detail).toContain("about 200000 bytes");
    expectDocumented("onet", "replaceInstance", 400, refused.body);
    expect(await json(await fetch(url, { method: "PUT", headers, body: "{}" }))).toEqual(before);
  });
});

describe("Cloud Plans", () => {
  const seed = measureState(cloudplansMock.createState({ tenant: "world", credential: "x" }, NOW));
  // The helper checks every reply against the spec, the "full" one included.
  const { call } = useCloudPlansMock({ now: () => NOW, tenantLimits: { objects: seed.objects + 30 } });

  it("answers 400 invalid_request to Create organization once the world is full", async () => {
    let refused: { status: number; body: any } | undefined;
    let created = 0;
    for (let attempt = 0; attempt < 50 && !refused; attempt++) {
      const reply = await call(TOKENS.owner, "createOrganization", { query: { action: "create" }, body: { name: `Org ${attempt}` } });
      if (reply.status === 200) created += 1;
      else refused = reply;
    }
    expect(created, JSON.stringify(refused)).toBeGreaterThan(0);
    expect(refused).toMatchObject({ status: 400, body: { status: 400, error: "invalid_request" } });
    expect(refused!.body.message).toContain("This mock tenant is full");
  });
});
