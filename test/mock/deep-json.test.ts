// Deep JSON cannot poison a mock tenant: a body nested deeper than REQUEST_LIMITS.jsonDepth is refused
// with the vendor's 400 before anything is parsed or stored (with or without an idempotency key), and
// a handler whose reply cannot be sent leaves the tenant's state as it was.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { commetMock } from "../../src/mock/commet/index.js";
import { nestsDeeperThan } from "../../src/mock/json-depth.js";
import { REQUEST_LIMITS } from "../../src/mock/limits.js";
import { serveMock } from "../../src/mock/server.js";
import type { MockHandler, VendorMock } from "../../src/mock/types.js";
import type { ApiName } from "../../src/spec/apis.js";
import { expectDocumented, json } from "../helpers/documented.js";
import { IN_PROJECT, SEED, TOKEN as ONET_TOKEN } from "../helpers/onet.js";
import { IDS, TOKENS } from "../helpers/cloudplans.js";

const SANDBOX = { "x-api-key": "ck_sandbox_deep", "content-type": "application/json" };

/** `{"a":{"a":...}}`, `levels` objects deep, as text: building it as a value would need the recursion under test. */
const nested = (levels: number, leaf = "1") => `${'{"a":'.repeat(levels)}${leaf}${"}".repeat(levels)}`;
/** A Commet customer whose metadata makes the whole body `depth` levels deep (the body and metadata count 2). */
const customerBody = (depth: number) => `{"email":"deep@example.com","metadata":${nested(depth - 1)}}`;

describe("nestsDeeperThan", () => {
  it("counts objects and arrays, not brackets inside strings or after escaped quotes", () => {
    expect(nestsDeeperThan(Buffer.from('[[{"a":[1]}]]'), 4)).toBe(false);
    expect(nestsDeeperThan(Buffer.from('[[{"a":[1]}]]'), 3)).toBe(true);
    expect(nestsDeeperThan(Buffer.from('{"a":"[[[[{{{{","b":"\\"[[[["}'), 1)).toBe(false);
    expect(nestsDeeperThan(Buffer.from(nested(1_000_000)), 64)).toBe(true);
  });
});

