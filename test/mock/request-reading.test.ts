// How the mock server reads a request: the short ways it takes for the common request (a plain target,
// no body) must give what the long ways give, and a target the URL parser refuses gets the vendor's 404.
import { connect } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { parseTarget } from "../../src/mock/request.js";
import { getOperations } from "../../src/spec/operations.js";

/** What the server used to compute for every request, through the WHATWG URL parser. */
function byUrlParser(raw: string): { pathname: string; query: Record<string, string> } | "refused" {
  try {
    const url = new URL(raw, "http://mock.invalid");
    return { pathname: url.pathname, query: Object.fromEntries(url.searchParams) };
  } catch {
    return "refused";
  }
}

/** Characters that matter to a URL parser, and plain ones. */
const TARGET_CHARS = [
  "/",
  "a",
  "Z",
  "0",
  "_",
  "-",
  "~",
  ".",
  "..",
  "%",
  "%2F",
  "%41",
  "%zz",
  "?",
  "&",
  "=",
  "#",
  " ",
  "+",
  "é",
  "\\",
  "'",
  '"',
  "<",
  ";",
  ":",
  "@",
  "!",
];

describe("parseTarget", () => {
  it("gives the URL parser's path and query for any target it parses", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TARGET_CHARS), { maxLength: 12 }), (parts) => {
        const raw = `/${parts.join("")}`;
        const expected = byUrlParser(raw);
        if (expected === "refused") expect(parseTarget(raw).query).toEqual({});
        else expect(parseTarget(raw)).toEqual(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it("reads plain targets as written, repeated query names with the last value", () => {
    expect(parseTarget("/api/v1/addons/adn_1")).toEqual({ pathname: "/api/v1/addons/adn_1", query: {} });
    expect(parseTarget("/api/v1/addons?limit=2&limit=3&q=a+b%21")).toEqual({ pathname: "/api/v1/addons", query: { limit: "3", q: "a b!" } });
    expect(parseTarget("/api/v1/../v1/./addons")).toEqual({ pathname: "/api/v1/addons", query: {} });
  });
});

describe("the mock server reading requests", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock("commet");
  });
  afterAll(() => mock.close());

  /** One request written byte for byte, on its own connection; the status code of the reply. */
  function rawStatus(head: string): Promise<number> {
    const { hostname, port } = new URL(mock.url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.write(head));
      let text = "";
      socket.on("data", (chunk) => {
        text += chunk.toString("latin1");
        if (text.includes("\r\n")) {
          resolve(Number(text.slice(9, 12)));
          socket.destroy();
        }
      });
      socket.on("error", reject);
    });
  }
  const host = () => new URL(mock.url).host;

  it("answers a target the URL parser refuses with the vendor's 404, not a 500", async () => {
    expect(byUrlParser("/\\")).toBe("refused");
    expect(await rawStatus(`GET /\\ HTTP/1.1\r\nHost: ${host()}\r\nx-api-key: ck_sandbox_t\r\nConnection: close\r\n\r\n`)).toBe(404);
  });

  it("serves a GET whether its empty body is framed by Content-Length: 0, chunked, or not at all", async () => {
    const get = (framing: string, body = "") =>
      rawStatus(`GET /api/v1/addons HTTP/1.1\r\nHost: ${host()}\r\nx-api-key: ck_sandbox_t\r\n${framing}Connection: close\r\n\r\n${body}`);
    expect(await get("")).toBe(200);
    expect(await get("Content-Length: 0\r\n")).toBe(200);
    expect(await get("Transfer-Encoding: chunked\r\n", "0\r\n\r\n")).toBe(200);
  });

  it("still reads a body a GET carries, and refuses it when it is not JSON", async () => {
    const body = "{not json";
    const status = await rawStatus(
      `GET /api/v1/addons HTTP/1.1\r\nHost: ${host()}\r\nx-api-key: ck_sandbox_t\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
    );
    expect(status).toBe(400);
  });

  it("routes and validates a repeated target afresh each time (the route memo hands out copies)", async () => {
    const get = (target: string) => fetch(`${mock.url}${target}`, { headers: { "x-api-key": "ck_sandbox_t" } });
    for (let round = 0; round < 3; round++) {
      // limit is coerced to a number in place by validation: a memo sharing its objects would see 1, not "1".
      const page = (await (await get("/addons?limit=1")).json()) as { data: unknown[] };
      expect(page.data.length).toBeLessThanOrEqual(1);
      expect((await get("/addons?limit=many")).status).toBe(400);
      expect((await get("/addons/adn_missing")).status).toBe(404);
    }
    // More distinct targets than the memo keeps: each still routed as the first time.
    for (let i = 0; i < 300; i++) expect((await get(`/addons/adn_${i}`)).status).toBe(404);
    expect((await get("/addons?limit=1")).status).toBe(200);
  });

  it("gives every reply its own x-request-id", async () => {
    const ids = new Set<string | null>();
    for (let i = 0; i < 20; i++) ids.add((await fetch(`${mock.url}/addons`, { headers: { "x-api-key": "ck_sandbox_t" } })).headers.get("x-request-id"));
    expect(ids.size).toBe(20);
    for (const id of ids) expect(id).toMatch(/^req_[0-9a-f]{24}$/);
  });
});

describe("routing", () => {
  it("finds every operation of every spec by its path, with or without a trailing slash, and nothing for another segment count", () => {
    for (const api of ["commet", "onet", "cloudplans"] as const) {
      const index = getOperations(api);
      for (const operation of index.operations) {
        const path = operation.path.replace(/\{[^}]+\}/g, "x1");
        for (const given of [path, `${path}/`]) expect(index.match(operation.method.toUpperCase(), given)?.operation.operationId).toBe(operation.operationId);
        expect(index.match(operation.method.toUpperCase(), `${path}/x1/x1`)?.operation.path).not.toBe(operation.path);
      }
    }
  });
});
