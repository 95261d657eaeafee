// Errors without a response say where the request went: method, host and port, path, and for a
// network error the cause's code, e.g. `GET http://127.0.0.1:59998/api/v1/features failed without a
// response (ECONNREFUSED)`. Never a query string (it may carry a token) nor the credential.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import {
  ConfigurationError,
  createCommetClient,
  isSpecwrightError,
  NetworkError,
  RedirectError,
  ResponseTooLargeError,
  TimeoutError,
} from "../../src/commet/index.js";
import { createOnetClient } from "../../src/onet/index.js";
import { json, scriptedFetch } from "../helpers/scripted-fetch.js";

const KEY = "ck_live_Wh3reN0tT0Leak4ny";
const QUERY_SECRET = "cursor-token-QuerySecret-9f8e7d";

/** Every way an error reaches a log: message, toString, JSON, stack, fields. */
const serialised = (error: unknown) =>
  `${String(error)} ${JSON.stringify(error)} ${String((error as Error).stack)} ${JSON.stringify({ ...(error as object) })}`;

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a rejection"),
    (error: unknown) => error,
  );

/** A loopback port nothing listens on: one that was just listened on, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("NetworkError", () => {
  it("names the method, host, port, path and the cause's code, and nothing of the query or the key", async () => {
    const port = await closedPort();
    const client = createCommetClient({ apiKey: KEY, baseUrl: `http://127.0.0.1:${port}/api/v1`, retries: 0 });
    const error = await rejection(client.GET("/features", { params: { query: { cursor: QUERY_SECRET } } } as never));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message.startsWith(`GET http://127.0.0.1:${port}/api/v1/features failed without a response (ECONNREFUSED)`)).toBe(true);
    expect(error).toMatchObject({ code: "ECONNREFUSED", url: `http://127.0.0.1:${port}/api/v1/features`, request: "GET /api/v1/features", attempts: 1 });
    expect(serialised(error)).not.toContain(QUERY_SECRET);
    expect(serialised(error)).not.toContain(KEY);
  });

  it("counts the attempts and keeps the cause's own words, with any URL's query string cut", async () => {
    const cause = Object.assign(new Error(`proxy refused https://proxy.example/tunnel?auth=${QUERY_SECRET}`), { code: "ECONNRESET" });
    const server = scriptedFetch(new TypeError("fetch failed", { cause }));
    const client = createOnetClient({ token: "sk-onetsolutions-where", fetch: server.fetch, retries: { limit: 1, baseDelayMs: 1, maxDelayMs: 1 } });
    const error = await rejection(client.GET("/v1/organizations"));
    expect((error as Error).message).toBe(
      "GET https://api.onetsolutions.net/v1/organizations failed without a response (ECONNRESET) on attempt 2: proxy refused https://proxy.example/tunnel",
    );
    expect(server.requests).toHaveLength(2);
  });

  it("says so when the failure has no code", async () => {
    const server = scriptedFetch(new TypeError("fetch failed"));
    const error = await rejection(createCommetClient({ apiKey: KEY, fetch: server.fetch, retries: 0 }).GET("/addons"));
    expect((error as Error).message).toBe("GET https://commet.co/api/v1/addons failed without a response on attempt 1: fetch failed");
    expect((error as NetworkError).code).toBeUndefined();
  });
});

describe("TimeoutError, RedirectError, ResponseTooLargeError", () => {
  it("a timeout names where it waited, without the query", async () => {
    const server = scriptedFetch("hang");
    const client = createCommetClient({ apiKey: KEY, baseUrl: "http://127.0.0.1:4010/api/v1", fetch: server.fetch, timeoutMs: 20, retries: 0 });
    const error = await rejection(client.GET("/addons", { params: { query: { cursor: QUERY_SECRET } } }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe("GET http://127.0.0.1:4010/api/v1/addons timed out after 20 ms on attempt 1");
    expect(error).toMatchObject({ url: "http://127.0.0.1:4010/api/v1/addons", request: "GET /api/v1/addons" });
    expect(serialised(error)).not.toContain(QUERY_SECRET);
  });

  it("a refused redirect names the request and the other origin only", async () => {
    const server = scriptedFetch(new Response(null, { status: 302, headers: { location: `https://elsewhere.example:8443/steal?key=${QUERY_SECRET}` } }));
    const client = createCommetClient({ apiKey: KEY, fetch: server.fetch, retries: 0 });
    const error = await rejection(client.GET("/addons", { params: { query: { cursor: QUERY_SECRET } } }));
    expect(error).toBeInstanceOf(RedirectError);
    expect((error as Error).message).toBe(
      "GET https://commet.co/api/v1/addons: refused a 302 redirect to https://elsewhere.example:8443: another origin would receive the credentials",
    );
    expect(serialised(error)).not.toContain(QUERY_SECRET);
  });

  it("a body past the limit names the request, without the query", async () => {
    const server = scriptedFetch(json(200, { success: true, data: ["x".repeat(100)], hasMore: false }));
    const client = createCommetClient({ apiKey: KEY, fetch: server.fetch, maxResponseBytes: 10 });
    const error = await rejection(client.GET("/addons", { params: { query: { cursor: QUERY_SECRET } } }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as Error).message).toBe(
      "GET https://commet.co/api/v1/addons: the 200 response body exceeded maxResponseBytes (10 bytes); the read was stopped there",
    );
    expect(serialised(error)).not.toContain(QUERY_SECRET);
  });

  it("the client's credential is scrubbed from the url too, should a path carry it", async () => {
    const server = scriptedFetch(new TypeError("fetch failed"));
    const error = await rejection(createCommetClient({ apiKey: KEY, fetch: server.fetch, retries: 0 }).GET("/addons/{id}", { params: { path: { id: KEY } } }));
    expect((error as NetworkError).url).toBe("https://commet.co/api/v1/addons/[REDACTED]");
    expect(serialised(error)).not.toContain(KEY);
  });
});

describe("a path parameter the client refuses", () => {
  it("is a ConfigurationError naming params.path.<name>, never the value", async () => {
    const client = createCommetClient({ apiKey: KEY, fetch: scriptedFetch(json(200, {})).fetch });
    const empty = await rejection(client.GET("/addons/{id}", { params: { path: { id: "" } } }));
    expect(empty).toBeInstanceOf(ConfigurationError);
    expect(isSpecwrightError(empty)).toBe(true);
    expect((empty as ConfigurationError).option).toBe("params.path.id");
    expect((empty as Error).message).toBe('path parameter "id" of https://commet.co/api/v1/addons/{id} is missing or empty');
    const dots = await rejection(client.DELETE("/addons/{id}", { params: { path: { id: ".." } } }));
    expect(dots).toBeInstanceOf(ConfigurationError);
    expect((dots as ConfigurationError).option).toBe("params.path.id");
  });
});
