// Fault injection in the generic mock server, against real mocks on loopback: statuses with Retry-After
// (seconds and HTTP-dates), delays that hold up only their own request, connections dropped before and
// after the handler ran (with the idempotency key honoured), malformed JSON and HTML bodies, counts,
// operation scoping, the per-request x-specwright-fault header, strict validation of specs, and a
// close() that does not wait for pending delays. Seeds used: the Cloud Plans and OnetSolutions ones
// only (the Commet mock is not relied on).
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { cloudplansMock } from "../../src/mock/cloudplans/index.js";
import { FAULT_HEADER, type FaultSpec } from "../../src/mock/faults.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { MockError } from "../../src/mock/mock-error.js";
import { serveMock } from "../../src/mock/server.js";
import type { VendorMock } from "../../src/mock/types.js";

const OWNER = { authorization: "Bearer cp-test-owner" };
const NORA = "nora.new@example.com";
const ADD_NORA = { org_id: "org-acme", user_id: NORA, role: "viewer" };

let cloudplans: MockServer;
let onet: MockServer;
beforeAll(async () => {
  [cloudplans, onet] = await Promise.all([startMock("cloudplans"), startMock("onet")]);
});
afterAll(async () => {
  await Promise.all([cloudplans.close(), onet.close()]);
});
beforeEach(() => {
  cloudplans.reset();
  onet.reset();
});

// --- Cloud Plans calls, with plain fetch: fault replies are not the spec's, so nothing here validates them.

const listOrganizations = (headers: Record<string, string> = {}, signal?: AbortSignal) =>
  fetch(`${cloudplans.url}/v1/organizations/list?action=list`, { headers: { ...OWNER, ...headers }, ...(signal ? { signal } : {}) });
