// `startMock(api, { seed })`: an account nobody knows. Every GET a user of it can make with its fixtures
// answers 200 through the public clients, validates against the spec, and shows none of the spec's example
// ids, names or amounts; the same seed gives the same account, another seed another; reset goes back to
// the seeded account; seed 0 is the documented data.
import { describe, expect, it } from "vitest";
import { createCloudPlansClient } from "../../src/cloudplans/index.js";
import { createCommetClient } from "../../src/commet/index.js";
import { checkResponse } from "../../src/contract/check-response.js";
import { fixtureValue, ROLE_FIXTURES, type Fixtures } from "../../src/contract/fixtures.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { CLOUDPLANS_IDS, CLOUDPLANS_TOKENS, cloudplansSeed } from "../../src/mock/cloudplans/seed.js";
import { commetSeed } from "../../src/mock/commet/seed.js";
import { PLANS } from "../../src/mock/commet/plans.js";
import { IDS, onetSeed } from "../../src/mock/onet/seed.js";
import { seeding } from "../../src/mock/seeding.js";
import { createOnetClient } from "../../src/onet/index.js";
import type { ApiName } from "../../src/spec/apis.js";
import { getDocument } from "../../src/spec/document.js";
import { getOperations, type Operation } from "../../src/spec/operations.js";

const APIS = ["onet", "cloudplans", "commet"] as const satisfies readonly ApiName[];
const SEEDS = [1, 42, 2 ** 40 + 7];
/** A fixed clock: task statuses follow their age, and two servers must answer alike. */
const NOW = new Date("2025-06-03T10:00:00Z");
const ONET_TOKEN = "sk-onetsolutions-seeded";
const COMMET_KEY = "ck_sandbox_seeded";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// ------------------------------------------------------------------ what the spec's examples show

/** Property and parameter names whose examples are ids, names or amounts: what a seeded account draws anew. */
const ID_KEY = /^(id|code|credential|owner)$|_id$|Id$/;
const NAME_KEY = /^(name|sld|hostname|zone_name|email)$|_name$|Name$|_email$|^name_(en|fr)$/;
const AMOUNT_KEY = /price|amount|total|credit|^included$|legacy|order_number|Price$/i;
/** A TLD's display name (`.fr`) is the catalogue's TLD, which stays: the seed draws names of the account. */
const KEPT_KEYS = new Set(["display_name"]);

interface Example {
  key: string;
  value: string | number;
}

/** Every example value in the spec, with the property or parameter name it illustrates. */
function specExampleValues(api: ApiName): Example[] {
  const found: Example[] = [];
  const collect = (value: unknown, key: string): void => {
    if (typeof value === "string" || typeof value === "number") found.push({ key, value });
    else if (Array.isArray(value)) for (const item of value) collect(item, key);
    else if (value !== null && typeof value === "object") for (const [inner, item] of Object.entries(value)) collect(item, inner);
  };
  const walk = (node: unknown, key: string): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, key);
      return;
    }
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    // A parameter object: its examples illustrate the parameter.
    const own = typeof record.name === "string" && typeof record.in === "string" ? record.name : key;
    for (const [name, value] of Object.entries(record)) {
      if (name === "example") collect(value, own);
      else if (name === "examples")
        collect(Array.isArray(value) ? value : Object.values(value as object).map((example: { value?: unknown }) => example.value), own);
      else walk(value, name === "schema" || name === "items" ? own : name);
    }
  };
  walk(getDocument(api), "");
  return found;
}

/**
 * The example values no seeded response may hold: every UUID, and every non-zero id, name or amount
 * (free stays free, so a "0.00" is not a leak). Strings count under any key; numbers only under their
 * own key (a `legacy_id` of 1042), since small numbers are everywhere.
 */
function forbiddenExamples(api: ApiName): { strings: Set<string>; numbers: Set<string> } {
  const strings = new Set<string>();
  const numbers = new Set<string>();
  for (const { key, value } of specExampleValues(api)) {
    const text = String(value);
    if (KEPT_KEYS.has(key) || /^[0.]*$/.test(text)) continue;
    // A schema's own example sits under the schema's name (`PriceBillingCycle`), which says nothing of what it is.
    const relevant = /^[a-z]/.test(key) && (ID_KEY.test(key) || NAME_KEY.test(key) || AMOUNT_KEY.test(key));
    if (typeof value === "string" && (UUID.test(value) || relevant)) strings.add(value);
    if (typeof value === "number" && relevant) numbers.add(`${key}=${value}`);
  }
  return { strings, numbers };
}

