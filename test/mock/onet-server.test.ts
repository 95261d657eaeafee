// The OnetSolutions mock as a server: Bearer authentication (JWT or sk-onetsolutions- key), one account
// per token, scopes, DRF error bodies for the generic failures (non-UUID ids, unknown routes, methods and
// formats, malformed JSON), and fault injection.
import { beforeEach, describe, expect, it } from "vitest";
import { createOnetClient } from "../../src/onet/index.js";
import { IN_PROJECT, MISSING, SEED, TOKEN, jwt, raw, useOnetMock } from "../helpers/onet.js";

const { mock, client } = useOnetMock();
beforeEach(() => mock().reset());

const P = {
  cancel: "/v1/organizations/{organization_id}/projects/{project_id}/hosting/{id}/cancel",
  list: "/v1/organizations/{organization_id}/projects/{project_id}/hosting",
  domain: "/v1/organizations/{organization_id}/projects/{project_id}/domains/{id}",
} as const;

const inProject = `/v1/organizations/${SEED.organization}/projects/${SEED.project}`;
const NOT_PROVIDED = { detail: "Authentication credentials were not provided." };
const INVALID_TOKEN = { detail: "Invalid token." };

/** The seeded hosting account as this token's account sees it (with its `cancellation_requested_at`). */
const listed = async (token: string) => (await client(token).GET(P.list, { params: { path: IN_PROJECT } })).data!.results[0]!;

describe("authentication", () => {
  it.each([
    ["no Authorization header", { token: null }],
    ["an empty bearer token", { token: null, headers: { authorization: "Bearer " } }],
    ["another scheme", { token: null, headers: { authorization: `Token ${TOKEN}` } }],
  ])('answers %s with 401, DRF\'s "not provided" and a Bearer challenge', async (_, options) => {
    const response = await raw(mock().url, "GET", "/v1/organizations", options);
    expect(response.status).toBe(401);
    expect(response.body).toEqual(NOT_PROVIDED);
    expect(response.headers["www-authenticate"]).toBe('Bearer realm="api"');
  });

  it.each([
    ["a key without the sk-onetsolutions- prefix", { token: "sk_live_123" }],
    ["a bare prefix", { token: "sk-onetsolutions-" }],
    ["a token that is not a JWT (two parts)", { token: "header.payload" }],
    ["a token with a space in it", { token: null, headers: { authorization: `Bearer ${TOKEN} extra` } }],
  ])('answers %s (a wrong token) with 401, DRF\'s "Invalid token." and a Bearer challenge', async (_, options) => {
    const response = await raw(mock().url, "GET", "/v1/organizations", options);
    expect(response.status).toBe(401);
    expect(response.body).toEqual(INVALID_TOKEN);
    expect(response.headers["www-authenticate"]).toBe('Bearer realm="api"');
  });

  it("gives the client an AuthenticationError that quotes DRF's words for a wrong token", async () => {
    const wrong = createOnetClient({ token: "sk_live_123", baseUrl: mock().url, retries: 0, throwOnError: true });
    const error = await wrong.GET("/v1/organizations").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: "AuthenticationError", status: 401, body: INVALID_TOKEN });
    expect((error as Error).message).toContain("Invalid token.");
  });

  it("accepts an sk-onetsolutions- key and a JWT, through the client", async () => {
    for (const token of [TOKEN, jwt({ sub: SEED.user }), "aaa.bbb.ccc"]) {
      const { response } = await client(token).GET("/v1/organizations");
      expect(response.status).toBe(200);
    }
  });

  it("refuses every operation without a token, also for a catalogue read", async () => {
    const response = await raw(mock().url, "GET", `/v1/hosting/plans/${SEED.planPro}`, { token: null });
    expect(response).toMatchObject({ status: 401, body: NOT_PROVIDED });
  });
});

describe("accounts", () => {
  it("gives each API key its own copy of the seed set", async () => {
    const other = "sk-onetsolutions-other";
    await client().POST(P.cancel, { params: { path: { ...IN_PROJECT, id: SEED.hosting } } });
    expect((await listed(TOKEN)).cancellation_requested_at).not.toBeNull();
    expect((await listed(other)).cancellation_requested_at).toBeNull();
  });

  it("shares one account between the JWTs of one user (their sub), whatever their scopes", async () => {
    const writer = jwt({ sub: SEED.user });
    const reader = jwt({ sub: SEED.user, scope: "hosting:read" });
    await client(writer).POST(P.cancel, { params: { path: { ...IN_PROJECT, id: SEED.hosting } } });
    expect((await listed(reader)).cancellation_requested_at).not.toBeNull();
    expect((await listed(jwt({ sub: "someone-else" }))).cancellation_requested_at).toBeNull();
  });

  it("forgets every account on reset", async () => {
    await client().POST(P.cancel, { params: { path: { ...IN_PROJECT, id: SEED.hosting } } });
    mock().reset();
    expect((await listed(TOKEN)).cancellation_requested_at).toBeNull();
  });
});

