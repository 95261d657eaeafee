// A live run's account values: fixtures first, then ids discovered by following the spec's links
// from reads, else a skip that names the fixture to add. Against real mocks, never with the spec's
// example ids, and discovery sends nothing but reads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommetClient } from "../../src/commet/index.js";
import { Account } from "../../src/contract/live/account.js";
import { cloudplansScenario } from "../../src/contract/scenarios/cloudplans.js";
import { parseFixtures } from "../../src/contract/fixtures.js";
import { evaluate, linksInto } from "../../src/contract/live/links.js";
import type { ContractTarget, Observation } from "../../src/contract/types.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import type { ApiName } from "../../src/spec/apis.js";
import { getOperations } from "../../src/spec/operations.js";

const KEY = "ck_sandbox_account";
const commet = getOperations("commet");

/** The account a live run sees on `mock`, and every response its discovery got. */
function liveAccount(api: ApiName, mock: MockServer, credentials: Record<string, string>, fixtures: unknown = {}): { account: Account; seen: Observation[] } {
  const seen: Observation[] = [];
  const target: ContractTarget = {
    api,
    baseUrl: mock.url,
    credentials,
    live: true,
    fixtures: parseFixtures(fixtures),
    observe: (observation) => seen.push(observation),
  };
  return { account: new Account(api, target), seen };
}

describe("runtime expressions", () => {
  const exchange = { request: { path: { id: "p1" }, query: { org_id: "o1" } }, body: { data: [{ id: "adn_1", "a/b": { "~x": 7 } }] } };
  it("read JSON pointers into the body, with ~1 and ~0 escapes and array indexes", () => {
    expect(evaluate("$response.body#/data/0/id", exchange)).toBe("adn_1");
    expect(evaluate("$response.body#/data/0/a~1b/~0x", exchange)).toBe("7");
  });
  it("give nothing for what is not there: an empty list has no first id", () => {
    expect(evaluate("$response.body#/data/1/id", exchange)).toBeUndefined();
    expect(evaluate("$response.body#/data/0", exchange)).toBeUndefined();
    expect(evaluate("$response.body#/data/0/toString", exchange)).toBeUndefined();
  });
  it("read the source request's own values", () => {
    expect(evaluate("$request.query.org_id", exchange)).toBe("o1");
    expect(evaluate("$request.path.id", exchange)).toBe("p1");
  });
  it("refuse a form they do not understand", () => {
    expect(() => evaluate("$response.header.Location", exchange)).toThrow('unsupported runtime expression "$response.header.Location"');
  });
});

describe("the spec's links", () => {
  it("lead from lists to reads (listAddons' first id feeds getAddon)", () => {
    expect(linksInto("commet", "getAddon", "id").map((link) => [link.source.operationId, link.status, link.expression])).toEqual([
      ["listAddons", "200", "$response.body#/data/0/id"],
    ]);
    expect(linksInto("cloudplans", "describePlan", "plan_id").map((link) => link.source.operationId)).toEqual(["listPlans"]);
  });
});

describe("an account's values, against a Commet mock holding data of its own", () => {
  let mock: MockServer;
  const created: { addon?: string; customer?: string; feature?: string } = {};
  beforeAll(async () => {
    mock = await startMock("commet");
    const client = createCommetClient({ apiKey: KEY, baseUrl: mock.url, retries: 0 });
    const feature = await client.POST("/features/manage", { body: { code: "account_seats", name: "Seats", type: "boolean" } });
    created.feature = feature.data!.data.code;
    const addon = await client.POST("/addons", {
      body: { name: "Extra seats", basePrice: 100, featureId: feature.data!.data.id, consumptionModel: "boolean" },
    });
    created.addon = addon.data!.data.id;
    const customer = await client.POST("/customers", { body: { email: "ann@example.com" } });
    created.customer = customer.data!.data.id;
  });
  afterAll(() => mock.close());

  const account = (fixtures: unknown = {}) => liveAccount("commet", mock, { "x-api-key": KEY }, fixtures);

  it("discovers a path id from the list the spec links it from, with one read", async () => {
    const { account: values, seen } = account();
    expect(await values.rebase(commet.byId("getAddon"))).toEqual({ changes: { path: { id: created.addon }, query: {} } });
    expect(await values.rebase(commet.byId("getAddon"))).toEqual({ changes: { path: { id: created.addon }, query: {} } });
    expect(seen.map((observation) => observation.operationId)).toEqual(["listAddons"]);
  });

  it("discovers a required query value (a listed customer's id for listActiveAddons) and leaves optional ones out", async () => {
    const { account: values } = account();
    expect(await values.rebase(commet.byId("listActiveAddons"))).toEqual({ changes: { path: {}, query: { customerId: created.customer } } });
    const listAddons = await values.rebase(commet.byId("listAddons"));
    // `cursor` is a free-form value: the spec's example names no page here, so it is not sent.
    expect(listAddons).toEqual({ changes: { path: {}, query: { cursor: null } } });
  });

  it("prefers a fixture, the operation's own override first, and then sends nothing", async () => {
    const { account: values, seen } = account({ id: "shared", code: "from_fixture", operations: { getAddon: { id: "adn_override" } } });
    expect(await values.rebase(commet.byId("getAddon"))).toEqual({ changes: { path: { id: "adn_override" }, query: {} } });
    expect(await values.rebase(commet.byId("getFeature"))).toEqual({ changes: { path: { code: "from_fixture" }, query: {} } });
    expect(await values.rebase(commet.byId("getCustomer"))).toEqual({ changes: { path: { id: "shared" }, query: {} } });
    expect(seen).toEqual([]);
  });
});

describe("an empty Commet account", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock("commet");
  });
  afterAll(() => mock.close());

  it("has nothing to discover: the missing value is named, with the fixture that would supply it", async () => {
    const { account, seen } = liveAccount("commet", mock, { "x-api-key": KEY });
    expect(await account.rebase(commet.byId("getAddon"))).toEqual({ missing: ["id"] });
    expect(Account.missingReason(commet.byId("getAddon"), ["id"])).toBe(
      'no value for id in this account: nothing lists it; add "id" (or operations.getAddon.id) to --fixtures',
    );
    expect(seen.map((observation) => [observation.operationId, observation.statusCode])).toEqual([["listAddons", 200]]);
  });
});

describe("an account's values, against a Cloud Plans mock", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock("cloudplans");
  });
  afterAll(() => mock.close());

  it("follow links through two reads (organizations, then plans) and keep the ?action= discriminator", async () => {
    const { account, seen } = liveAccount("cloudplans", mock, cloudplansScenario.mockCredentials);
    const rebased = await account.rebase(getOperations("cloudplans").byId("describePlan"));
    expect(rebased).toMatchObject({ changes: {} });
    const { query } = (rebased as { changes: { query: Record<string, string> } }).changes;
    expect(Object.keys(query).sort()).toEqual(["org_id", "plan_id"]);
    expect(seen.map((observation) => [observation.operationId, observation.statusCode])).toEqual([
      ["listOrganizations", 200],
      ["listPlans", 200],
    ]);
    // Only reads were sent, and what they listed is what was used.
    const organizations = JSON.parse(seen[0]!.body) as { data: { organizations: { org_id: string }[] } };
    expect(query.org_id).toBe(organizations.data.organizations[0]!.org_id);
    const plans = JSON.parse(seen[1]!.body) as { plans: { id: string }[] };
    expect(query.plan_id).toBe(plans.plans[0]!.id);
  });
});