describe("a body nested too deep", () => {
  const mocks = new Map<ApiName, MockServer>();
  beforeAll(async () => {
    for (const api of ["commet", "onet", "cloudplans"] as const) mocks.set(api, await startMock(api));
  });
  afterAll(async () => {
    for (const mock of mocks.values()) await mock.close();
  });
  beforeEach(() => {
    for (const mock of mocks.values()) mock.reset();
  });
  const commet = () => mocks.get("commet")!;

  it(`is refused with Commet's 400 when deeper than ${REQUEST_LIMITS.jsonDepth} levels, and nothing is stored`, async () => {
    for (const depth of [REQUEST_LIMITS.jsonDepth + 1, 5_000]) {
      const reply = await json(await fetch(`${commet().url}/customers`, { method: "POST", headers: SANDBOX, body: customerBody(depth) }));
      expect(reply.status, `depth ${depth}`).toBe(400);
      expect(reply.body.error).toMatchObject({
        type: "validation_error",
        code: "validation_error",
        message: `request: nests deeper than ${REQUEST_LIMITS.jsonDepth} levels`,
      });
      expectDocumented("commet", "createCustomer", 400, reply.body);
    }
    // The tenant still answers every request, and holds nothing.
    expect(await json(await fetch(`${commet().url}/customers`, { headers: SANDBOX }))).toMatchObject({ status: 200, body: { data: [] } });
  });

  it(`accepts a body exactly ${REQUEST_LIMITS.jsonDepth} levels deep, and reads it back`, async () => {
    const created = await json(await fetch(`${commet().url}/customers`, { method: "POST", headers: SANDBOX, body: customerBody(REQUEST_LIMITS.jsonDepth) }));
    expect(created.status).toBe(200);
    expect(await json(await fetch(`${commet().url}/customers/${created.body.data.id}`, { headers: SANDBOX }))).toMatchObject({ status: 200 });
  });

  it("is refused with the 400, not a 500, when it carries an Idempotency-Key (100,000 levels)", async () => {
    const headers = { ...SANDBOX, "idempotency-key": "deep-1" };
    const reply = await json(await fetch(`${commet().url}/customers`, { method: "POST", headers, body: customerBody(100_000) }));
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe("validation_error");
    // The key was never used: the same key with a sound body creates the customer.
    const sound = await fetch(`${commet().url}/customers`, { method: "POST", headers, body: customerBody(3) });
    expect(sound.status).toBe(200);
  });

  it("is refused with OnetSolutions' 400 (a DRF field map)", async () => {
    const path = `/v1/organizations/${IN_PROJECT.organization_id}/projects/${IN_PROJECT.project_id}/compute/instances/${SEED.web01}`;
    const onet = mocks.get("onet")!;
    const reply = await json(
      await fetch(`${new URL(onet.url).origin}${path}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${ONET_TOKEN}`, "content-type": "application/json" },
        body: `{"tags":${nested(5_000)}}`,
      }),
    );
    expect(reply).toEqual({ status: 400, body: { non_field_errors: [`nests deeper than ${REQUEST_LIMITS.jsonDepth} levels`] } });
    expectDocumented("onet", "replaceInstance", 400, reply.body);
  });

  it("is refused with Cloud Plans' 400 (invalid_request)", async () => {
    const cloudplans = mocks.get("cloudplans")!;
    const body = `{"org_id":"${IDS.acme}","name":"Deep","timezone":"UTC","schedule":{"days":["S"],"duration":6,"start":22},"description":${nested(5_000, '"x"')}}`;
    const reply = await json(
      await fetch(`${new URL(cloudplans.url).origin}/v1/organizations/plans/create?action=create_plan`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKENS.owner}`, "content-type": "application/json" },
        body,
      }),
    );
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ status: 400, error: "invalid_request", message: `body nests deeper than ${REQUEST_LIMITS.jsonDepth} levels` });
    expectDocumented("cloudplans", "createPlan", 400, reply.body);
  });

  it("is refused on the fault control route with its own 400", async () => {
    const response = await fetch(`${commet().controlUrl}/faults`, { method: "POST", body: `{"status":${nested(100_000, "500")}}` });
    expect(await json(response)).toEqual({ status: 400, body: { error: `the fault spec nests deeper than ${REQUEST_LIMITS.jsonDepth} levels` } });
  });
});

describe("a handler whose reply cannot be sent", () => {
  // Commet's own handlers, except that creating a customer named "unsendable@..." stores it and then
  // answers with a body JSON cannot serialize (a BigInt), and updating a customer stores the change
  // and then throws (a bug).
  const createCustomer = commetMock.handlers.createCustomer!;
  const updateCustomer = commetMock.handlers.updateCustomer!;
  const broken: VendorMock<unknown> = {
    ...(commetMock as unknown as VendorMock<unknown>),
    handlers: {
      ...(commetMock.handlers as Record<string, MockHandler<unknown>>),
      createCustomer: (context) => {
        const reply = createCustomer(context as never);
        return (context.body as { email: string }).email.startsWith("unsendable@") ? { ...reply, body: { unsendable: 1n } } : reply;
      },
      updateCustomer: (context) => {
        updateCustomer(context as never);
        throw new Error("a bug after the change");
      },
    },
  };
  let mock: MockServer;
  let logged: unknown[][];
  const original = console.error;
  beforeAll(async () => {
    mock = await serveMock(broken);
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    mock.reset();
    logged = [];
    console.error = (...args: unknown[]) => logged.push(args);
    return () => {
      console.error = original;
    };
  });
  const customers = async () =>
    (await json(await fetch(`${mock.url}/customers`, { headers: SANDBOX }))).body.data as { email: string; fullName: string | null }[];

  it("answers the vendor's 500 to a reply that cannot be serialized, and stores nothing", async () => {
    const created = await json(await fetch(`${mock.url}/customers`, { method: "POST", headers: SANDBOX, body: '{"email":"unsendable@example.com"}' }));
    expect(created).toMatchObject({ status: 500, body: { success: false, error: { code: "internal_error" } } });
    expect(await customers()).toEqual([]);
    expect(logged.length).toBeGreaterThan(0);
    // The tenant keeps working.
    expect((await fetch(`${mock.url}/customers`, { method: "POST", headers: SANDBOX, body: '{"email":"fine@example.com"}' })).status).toBe(200);
    expect((await customers()).map((customer) => customer.email)).toEqual(["fine@example.com"]);
  });

  it("undoes a change the handler made before it failed", async () => {
    const created = await json(
      await fetch(`${mock.url}/customers`, { method: "POST", headers: SANDBOX, body: '{"email":"kept@example.com","fullName":"Before"}' }),
    );
    expect(created.status).toBe(200);
    const put = await fetch(`${mock.url}/customers/${created.body.data.id}`, { method: "PUT", headers: SANDBOX, body: '{"fullName":"After"}' });
    expect(put.status).toBe(500);
    expect((await customers()).map((customer) => customer.fullName)).toEqual(["Before"]);
  });
});
