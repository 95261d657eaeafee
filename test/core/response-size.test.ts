// 2xx bodies are bounded by maxResponseBytes (default 32 MiB), counted on the decoded bytes as they
// stream: a gzip bomb or an endless body ends in a typed ResponseTooLargeError, sent once, with the
// connection dropped and the process's memory barely moved. Against a real loopback server, since
// what is proved is how fetch's own decoding and streaming behave.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as cloudplans from "../../src/cloudplans/index.js";
import { ApiError, ConfigurationError, createCommetClient, DEFAULT_MAX_RESPONSE_BYTES, ResponseTooLargeError } from "../../src/commet/index.js";
import * as onet from "../../src/onet/index.js";

const MiB = 1024 * 1024;
// gzip members may follow one another in one body, and gunzip expands each: 64 members of 16 MiB of
// zeros are 1 GiB decoded from ~1 MB on the wire, built in milliseconds.
const BOMB_MEMBER = gzipSync(Buffer.alloc(16 * MiB), { level: 9 });
const BOMB_MEMBERS = 64;

let server: Server;
let origin: string;
/** Requests per first path segment ("bomb", "endless", …). */
const received = new Map<string, number>();
/** Whether the server's response to each kind was closed before it had all been written. */
const cutShort = new Map<string, boolean>();

/** Writes the chunks one after another, waiting for the socket to drain; stops if the client goes. */
async function stream(response: ServerResponse, kind: string, next: () => Buffer | undefined): Promise<void> {
  let closed = false;
  response.on("close", () => {
    closed = true;
    cutShort.set(kind, !response.writableFinished);
  });
  for (let chunk = next(); chunk !== undefined && !closed; chunk = next()) {
    if (!response.write(chunk)) await drainedOrClosed(response);
  }
  if (!closed) response.end();
}

/** Resolves on "drain" or "close", whichever comes first, and leaves no listener behind (a long body drains thousands of times). */
function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off("drain", done).off("close", done);
      resolve();
    };
    response.once("drain", done).once("close", done);
  });
}

function handle(request: IncomingMessage, response: ServerResponse): void {
  const [kind = "", size = "0"] = new URL(request.url!, "http://x").pathname.split("/").filter(Boolean);
  received.set(kind, (received.get(kind) ?? 0) + 1);
  if (kind === "bomb") {
    response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
    let sent = 0;
    void stream(response, kind, () => (sent++ < BOMB_MEMBERS ? BOMB_MEMBER : undefined));
  } else if (kind === "endless") {
    response.writeHead(200, { "content-type": "application/json" });
    const chunk = Buffer.alloc(64 * 1024, "a");
    // Endless as far as any sane client can tell; a client still reading at 256 MiB has failed already,
    // and is cut off there so that a broken build cannot take the machine's memory with it.
    let sent = 0;
    void stream(response, kind, () => {
      if (sent++ < (256 * MiB) / chunk.length) return chunk;
      response.destroy();
      return undefined;
    });
  } else if (kind === "exact" || kind === "gzipped") {
    // A body of exactly `size` decoded bytes, plain or gzip-encoded.
    const body = Buffer.alloc(Number(size), "a");
    response.writeHead(200, { "content-type": "application/octet-stream", ...(kind === "gzipped" ? { "content-encoding": "gzip" } : {}) });
    response.end(kind === "gzipped" ? gzipSync(body) : body);
  } else {
    response.writeHead(404).end();
  }
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // fetch's one-time set-up would otherwise count as growth in the first test to measure it.
  await getBytes(client("exact/10"));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  received.clear();
  cutShort.clear();
});

const client = (path: string, options: { maxResponseBytes?: number } = {}) =>
  createCommetClient({ apiKey: "ck_sandbox_size", baseUrl: `${origin}/${path}`, ...options });

/**
 * GET /addons read as bytes: these bodies are not JSON, and openapi-fetch's `parseAs`, which the
 * typed init leaves out (only params, body and the request policy are typed), still works at run time.
 */
function getBytes(commet: ReturnType<typeof client>, init: { maxResponseBytes?: number } = {}): Promise<{ data?: ArrayBuffer }> {
  const get = commet.GET as unknown as (path: string, init: object) => Promise<{ data?: ArrayBuffer }>;
  return get("/addons", { ...init, parseAs: "arrayBuffer" });
}