const listPlans = () => fetch(`${cloudplans.url}/v1/organizations/plans/list?action=list_plans&org_id=org-acme`, { headers: OWNER });
const addNora = (headers: Record<string, string> = {}, body: unknown = ADD_NORA, server: MockServer = cloudplans) =>
  fetch(`${server.url}/v1/organizations/users/add?action=add_user`, {
    method: "POST",
    headers: { ...OWNER, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
/** How many times nora is a member of Acme. */
async function noras(server: MockServer = cloudplans): Promise<number> {
  const response = await fetch(`${server.url}/v1/organizations/users/list?action=users&org_id=org-acme`, { headers: OWNER });
  expect(response.status).toBe(200);
  const { users } = (await response.json()) as { users: { email: string }[] };
  return users.filter((user) => user.email === NORA).length;
}

/** Fails unless the fetch failed at the network level: the connection was closed without a reply. */
async function expectDropped(pending: Promise<Response>): Promise<void> {
  const error = await pending.then(
    (response) => {
      throw new Error(`expected a dropped connection, got ${response.status}`);
    },
    (error: unknown) => error as TypeError & { cause?: { code?: string; message?: string } },
  );
  expect(error).toBeInstanceOf(TypeError);
  expect(error.message).toBe("fetch failed");
  expect(`${error.cause?.code ?? ""} ${error.cause?.message ?? ""}`).toMatch(/UND_ERR_SOCKET|ECONNRESET|EPIPE|other side closed|socket hang up/i);
}

/** The process's pending timers: a delayed request holds one in the mock. */
// Captured before any spy replaces it.
const realSetTimeout = globalThis.setTimeout;

/**
 * Watches for the mock's delay timer, told from every other timer of the process by its length
 * (fetch keeps timers that come and go, so counting all timers raced on a busy machine).
 */
function watchDelay(ms: number): {
  started(): Promise<ReturnType<typeof setTimeout>>;
  cleared(timer: ReturnType<typeof setTimeout>): boolean;
  restore(): void;
} {
  const delays: ReturnType<typeof setTimeout>[] = [];
  const setTimer = vi.spyOn(globalThis, "setTimeout").mockImplementation(((callback: () => void, after?: number) => {
    const timer = realSetTimeout(callback, after);
    if (after === ms) delays.push(timer);
    return timer;
  }) as typeof setTimeout);
  const clear = vi.spyOn(globalThis, "clearTimeout");
  return {
    async started() {
      // Until the request reached the server and its delay started.
      for (let tries = 0; delays.length === 0; tries++) {
        if (tries > 100_000) throw new Error(`no ${ms} ms delay started`);
        await new Promise((resolve) => setImmediate(resolve));
      }
      return delays[0]!;
    },
    cleared: (timer) => clear.mock.calls.some(([candidate]) => candidate === timer),
    restore() {
      setTimer.mockRestore();
      clear.mockRestore();
    },
  };
}

const timed = async <T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> => {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
};

describe("status and Retry-After", () => {
  it("answers the vendor's error for the status, with Retry-After in seconds, then serves again", async () => {
    cloudplans.injectFault({ operationId: "listOrganizations", status: 429, retryAfter: 7 });
    const limited = await listOrganizations();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(limited.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await limited.json()).toMatchObject({ status: 429, error: "rate_limited" });
    expect((await listOrganizations()).status).toBe(200);
  });

  it("sends an HTTP-date as given, and a vendor that quotes the wait quotes the seconds left", async () => {
    const at = new Date(Math.ceil(Date.now() / 1000) * 1000 + 30_000).toUTCString();
    onet.injectFault({ status: 429, retryAfter: at });
    const limited = await fetch(`${onet.url}/v1/organizations`, { headers: { authorization: "Bearer sk-onetsolutions-faults" } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe(at);
    const { detail } = (await limited.json()) as { detail: string };
    expect(detail).toMatch(/^Request was throttled\. Expected available in (29|30|31) seconds\.$/);
  });

  it("answers before authentication: a request without credentials gets the fault, not a 401", async () => {
    cloudplans.injectFault({ status: 503 });
    expect((await fetch(`${cloudplans.url}/v1/organizations/list?action=list`)).status).toBe(503);
    expect((await fetch(`${cloudplans.url}/v1/organizations/list?action=list`)).status).toBe(401);
  });
});

describe("delays", () => {
  it("answers the real reply late, without holding up other requests", async () => {
    cloudplans.injectFault({ operationId: "listOrganizations", delayMs: 600 });
    let settled = false;
    const slow = timed(() => listOrganizations()).finally(() => (settled = true));
    for (let n = 0; n < 3; n += 1) expect((await listPlans()).status).toBe(200);
    expect(settled).toBe(false);
    const { value: response, ms } = await slow;
    expect(ms).toBeGreaterThanOrEqual(550);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 200 });
  });

  it("delays as many requests as its count, then none", async () => {
    // A delay no test waits for: the next request answering while the first is still held proves
    // that the fault was used up, without timing anything.
    cloudplans.injectFault({ operationId: "listOrganizations", delayMs: 60_000 });
    const delay = watchDelay(60_000);
    onTestFinished(() => delay.restore());
    const held = new AbortController();
    const first = listOrganizations({}, held.signal).then(
      () => "answered",
      () => "aborted",
    );
    let settled = false;
    void first.finally(() => (settled = true));
    await delay.started();
    const next = await listOrganizations({}, AbortSignal.timeout(30_000));
    expect(next.status).toBe(200);
    expect(settled).toBe(false);
    held.abort();
    expect(await first).toBe("aborted");
  });

  it("delays an injected status too", async () => {
    cloudplans.injectFault({ status: 503, delayMs: 300 });
    const { value, ms } = await timed(() => listOrganizations());
    expect(value.status).toBe(503);
    expect(ms).toBeGreaterThanOrEqual(250);
  });
});

describe("dropped connections", () => {
  it("drops before the handler ran: a network error, and nothing changed", async () => {
    cloudplans.injectFault({ operationId: "addOrganizationUser", drop: "before" });
    await expectDropped(addNora());
    expect(await noras()).toBe(0);
    expect((await addNora()).status).toBe(200);
    expect(await noras()).toBe(1);
  });

  it("drops after the handler ran: a network error, and the change happened exactly once", async () => {
    cloudplans.injectFault({ operationId: "addOrganizationUser", drop: "after" });
    await expectDropped(addNora());
    expect(await noras()).toBe(1);
    // A blind retry finds the work done (Cloud Plans has no idempotency keys: 409, and still one nora).
    expect((await addNora()).status).toBe(409);
    expect(await noras()).toBe(1);
  });

  it("drops after a delay", async () => {
    cloudplans.injectFault({ operationId: "addOrganizationUser", drop: "before", delayMs: 300 });
    const started = performance.now();
    await expectDropped(addNora());
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(await noras()).toBe(0);
  });

  describe("with idempotency keys", () => {
    // Cloud Plans with Commet-style idempotency keys on addOrganizationUser: the generic server's
    // idempotency path, independent of any one vendor's data.
    const keyed: VendorMock<unknown> = {
      ...(cloudplansMock as unknown as VendorMock<unknown>),
      idempotency: {
        header: "Idempotency-Key",
        operations: ["addOrganizationUser"],
        mismatch: () => new MockError(409, "idempotency_key_mismatch", "This Idempotency-Key was already used with a different request."),
        inProgress: () => new MockError(409, "idempotency_in_progress", "Still processing."),
      },
    };
    let server: MockServer;
    beforeAll(async () => {
      server = await serveMock(keyed);
    });
    afterAll(() => server.close());

    it("records the reply of a dropped request: a retry with the same key replays it instead of acting twice", async () => {
      server.injectFault({ operationId: "addOrganizationUser", drop: "after" });
      const key = { "idempotency-key": "retry-1" };
      await expectDropped(addNora(key, ADD_NORA, server));
      expect(await noras(server)).toBe(1);
      const replay = await addNora(key, ADD_NORA, server);
      expect(replay.status).toBe(200);
      expect(await replay.json()).toEqual({ status: 200 });
      expect(await noras(server)).toBe(1);
      const mismatch = await addNora(key, { ...ADD_NORA, role: "planner" }, server);
      expect(mismatch.status).toBe(409);
      expect(await mismatch.json()).toMatchObject({ error: "idempotency_key_mismatch" });
    });
  });
});

describe("unusable bodies", () => {
  it("sends a truncated JSON body as application/json, 200 by default", async () => {
    cloudplans.injectFault({ body: "malformed-json" });
    const response = await listOrganizations();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const text = await response.text();
    expect(text.startsWith("{")).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it("sends a malformed JSON body with the status given", async () => {
    cloudplans.injectFault({ body: "malformed-json", status: 500 });
    const response = await listOrganizations();
    expect(response.status).toBe(500);
    await expect(response.json()).rejects.toThrow(SyntaxError);
  });

  it("sends a proxy's HTML page as text/html, 502 by default, and with a status and Retry-After given", async () => {
    cloudplans.injectFault({ body: "html" });
    const bad = await listOrganizations();
    expect(bad.status).toBe(502);
    expect(bad.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await bad.text()).toContain("<title>502 Bad Gateway</title>");

    cloudplans.injectFault({ body: "html", status: 503, retryAfter: 5 });
    const unavailable = await listOrganizations();
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("5");
    expect(unavailable.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await unavailable.text()).toContain("<h1>503 Service Unavailable</h1>");
  });
});

describe("count and scope", () => {
  it("fails the next N requests, then serves normally", async () => {
    cloudplans.injectFault({ status: 503, count: 3 });
    const statuses = [];
    for (let n = 0; n < 5; n += 1) statuses.push((await listOrganizations()).status);
    expect(statuses).toEqual([503, 503, 503, 200, 200]);
  });

  it("applies a fault with an operationId to that operation only, leaving it queued until then", async () => {
    cloudplans.injectFault({ operationId: "listPlans", status: 429 });
    expect((await listOrganizations()).status).toBe(200);
    expect((await listOrganizations()).status).toBe(200);
    expect((await listPlans()).status).toBe(429);
    expect((await listPlans()).status).toBe(200);
  });

  it("takes the queued faults in order, and forgets them on DELETE /faults", async () => {
    cloudplans.injectFault({ status: 500 });
    cloudplans.injectFault({ status: 503 });
    expect((await listOrganizations()).status).toBe(500);
    expect((await listOrganizations()).status).toBe(503);
    const control = await fetch(`${cloudplans.controlUrl}/faults`, { method: "POST", body: JSON.stringify({ body: "html", count: 2 }) });
    expect(control.status).toBe(204);
    expect((await listOrganizations()).status).toBe(502);
    expect((await fetch(`${cloudplans.controlUrl}/faults`, { method: "DELETE" })).status).toBe(204);
    expect((await listOrganizations()).status).toBe(200);
  });
});

describe("the x-specwright-fault header", () => {
  const fault = (spec: unknown) => ({ [FAULT_HEADER]: typeof spec === "string" ? spec : JSON.stringify(spec) });

  it("applies to the request carrying it only, and leaves the queue alone", async () => {
    cloudplans.injectFault({ status: 500 });
    const own = await listOrganizations(fault({ status: 503, retryAfter: 2 }));
    expect(own.status).toBe(503);
    expect(own.headers.get("retry-after")).toBe("2");
    expect(await own.json()).toMatchObject({ status: 503 });
    expect((await listOrganizations()).status).toBe(500);
    expect((await listOrganizations()).status).toBe(200);
  });

  it("carries every effect: a delay, a drop, a body", async () => {
    const late = await timed(() => listOrganizations(fault({ delayMs: 300 })));
    expect(late.value.status).toBe(200);
    expect(late.ms).toBeGreaterThanOrEqual(250);
    await expectDropped(addNora(fault({ drop: "after" })));
    expect(await noras()).toBe(1);
    expect((await listOrganizations(fault({ body: "html" }))).headers.get("content-type")).toMatch(/^text\/html/);
  });

  it("is never a credential: without Authorization a request that reaches authentication is refused", async () => {
    const response = await fetch(`${cloudplans.url}/v1/organizations/list?action=list`, { headers: fault({ delayMs: 0 }) });
    expect(response.status).toBe(401);
  });

  it("is removed before authentication, validation and the handler see the headers", async () => {
    const base = cloudplansMock as unknown as VendorMock<unknown>;
    const seen: Record<string, string>[] = [];
    const server = await serveMock({
      ...base,
      authenticate(headers) {
        seen.push({ ...headers });
        return base.authenticate(headers);
      },
    });
    try {
      const response = await fetch(`${server.url}/v1/organizations/list?action=list`, { headers: { ...OWNER, ...fault({ delayMs: 1 }) } });
      expect(response.status).toBe(200);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toHaveProperty("authorization");
      expect(seen[0]).not.toHaveProperty(FAULT_HEADER);
    } finally {
      await server.close();
    }
  });

  it.each([
    ["not JSON", "{status: 503}", /not a JSON fault spec/],
    ["a count", { status: 503, count: 2 }, /count cannot be given per request/],
    ["an operationId", { status: 503, operationId: "listOrganizations" }, /operationId cannot be given per request/],
    ["an invalid status", { status: 302 }, /fault status must be/],
    ["no effect", {}, /fault needs an effect/],
  ])("answers a header with %s with 400 naming the header, and serves nothing", async (_, spec, message) => {
    cloudplans.injectFault({ status: 500 });
    const response = await addNora(fault(spec));
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: string };
    expect(error).toMatch(/^x-specwright-fault header: /);
    expect(error).toMatch(message);
    // The queued fault is still there, and nora was not added.
    expect((await listOrganizations()).status).toBe(500);
    expect(await noras()).toBe(0);
  });
});

describe("invalid specs", () => {
  const invalid: [string, unknown, RegExp][] = [
    ["not an object", 503, /must be a JSON object/],
    ["an unknown field", { status: 429, retry_after: 5 }, /unknown field "retry_after"/],
    ["a status out of range", { status: 600 }, /fault status must be an integer from 400 to 599/],
    ["a success status without a body", { status: 200 }, /fault status/],
    ["a bodiless status with a body", { body: "html", status: 204 }, /fault status .*not 204/],
    ["a status that is not a number", { status: "503" }, /fault status/],
    ["a count of 0", { status: 500, count: 0 }, /fault count must be a positive integer/],
    ["a fractional count", { status: 500, count: 1.5 }, /fault count/],
    ["a negative retryAfter", { status: 429, retryAfter: -1 }, /fault retryAfter/],
    ["a retryAfter that is no HTTP-date", { status: 429, retryAfter: "in a minute" }, /fault retryAfter/],
    ["an HTTP-date with the wrong weekday", { status: 429, retryAfter: "Mon, 21 Oct 2015 07:28:00 GMT" }, /fault retryAfter/],
    ["a retryAfter alone", { retryAfter: 5 }, /fault retryAfter needs a status/],
    ["a negative delay", { delayMs: -1 }, /fault delayMs must be an integer from 0 to 60000/],
    ["a delay too long", { delayMs: 60_001 }, /fault delayMs/],
    ["an unknown drop", { drop: "sometimes" }, /fault drop must be "before" or "after"/],
    ["a drop with a status", { drop: "before", status: 503 }, /fault drop .*status/],
    ["a drop with a Retry-After", { drop: "after", retryAfter: 1 }, /fault drop .*retryAfter/],
    ["an unknown body", { body: "xml" }, /fault body must be "malformed-json" or "html"/],
    ["no effect", { count: 2 }, /fault needs an effect/],
    ["an unknown operationId", { operationId: "listAddons", status: 500 }, /fault operationId "listAddons"/],
    ["an empty operationId", { operationId: "", status: 500 }, /fault operationId/],
  ];

  it.each(invalid)("refuses %s, naming the field, from injectFault and the control route", async (_, spec, message) => {
    expect(() => cloudplans.injectFault(spec as FaultSpec)).toThrow(message);
    const control = await fetch(`${cloudplans.controlUrl}/faults`, { method: "POST", body: JSON.stringify(spec) });
    expect(control.status).toBe(400);
    expect(((await control.json()) as { error: string }).error).toMatch(message);
    // Nothing was queued.
    expect((await listOrganizations()).status).toBe(200);
  });

  it("throws a RangeError for values out of range and a TypeError for fields that do not fit", () => {
    expect(() => cloudplans.injectFault({ status: 600 })).toThrow(RangeError);
    expect(() => cloudplans.injectFault({ drop: "before", status: 503 })).toThrow(TypeError);
  });

  it("accepts every documented form", () => {
    const valid: FaultSpec[] = [
      { status: 429, retryAfter: 0 },
      { status: 503, retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT" },
      { delayMs: 0 },
      { delayMs: 60_000, drop: "after" },
      { drop: "before", count: 2 },
      { body: "malformed-json", status: 201 },
      { body: "html", status: 599, retryAfter: 1, operationId: "listPlans" },
    ];
    for (const spec of valid) expect(() => cloudplans.injectFault(spec)).not.toThrow();
  });
});

describe("close()", () => {
  it("resolves promptly with a delayed request pending, and that request fails", async () => {
    const server = await startMock("cloudplans");
    const delay = watchDelay(30_000);
    onTestFinished(() => delay.restore());
    server.injectFault({ delayMs: 30_000 });
    const outcome = fetch(`${server.url}/v1/organizations/list?action=list`, { headers: OWNER }).then(
      () => "answered",
      () => "failed",
    );
    const timer = await delay.started();
    const { ms } = await timed(() => server.close());
    // Far below the 30 s delay, with room for a loaded machine.
    expect(ms).toBeLessThan(5_000);
    expect(await outcome).toBe("failed");
    // The 30-second timer went with the server.
    expect(delay.cleared(timer)).toBe(true);
  });
});