describe("scopes", () => {
  it("lets a JWT's scope claim allow some operations and refuse the others with 403", async () => {
    const reader = client(jwt({ sub: SEED.user, scope: "hosting:read domains:read" }));
    expect((await reader.GET(P.list, { params: { path: IN_PROJECT } })).response.status).toBe(200);
    expect((await reader.GET(P.domain, { params: { path: { ...IN_PROJECT, id: SEED.domainFr } } })).response.status).toBe(200);
    const refused = await reader.POST(P.cancel, { params: { path: { ...IN_PROJECT, id: SEED.hosting } } });
    expect(refused.response.status).toBe(403);
    expect(refused.error).toEqual({ detail: "You do not have permission to perform this action." });
    expect((await reader.GET("/v1/organizations")).response.status).toBe(403);
    // Nothing was cancelled.
    expect((await listed(jwt({ sub: SEED.user }))).cancellation_requested_at).toBeNull();
  });

  it("refuses everything to a JWT whose scope is empty", async () => {
    const none = client(jwt({ sub: SEED.user, scope: "" }));
    expect((await none.GET("/v1/hosting/plans/{id}", { params: { path: { id: SEED.planPro } } })).response.status).toBe(403);
    expect((await none.GET("/v1/organizations")).response.status).toBe(403);
  });
});

describe("generic failures in DRF's shapes", () => {
  it.each([
    ["organization_id", `/v1/organizations/1042/projects/${SEED.project}/hosting`],
    ["project_id", `/v1/organizations/${SEED.organization}/projects/production/hosting`],
    ["an instance id", `${inProject}/compute/instances/web-01/console/${SEED.consoleSession}`],
    ["a task id", `${inProject}/compute/tasks/42`],
    ["a nested instance id", `${inProject}/compute/instances/web-01/tasks/${SEED.task}`],
    ["a domain id", `${inProject}/domains/atelier-lumiere.fr`],
    ["a plan id", "/v1/hosting/plans/web-pro"],
  ])("answers a non-UUID %s with 404 Not found.", async (_, path) => {
    expect(await raw(mock().url, "GET", path)).toMatchObject({ status: 404, body: { detail: "Not found." } });
  });

  it("answers an unknown route with 404 and a wrong method with 405", async () => {
    expect(await raw(mock().url, "GET", "/v1/instances")).toMatchObject({ status: 404, body: { detail: "Not found." } });
    expect(await raw(mock().url, "PATCH", `${inProject}/domains/${SEED.domainFr}`)).toMatchObject({ status: 405, body: { detail: "Method not allowed." } });
  });

  it("answers ?format= with a format it cannot render with 404, like DRF", async () => {
    expect(await raw(mock().url, "GET", "/v1/organizations?format=xml")).toMatchObject({ status: 404, body: { detail: "Not found." } });
    expect((await raw(mock().url, "GET", "/v1/organizations?format=json")).status).toBe(200);
  });

  it("answers malformed JSON with 400 {detail: JSON parse error}, on writes and reads alike", async () => {
    for (const [method, path] of [
      ["PUT", `${inProject}/domains/${SEED.domainFr}/auto-renew`],
      ["GET", `${inProject}/domains/${SEED.domainFr}`],
    ]) {
      const response = await raw(mock().url, method!, path!, { body: '{"auto_renew": ' });
      expect(response.status).toBe(400);
      expect((response.body as { detail: string }).detail).toMatch(/^JSON parse error - /);
    }
  });

  it("puts x-request-id on every response", async () => {
    const ok = await client().GET("/v1/organizations");
    const missing = await client().GET(P.domain, { params: { path: { ...IN_PROJECT, id: MISSING } } });
    for (const response of [ok.response, missing.response]) expect(response.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{24}$/);
  });
});

describe("fault injection", () => {
  it("throttles on demand (429, Retry-After, DRF's message), fails with 500, then recovers", async () => {
    mock().injectFault({ operationId: "listOrganizations", status: 429, retryAfter: 7 });
    const throttled = await client().GET("/v1/organizations");
    expect(throttled.response.status).toBe(429);
    expect(throttled.response.headers.get("retry-after")).toBe("7");
    expect(throttled.error).toEqual({ detail: "Request was throttled. Expected available in 7 seconds." });
    mock().injectFault({ status: 429, retryAfter: 1 });
    expect((await client().GET("/v1/organizations")).error).toEqual({ detail: "Request was throttled. Expected available in 1 second." });
    const control = await fetch(`${mock().controlUrl}/faults`, { method: "POST", body: JSON.stringify({ status: 500, count: 2 }) });
    expect(control.status).toBe(204);
    for (let n = 0; n < 2; n += 1) {
      const failed = await client().GET("/v1/hosting/plans/{id}", { params: { path: { id: SEED.planPro } } });
      expect(failed.response.status).toBe(500);
      expect(failed.error).toEqual({ detail: "A server error occurred." });
    }
    expect((await client().GET("/v1/organizations")).response.status).toBe(200);
  });
});