interface Leak {
  operationId: string;
  where: string;
  value: string | number;
}

function leaksIn(api: ApiName, responses: readonly Seen[]): Leak[] {
  const { strings, numbers } = forbiddenExamples(api);
  const leaks: Leak[] = [];
  const scan = (operationId: string, value: unknown, where: string, key: string): void => {
    if (typeof value === "string" && strings.has(value)) leaks.push({ operationId, where, value });
    else if (typeof value === "number" && numbers.has(`${key}=${value}`)) leaks.push({ operationId, where, value });
    else if (Array.isArray(value)) for (const [index, item] of value.entries()) scan(operationId, item, `${where}[${index}]`, key);
    else if (value !== null && typeof value === "object") for (const [name, item] of Object.entries(value)) scan(operationId, item, `${where}.${name}`, name);
  };
  for (const seen of responses) scan(seen.operation.operationId, JSON.parse(seen.body || "null"), "", "");
  return leaks;
}

// ------------------------------------------------------------------ reading a seeded account

interface Seen {
  operation: Operation;
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** A fetch that keeps every response of an operation of `api`, for validating and scanning afterwards. */
function recording(api: ApiName, seen: Seen[]): typeof fetch {
  const operations = getOperations(api);
  return async (input, init) => {
    const response = await fetch(input, init);
    const request = input instanceof Request ? input : new Request(input, init);
    const match = operations.match(request.method, new URL(request.url).pathname.replace(/^\/api\/v1/, ""));
    if (match)
      seen.push({
        operation: match.operation,
        statusCode: response.status,
        headers: Object.fromEntries(response.headers),
        body: await response.clone().text(),
      });
    return response;
  };
}

/** The operation's parameters of one location, filled from the fixtures. */
function fromFixtures(fixtures: Fixtures, operation: Operation, location: "path" | "query"): Record<string, string> {
  const values: Record<string, string> = {};
  for (const parameter of operation.parameters.filter((candidate) => candidate.in === location)) {
    const value = fixtureValue(fixtures, operation.operationId, parameter.name);
    if (value !== undefined) values[parameter.name] = value;
  }
  return values;
}

type AnyGet = (path: string, init: { params: { path?: Record<string, string>; query?: Record<string, string> } }) => Promise<{ response: Response }>;

/**
 * Every GET of the spec that the fixtures fill (for OnetSolutions and Cloud Plans, all of them), through
 * the public client, as a user of the account who knows nothing else; for Commet, whose account holds
 * only the plan catalogue, its features and two subscriptions on its plans (by their codes, which stay).
 */
async function readAccount(api: ApiName, mock: MockServer): Promise<Seen[]> {
  const seen: Seen[] = [];
  const fetch = recording(api, seen);
  if (api === "commet") {
    const client = createCommetClient({ apiKey: COMMET_KEY, baseUrl: mock.url, fetch, retries: 0 });
    const { data: features } = await client.GET("/features");
    for (const feature of features!.data) await client.GET("/features/{code}", { params: { path: { code: feature.code } } });
    const { data: customer } = await client.POST("/customers", {
      body: { email: "casey@seeded.test", fullName: "Casey Seeded", metadata: { mock_payment_method: "card" } },
    });
    for (const planCode of ["pro", "team"]) {
      const { data: subscription } = await client.POST("/subscriptions", { body: { customerId: customer!.data.id, planCode, skipTrial: true } });
      await client.GET("/subscriptions/{id}", { params: { path: { id: subscription!.data.id } } });
      // A customer has one active subscription at a time: cancel this one (the mock's control route) before the next.
      await globalThis.fetch(`${mock.controlUrl}/commet/cancel/${subscription!.data.id}`, { method: "POST" });
    }
    await client.GET("/subscriptions", { params: { query: {} } });
    return seen;
  }
  const fixtures = mock.fixtures();
  const get =
    api === "onet"
      ? (createOnetClient({ token: ONET_TOKEN, baseUrl: mock.url, fetch, retries: 0 }).GET as unknown as AnyGet)
      : (createCloudPlansClient({ token: CLOUDPLANS_TOKENS.owner, baseUrl: mock.url, fetch, retries: 0 }).GET as unknown as AnyGet);
  for (const operation of getOperations(api).operations.filter((candidate) => candidate.method === "get")) {
    await get(operation.path, { params: { path: fromFixtures(fixtures, operation, "path"), query: fromFixtures(fixtures, operation, "query") } });
  }
  if (api === "cloudplans") {
    // The outsider's free-tier organization too, found as its owner finds it.
    const outsider = createCloudPlansClient({ token: CLOUDPLANS_TOKENS.outsider, baseUrl: mock.url, fetch, retries: 0 });
    const { data } = await outsider.GET("/v1/organizations/list");
    const orgId = data!.data.organizations[0]!.org_id;
    await outsider.GET("/v1/organizations/credentials/list", { params: { query: { org_id: orgId } } });
    await outsider.GET("/v1/organizations/plans/list", { params: { query: { org_id: orgId } } });
  }
  return seen;
}

async function withMock<T>(api: ApiName, seed: number | undefined, use: (mock: MockServer) => Promise<T>): Promise<T> {
  const mock = await startMock(api, { now: () => NOW, ...(seed === undefined ? {} : { seed }) });
  try {
    return await use(mock);
  } finally {
    await mock.close();
  }
}

/** What the responses say, but the ids the API makes at random for what the test creates (Commet's customers and subscriptions). */
const bodies = (responses: readonly Seen[]) =>
  responses.map((seen) => `${seen.operation.operationId} ${seen.statusCode} ${seen.body.replace(/"(cus|sub)_[A-Za-z0-9]{16}"/g, '"$1_<random>"')}`);

// ------------------------------------------------------------------ the tests

describe.each(APIS)("a seeded %s mock", (api) => {
  it.each(SEEDS)(
    "seed %s: every GET its fixtures fill answers 200, valid against the spec, with none of the spec's example ids, names or amounts",
    async (seed) => {
      const responses = await withMock(api, seed, (mock) => readAccount(api, mock));
      const gets = responses.filter((seen) => seen.operation.method === "get");
      expect(gets.length).toBeGreaterThanOrEqual(api === "commet" ? 4 : getOperations(api).operations.filter((operation) => operation.method === "get").length);
      for (const seen of gets) expect(seen.statusCode, `${seen.operation.operationId}: ${seen.body}`).toBe(200);
      for (const seen of responses) expect(checkResponse(seen.operation, seen), seen.operation.operationId).toEqual([]);
      expect(leaksIn(api, gets)).toEqual([]);
    },
  );

  it("seed 0 (the default) is the documented data: the same answers as no seed, which show the spec's examples", async () => {
    const [unseeded, zero] = [await withMock(api, undefined, (mock) => readAccount(api, mock)), await withMock(api, 0, (mock) => readAccount(api, mock))];
    expect(bodies(zero)).toEqual(bodies(unseeded));
    // The scan above finds what is there: the documented data is made of the examples.
    expect(
      leaksIn(
        api,
        zero.filter((seen) => seen.operation.method === "get"),
      ).length,
    ).toBeGreaterThan(api === "commet" ? 3 : 10);
  });

  it("the same seed gives the same account; another seed another", async () => {
    const read = (seed: number) => withMock(api, seed, async (mock) => ({ fixtures: mock.fixtures(), responses: bodies(await readAccount(api, mock)) }));
    const [first, again, other] = [await read(7), await read(7), await read(8)];
    expect(again).toEqual(first);
    expect(other.responses).not.toEqual(first.responses);
    if (api !== "commet") {
      expect(other.fixtures).not.toEqual(first.fixtures);
      for (const [name, value] of Object.entries(first.fixtures.values)) expect(other.fixtures.values[name], name).not.toBe(value);
    }
  });

  it("reset (and the control route) return to the seeded account, not to seed 0", async () => {
    const documented = bodies(await withMock(api, 0, (mock) => readAccount(api, mock)));
    await withMock(api, 99, async (mock) => {
      const before = bodies(await readAccount(api, mock));
      expect(before).not.toEqual(documented);
      await changeSomething(api, mock);
      const changed = bodies(await readAccount(api, mock));
      expect(changed).not.toEqual(before);
      mock.reset();
      expect(bodies(await readAccount(api, mock))).toEqual(before);
      await changeSomething(api, mock);
      expect((await fetch(`${mock.controlUrl}/reset`, { method: "POST" })).status).toBe(204);
      expect(bodies(await readAccount(api, mock))).toEqual(before);
    });
  });
});

/** A change a user of the account can make, which shows in `readAccount`. */
async function changeSomething(api: ApiName, mock: MockServer): Promise<void> {
  const fixtures = mock.fixtures();
  if (api === "onet") {
    const client = createOnetClient({ token: ONET_TOKEN, baseUrl: mock.url, retries: 0 });
    const path = {
      organization_id: fixtures.values.organization_id!,
      project_id: fixtures.values.project_id!,
      id: fixtureValue(fixtures, "setDomainAutoRenew", "id")!,
    };
    const { response } = await client.PUT("/v1/organizations/{organization_id}/projects/{project_id}/domains/{id}/auto-renew", {
      params: { path },
      body: { auto_renew: false },
    });
    expect(response.status).toBe(200);
  } else if (api === "cloudplans") {
    const client = createCloudPlansClient({ token: CLOUDPLANS_TOKENS.owner, baseUrl: mock.url, retries: 0 });
    const { response } = await client.POST("/v1/organizations/update", {
      params: { query: { org_id: fixtures.values.org_id! } },
      body: { name: "Renamed by the test" } as never,
    });
    expect(response.status).toBe(200);
  } else {
    const client = createCommetClient({ apiKey: COMMET_KEY, baseUrl: mock.url, retries: 0 });
    const { data } = await client.GET("/features");
    const { response } = await client.PUT("/features/{code}/manage", {
      params: { path: { code: data!.data[0]!.code } },
      body: { name: "Renamed by the test" },
    });
    expect(response.status).toBe(200);
  }
}

describe("fixtures()", () => {
  it.each(APIS)("%s: names only the spec's parameters (or the documented role fixtures), of operations the spec has", async (api) => {
    const fixtures = await withMock(api, 5, async (mock) => mock.fixtures());
    const operations = getOperations(api).operations;
    const names = new Set([...operations.flatMap((operation) => operation.parameters.map((parameter) => parameter.name)), ...Object.keys(ROLE_FIXTURES[api])]);
    for (const name of Object.keys(fixtures.values)) expect(names, name).toContain(name);
    for (const [operationId, values] of Object.entries(fixtures.operations)) {
      const operation = operations.find((candidate) => candidate.operationId === operationId);
      expect(operation, operationId).toBeDefined();
      for (const name of Object.keys(values))
        expect(
          operation!.parameters.map((parameter) => parameter.name),
          `${operationId}.${name}`,
        ).toContain(name);
    }
  });

  it("OnetSolutions: the organization and project, and for every operation on one object an id of it, so every path can be filled", async () => {
    const fixtures = await withMock("onet", 5, async (mock) => mock.fixtures());
    expect(Object.keys(fixtures.values).sort()).toEqual(
      ["instance_id", "organization_id", "project_id", "session_id", ...Object.keys(ROLE_FIXTURES.onet)].sort(),
    );
    for (const operation of getOperations("onet").operations) {
      for (const parameter of operation.parameters.filter((candidate) => candidate.in === "path" && candidate.name !== "action_type")) {
        expect(fixtureValue(fixtures, operation.operationId, parameter.name), `${operation.operationId}.${parameter.name}`).toMatch(UUID);
      }
    }
    // The same name, different objects: what `id` names depends on the operation.
    expect(
      new Set(
        ["getDomain", "getHostingPlan", "getComputeTask", "deleteImage", "unsuspendInstance"].map((operationId) => fixtureValue(fixtures, operationId, "id")),
      ).size,
    ).toBe(5);
  });

  it("OnetSolutions: the ids of operations that change the account resolve too (an instance to unsuspend, an image to delete, hosting to cancel)", async () => {
    await withMock("onet", 5, async (mock) => {
      const fixtures = mock.fixtures();
      const client = createOnetClient({ token: ONET_TOKEN, baseUrl: mock.url, retries: 0 });
      const scope = { organization_id: fixtures.values.organization_id!, project_id: fixtures.values.project_id! };
      const id = (operationId: string) => ({ ...scope, id: fixtureValue(fixtures, operationId, "id")! });
      const statuses = [
        (
          await client.POST("/v1/organizations/{organization_id}/projects/{project_id}/compute/instances/{id}/unsuspend", {
            params: { path: id("unsuspendInstance") },
          })
        ).response.status,
        (await client.DELETE("/v1/organizations/{organization_id}/projects/{project_id}/compute/images/{id}", { params: { path: id("deleteImage") } })).response
          .status,
        (await client.POST("/v1/organizations/{organization_id}/projects/{project_id}/hosting/{id}/cancel", { params: { path: id("cancelWebHosting") } }))
          .response.status,
      ];
      for (const status of statuses) expect(status).toBeLessThan(300);
    });
  });

  it("Cloud Plans: the organization of the owner's token, its plan and owner; Commet: the seeded customer", async () => {
    const cloudplans = await withMock("cloudplans", 5, async (mock) => mock.fixtures());
    expect(cloudplans).toEqual({
      values: {
        org_id: expect.stringMatching(/^org-[a-z]{4}$/),
        plan_id: expect.stringMatching(/^plan-[a-z]{6}-[a-z]{5}$/),
        owner_email: expect.stringMatching(/^[a-z.]+@[a-z.-]+$/),
      },
      operations: {},
    });
    expect(cloudplans.values.org_id).not.toBe(CLOUDPLANS_IDS.acme);
    expect(await withMock("commet", 5, async (mock) => mock.fixtures())).toEqual({
      values: { customerId: expect.stringMatching(/^cus_[A-Za-z0-9]{16}$/) },
      operations: {},
    });
  });

  it("seed 0: the spec's example ids", async () => {
    const onet = await withMock("onet", undefined, async (mock) => mock.fixtures());
    expect(onet.values).toMatchObject({ organization_id: IDS.organization, project_id: IDS.project });
    expect(fixtureValue(onet, "getDomain", "id")).toBe(IDS.domainFr);
    expect((await withMock("cloudplans", 0, async (mock) => mock.fixtures())).values).toEqual({
      org_id: CLOUDPLANS_IDS.acme,
      plan_id: CLOUDPLANS_IDS.planOfficeHours,
      owner_email: "ana.garcia@example.com",
    });
  });
});

describe("the seed sets keep their references, formats and ranges", () => {
  it.each(SEEDS)("OnetSolutions, seed %s: every reference names a seeded record; ids are UUIDs, names hostname-safe where they were", (seed) => {
    const data = onetSeed(seed);
    const ids = (records: readonly { id: string }[]) => new Set(records.map((record) => record.id));
    const [organizations, projects, sizes, images] = [
      new Set(data.organizations.map((organization) => organization.profile.id)),
      ids(data.projects),
      ids(data.catalogue.sizes),
      ids(data.images),
    ];
    for (const project of data.projects) expect(organizations).toContain(project.organizationId);
    for (const instance of data.instances) {
      expect(projects).toContain(instance.projectId);
      expect(data.projects.find((project) => project.id === instance.projectId)!.organizationId).toBe(instance.organizationId);
      expect(sizes).toContain(instance.sizeId);
      expect(images).toContain(instance.imageId);
      expect(instance.hostname).toMatch(/^[a-z0-9-]+\.[a-z0-9-]+\.fr$/);
    }
    for (const hosting of data.hostings) expect(ids(data.catalogue.hostingPlans)).toContain(hosting.planId);
    for (const domain of data.domains) expect(domain.dnsZone.zone_name).toBe(domain.name);
    // The hosted domain is the seeded .fr domain, under the same generated name.
    expect(data.hostings[0]!.domain).toBe(data.domains[0]!.name);
    expect(Object.values(data.ids).every((id) => UUID.test(id))).toBe(true);
    expect(new Set(Object.values(data.ids)).size).toBe(Object.keys(IDS).length);
    expect(Object.values(data.ids).some((id) => (Object.values(IDS) as string[]).includes(id))).toBe(false);
    // Credit and debts stay amounts a customer can have, and what is free stays free.
    expect(data.organizations.map((organization) => organization.creditCents)).toEqual([0, expect.any(Number), 0]);
    expect(data.organizations[1]!.creditCents).toBeGreaterThanOrEqual(100);
    const monitoring = data.catalogue.sizes[0]!.available_addons.find((link) => link.addon.slug === "monitoring")!;
    expect(monitoring.pricing_options[0]!.price).toBe("0.00");
  });

  it.each(SEEDS)("Cloud Plans, seed %s: members are the token users, resources use the organization's credentials, ids keep their prefixes", (seed) => {
    const data = cloudplansSeed(seed);
    for (const organization of data.organizations) {
      expect(organization.id).toMatch(/^org-[a-z]+$/);
      expect(organization.members.map((member) => member.email)).toContain(organization.owner);
      const credentials = new Set(organization.credentials.map((credential) => credential.id));
      for (const credential of organization.credentials) expect(credential.id).toMatch(/^cred-[a-z0-9-]+$/);
      for (const plan of organization.plans) for (const resource of plan.resources) expect(credentials).toContain(resource.credential);
    }
    const members = new Set(data.organizations.flatMap((organization) => organization.members.map((member) => member.email)));
    for (const email of data.users.values()) expect(members).toContain(email);
    expect(data.organizations[0]!.plans[0]!.resources[0]!.id).toMatch(/^i-[0-9a-f]{17}$/);
    for (const invoice of data.organizations[0]!.invoices) expect(invoice.amount).toMatch(/^\d+\.\d{2}$/);
  });

  it.each(SEEDS)("Commet, seed %s: the plans include catalogue features; prices are integer cents, free stays free", (seed) => {
    const data = commetSeed(seed);
    const codes = new Set(data.features.map((feature) => feature.code));
    for (const feature of data.features) {
      expect(feature.id).toMatch(/^feat_[A-Za-z0-9]{16}$/);
      expect(feature.code).toMatch(/^[a-z0-9_]+$/);
    }
    for (const plan of data.plans) {
      expect(plan.id).toMatch(/^plan_[A-Za-z0-9]{16}$/);
      for (const included of plan.features) expect(codes).toContain(included.code);
      for (const price of Object.values(plan.prices)) expect(Number.isSafeInteger(price) && price >= 0).toBe(true);
    }
    expect(data.plans.map((plan) => plan.code)).toEqual(PLANS.map((plan) => plan.code));
    expect(data.plans.find((plan) => plan.code === "free")!.prices).toEqual({ monthly: 0 });
  });
});

describe("seeding", () => {
  it("draws each value from the seed and the original: the same original, the same value; seed 0 keeps the original", () => {
    const [a, b, other] = [seeding(3), seeding(3), seeding(4)];
    expect(a.uuid(IDS.project)).toBe(b.uuid(IDS.project));
    expect(a.uuid(IDS.project)).not.toBe(other.uuid(IDS.project));
    expect(a.uuid(IDS.project)).not.toBe(a.uuid(IDS.organization));
    expect(seeding(0).uuid(IDS.project)).toBe(IDS.project);
    expect(seeding(0).name("Atelier Lumiere SAS")).toBe("Atelier Lumiere SAS");
  });

  it("keeps each format: UUID v4, prefix and character classes, name shape, domain's TLD, an amount's range", () => {
    const g = seeding(11);
    expect(g.uuid(IDS.user)).toMatch(UUID);
    expect(g.prefixedId("feat_ApiCalls00000001")).toMatch(/^feat_[A-Z][a-z]{2}[A-Z][a-z]{4}\d{8}$/);
    expect(g.prefixedId("i-0a1b2c3d4e5f60001")).toMatch(/^i-[0-9a-f]{17}$/);
    expect(g.name("web-01")).toMatch(/^[a-z]+-\d{2}$/);
    expect(g.name("Atelier Lumiere SAS")).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ [A-Z]{3}$/);
    expect(g.domain("blog.atelier-lumiere.fr")).toMatch(/^[a-z]+\.[a-z]+-[a-z]+\.fr$/);
    expect(g.email("camille.martin@atelier-lumiere.fr")).toMatch(/^[a-z]+\.[a-z]+@[a-z]+-[a-z]+\.fr$/);
    for (let original = 1; original <= 200; original++) expect(g.cents(original, 100, 999)).toBeGreaterThanOrEqual(100);
    expect(g.cents(0, 100, 999)).toBe(0);
  });

  it("never draws an avoided value, and gives different originals different values", () => {
    // A range of two: one value avoided, so every original draws the other, until it is taken.
    const g = seeding(5, new Set(["1"]));
    expect(g.integer(500, 1, 2)).toBe(2);
    expect(() => g.integer(501, 1, 2)).toThrow(/no integer 1-2 value for 501/);
  });

  it("startMock refuses a seed that is not a non-negative safe integer, naming it", async () => {
    for (const seed of [-1, 1.5, Number.NaN, 2 ** 53]) await expect(startMock("onet", { seed })).rejects.toThrow(/options\.seed must be an integer from 0/);
  });
});
