// Who may talk to a running mock: the control routes need the server's control token (in
// mock.controlUrl); on loopback every route refuses a Host that is not the mock's own address (DNS
// rebinding); every route refuses a foreign Origin (a web page's cross-site POST), API routes in the
// vendor's error shape. Listening beyond loopback, any Host passes, the rest still holds. (The Cloud
// Plans payment link carries the token: cloudplans-billing.test.ts pays through it.)
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { rawRequest } from "../helpers/raw-request.js";
import { TOKEN as ONET_TOKEN } from "../helpers/onet.js";
import { TOKENS } from "../helpers/cloudplans.js";

const SANDBOX = { "x-api-key": "ck_sandbox_guard" };
const EVIL = "http://evil.example";

let commet: MockServer;
let onet: MockServer;
let cloudplans: MockServer;
beforeAll(async () => {
  [commet, onet, cloudplans] = await Promise.all([startMock("commet"), startMock("onet"), startMock("cloudplans")]);
});
afterAll(async () => {
  await Promise.all([commet, onet, cloudplans].map((mock) => mock.close()));
});
beforeEach(() => commet.reset());

const origin = (mock: MockServer) => new URL(mock.url).origin;

async function customerCount(): Promise<number> {
  const response = await fetch(`${commet.url}/customers`, { headers: SANDBOX });
  return ((await response.json()) as { data: unknown[] }).data.length;
}

async function withOneCustomer(): Promise<void> {
  const created = await fetch(`${commet.url}/customers`, {
    method: "POST",
    headers: { ...SANDBOX, "content-type": "application/json" },
    body: '{"email":"kept@example.com"}',
  });
  expect(created.status).toBe(200);
  expect(await customerCount()).toBe(1);
}

describe("the control token", () => {
  it("is a random path segment of controlUrl, another for every server", () => {
    expect(commet.controlUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/__specwright\/[A-Za-z0-9_-]{22}$/);
    const tokens = new Set([commet, onet, cloudplans].map((mock) => mock.controlUrl.split("/").at(-1)));
    expect(tokens.size).toBe(3);
  });

  it("is required: a control request without it, or with another, is refused with 403 and changes nothing", async () => {
    await withOneCustomer();
    const other = onet.controlUrl.split("/").at(-1);
    for (const url of [`${origin(commet)}/__specwright/reset`, `${origin(commet)}/__specwright/${other}/reset`, `${origin(commet)}/__specwright`]) {
      const reply = await rawRequest(url, { method: "POST" });
      expect(reply.status, url).toBe(403);
      expect(reply.body, url).toEqual({ error: expect.stringContaining("control token") });
    }
    expect((await rawRequest(`${origin(commet)}/__specwright/faults`, { method: "POST", body: '{"status":500}' })).status).toBe(403);
    expect(await customerCount()).toBe(1);
    expect((await fetch(`${commet.controlUrl}/reset`, { method: "POST" })).status).toBe(204);
    expect(await customerCount()).toBe(0);
  });
});

describe("a foreign Origin", () => {
  it("cannot reset or jam the mock with a text/plain POST, even with the token", async () => {
    await withOneCustomer();
    for (const route of ["reset", "faults"]) {
      const reply = await rawRequest(`${commet.controlUrl}/${route}`, {
        method: "POST",
        headers: { origin: EVIL, "content-type": "text/plain" },
        body: '{"status":500,"count":5}',
      });
      expect(reply.status, route).toBe(403);
      expect(reply.body, route).toEqual({ error: expect.stringContaining(`Origin "${EVIL}" is not this mock server's own origin`) });
    }
    expect(await customerCount()).toBe(1);
    // No fault was queued.
    expect((await fetch(`${commet.url}/customers`, { headers: SANDBOX })).status).toBe(200);
  });

  it("is refused on API routes in each vendor's error shape; the mock's own origin passes", async () => {
    const commetReply = await rawRequest(`${commet.url}/customers`, { headers: { ...SANDBOX, origin: EVIL } });
    expect(commetReply.status).toBe(403);
    expect(commetReply.body).toMatchObject({ success: false, error: { type: "authentication_error", code: "forbidden" } });

    const onetReply = await rawRequest(`${origin(onet)}/v1/organizations`, { headers: { authorization: `Bearer ${ONET_TOKEN}`, origin: "null" } });
    expect(onetReply.status).toBe(403);
    expect(onetReply.body).toEqual({ detail: expect.stringContaining('Origin "null"') });

    const cloudplansReply = await rawRequest(`${origin(cloudplans)}/v1/organizations/list?action=list`, {
      headers: { authorization: `Bearer ${TOKENS.owner}`, origin: `${origin(cloudplans)}.evil.example` },
    });
    expect(cloudplansReply.status).toBe(403);
    expect(cloudplansReply.body).toMatchObject({ status: 403, error: "forbidden" });

    const own = await rawRequest(`${commet.url}/customers`, { headers: { ...SANDBOX, origin: origin(commet) } });
    expect(own.status).toBe(200);
  });
});

describe("a Host that is not the mock's own", () => {
  it("is refused with 403 on API and control routes (DNS rebinding), and changes nothing", async () => {
    await withOneCustomer();
    const port = new URL(commet.url).port;
    for (const foreign of [`rebind.evil.example:${port}`, `127.0.0.2:${port}`, `[::1]:${port}`, "evil.example"]) {
      const api = await rawRequest(`${commet.url}/customers`, { headers: { ...SANDBOX, host: foreign } });
      expect(api.status, foreign).toBe(403);
      expect(api.body, foreign).toMatchObject({ success: false, error: { code: "forbidden", message: expect.stringContaining("DNS-rebinding") } });
      const control = await rawRequest(`${commet.controlUrl}/reset`, { method: "POST", headers: { host: foreign } });
      expect(control.status, foreign).toBe(403);
      expect(control.body, foreign).toEqual({ error: expect.stringContaining(`Host "${foreign}" is not this mock server`) });
    }
    expect(await customerCount()).toBe(1);
  });

  it("passes as the mock's own address or localhost, on any port (a relay in front passes its own)", async () => {
    for (const own of [`LOCALHOST:${new URL(commet.url).port}`, "127.0.0.1:1", "localhost"]) {
      const reply = await rawRequest(`${commet.url}/customers`, { headers: { ...SANDBOX, host: own } });
      expect(reply.status, own).toBe(200);
    }
  });
});

describe("beyond loopback", () => {
  let open: MockServer;
  beforeAll(async () => {
    open = await startMock("commet", { host: "0.0.0.0" });
  });
  afterAll(() => open.close());

  it("accepts any Host, and still needs the token and refuses a foreign Origin", async () => {
    const port = new URL(open.url).port;
    const url = `http://127.0.0.1:${port}`;
    const path = new URL(open.controlUrl).pathname;
    expect((await rawRequest(`${url}/api/v1/customers`, { headers: { ...SANDBOX, host: `mock.lan:${port}` } })).status).toBe(200);
    expect((await rawRequest(`${url}${path}/reset`, { method: "POST", headers: { host: `mock.lan:${port}` } })).status).toBe(204);
    expect((await rawRequest(`${url}/__specwright/reset`, { method: "POST", headers: { host: `mock.lan:${port}` } })).status).toBe(403);
    expect((await rawRequest(`${url}${path}/reset`, { method: "POST", headers: { host: `mock.lan:${port}`, origin: EVIL } })).status).toBe(403);
    expect((await rawRequest(`${url}/api/v1/customers`, { headers: { ...SANDBOX, host: `mock.lan:${port}`, origin: `http://mock.lan:${port}` } })).status).toBe(
      200,
    );
  });
});