/** The highest RSS seen while `work` runs, above what it was just before. */
async function rssGrowth<T>(work: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

describe("a 2xx body past maxResponseBytes", () => {
  it("a 1 GiB gzip bomb (~1 MB on the wire) ends in ResponseTooLargeError at the default 32 MiB, sent once, RSS growth under 100 MB", async () => {
    expect(BOMB_MEMBER.length * BOMB_MEMBERS).toBeLessThan(1.1 * MiB);
    const { result: error, growth } = await rssGrowth(() =>
      client("bomb")
        .GET("/addons")
        .catch((caught: unknown) => caught),
    );
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).not.toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ name: "ResponseTooLargeError", request: "GET /bomb/addons", status: 200, maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES });
    expect((error as Error).message).toContain("maxResponseBytes");
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(32 * MiB);
    // A GET is repeatable, but a body too large now is too large on the next attempt: never retried.
    expect(received.get("bomb")).toBe(1);
    expect(growth).toBeLessThan(100 * 1000 * 1000);
    console.log(`gzip bomb: RSS growth ${(growth / MiB).toFixed(1)} MiB`);
  });

  it("an endless body ends in ResponseTooLargeError, the connection dropped, RSS growth under 100 MB", async () => {
    const { result: error, growth } = await rssGrowth(() =>
      client("endless")
        .GET("/addons")
        .catch((caught: unknown) => caught),
    );
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error).toMatchObject({ request: "GET /endless/addons", maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES });
    expect(received.get("endless")).toBe(1);
    // The server stops writing because the client went away, not because the body ended.
    await expect.poll(() => cutShort.get("endless"), { timeout: 5_000 }).toBe(true);
    expect(growth).toBeLessThan(100 * 1000 * 1000);
    console.log(`endless body: RSS growth ${(growth / MiB).toFixed(1)} MiB`);
  });
});

describe("maxResponseBytes", () => {
  it("lets a body of exactly the limit through, and refuses one byte more", async () => {
    const atLimit = await getBytes(client("exact/100000", { maxResponseBytes: 100_000 }));
    expect(atLimit.data?.byteLength).toBe(100_000);
    const over = await getBytes(client("exact/100001", { maxResponseBytes: 100_000 })).catch((caught: unknown) => caught);
    expect(over).toBeInstanceOf(ResponseTooLargeError);
    expect(over).toMatchObject({ request: "GET /exact/100001/addons", maxResponseBytes: 100_000 });
  });

  it("counts decoded bytes: a gzip body small on the wire is refused for what it expands to", async () => {
    expect(gzipSync(Buffer.alloc(2 * MiB, "a")).length).toBeLessThan(MiB);
    const refused = await getBytes(client("gzipped/2097152", { maxResponseBytes: MiB })).catch((caught: unknown) => caught);
    expect(refused).toBeInstanceOf(ResponseTooLargeError);
    const accepted = await getBytes(client("gzipped/2097152", { maxResponseBytes: 2 * MiB }));
    expect(accepted.data?.byteLength).toBe(2 * MiB);
  });

  it("per request, overrides the client's limit both ways", async () => {
    const raised = await getBytes(client("exact/1500", { maxResponseBytes: 1000 }), { maxResponseBytes: 2000 });
    expect(raised.data?.byteLength).toBe(1500);
    const lowered = await getBytes(client("exact/1500"), { maxResponseBytes: 1000 }).catch((caught: unknown) => caught);
    expect(lowered).toBeInstanceOf(ResponseTooLargeError);
    expect(lowered).toMatchObject({ maxResponseBytes: 1000 });
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, "1024", 2 ** 53])(
    "refuses %s at construction and per request, naming the option",
    async (value) => {
      const construct = () => createCommetClient({ apiKey: "ck_sandbox_size", baseUrl: origin, maxResponseBytes: value as number });
      expect(construct).toThrow(ConfigurationError);
      expect(construct).toThrow(/option "maxResponseBytes" must be a positive whole number of bytes/);
      const perRequest = await client("exact/10")
        .GET("/addons", { maxResponseBytes: value as number })
        .catch((caught: unknown) => caught);
      expect(perRequest).toBeInstanceOf(ConfigurationError);
      expect(perRequest).toMatchObject({ option: "maxResponseBytes" });
      expect(received.get("exact")).toBeUndefined();
    },
  );

  it("is exported, the same class, from every vendor entry point", () => {
    expect(onet.ResponseTooLargeError).toBe(ResponseTooLargeError);
    expect(cloudplans.ResponseTooLargeError).toBe(ResponseTooLargeError);
    expect(onet.createOnetClient({ token: "sk-onetsolutions-x", maxResponseBytes: 1 })).toBeDefined();
    expect(() => cloudplans.createCloudPlansClient({ token: "t", baseUrl: "https://cp.example", maxResponseBytes: 0 })).toThrow(/maxResponseBytes/);
  });
});
