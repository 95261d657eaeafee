// The generated passes and the drivers' client open a connection per request. The race they avoid:
// after a synchronous stretch as long as the server's keep-alive timeout, fetch sends the next request
// on the idle socket just as the server closes it, and the case fails with "fetch failed". The server
// here makes that race certain: it drops any connection on which a second request arrives.
import { createServer, type Server } from "node:http";
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createEngine } from "../../src/contract/dredd/engine.js";
import { freshConnectionFetch } from "../../src/contract/fresh-connection.js";
import { send } from "../../src/contract/cases/request-base.js";
import { getOperations } from "../../src/spec/operations.js";

let server: Server | TcpServer | undefined;
afterEach(async () => {
  if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
  server = undefined;
});

/** Lets fetch put the connection back in its pool, where the next request would pick it up. */
const idle = () => new Promise((resolve) => setTimeout(resolve, 10));

/**
 * Answers the first request on each connection (keep-alive, with the `Connection` header it got and
 * its count of connections), and destroys the connection when a second request arrives on it.
 */
async function closesReusedConnections(): Promise<string> {
  let connections = 0;
  const tcp = createTcpServer((socket) => {
    connections += 1;
    let requests = 0;
    let head = "";
    socket.on("data", (chunk) => {
      head += chunk.toString("latin1");
      if (!head.includes("\r\n\r\n")) return;
      requests += 1;
      if (requests > 1) return void socket.destroy();
      const connection = /^connection: *(.*)$/im.exec(head)?.[1]?.trim() ?? null;
      head = "";
      const body = JSON.stringify({ connection, connections });
      socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: keep-alive\r\n\r\n${body}`);
    });
    socket.on("error", () => undefined);
  });
  server = tcp;
  await new Promise<void>((resolve) => tcp.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(tcp.address() as AddressInfo).port}`;
}

describe("a contract run's own requests", () => {
  it("control: plain fetch sends the next request on the idle connection, and fails", async () => {
    const url = await closesReusedConnections();
    await (await fetch(url)).text();
    await idle();
    await expect(fetch(url)).rejects.toThrow("fetch failed");
  });

  it("go out on a connection each through freshConnectionFetch, with a URL or a Request", async () => {
    const url = await closesReusedConnections();
    const fresh = freshConnectionFetch();
    await (await fresh(url)).text();
    await idle();
    expect(await (await fresh(url)).json()).toEqual({ connection: "close", connections: 2 });
    await idle();
    expect(await (await fresh(new Request(url, { method: "POST", body: "{}", headers: { accept: "application/json" } }))).json()).toEqual({
      connection: "close",
      connections: 3,
    });
  });

  it("keep a Request's own headers and method", async () => {
    const seen: { method?: string; accept?: string }[] = [];
    server = createServer((request, response) => {
      seen.push({ method: request.method, accept: request.headers.accept });
      response.end();
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await freshConnectionFetch()(new Request(url, { method: "DELETE", headers: { accept: "text/plain" } }));
    expect(seen).toEqual([{ method: "DELETE", accept: "text/plain" }]);
  });

  it("as the generated passes send them, with send()", async () => {
    const url = await closesReusedConnections();
    const operation = getOperations("commet").operations.find((candidate) => candidate.operationId === "listFeatures")!;
    const request = { path: {}, query: {}, headers: {} };
    const contractTarget = { baseUrl: url, credentials: { "x-api-key": "ck_sandbox_test" }, live: true };
    await send(contractTarget as never, operation, request);
    await idle();
    const second = await send(contractTarget as never, operation, request);
    expect(JSON.parse(second.body)).toEqual({ connection: "close", connections: 2 });
  });

  it('say why when no answer came: refused, with the code, not a bare "fetch failed"', async () => {
    const url = await closesReusedConnections();
    const port = new URL(url).port;
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const operation = getOperations("commet").operations.find((candidate) => candidate.operationId === "listFeatures")!;
    const contractTarget = { baseUrl: url, credentials: { "x-api-key": "ck_sandbox_test" }, live: true };
    await expect(send(contractTarget as never, operation, { path: {}, query: {}, headers: {} })).rejects.toThrow(
      `fetch failed: connect ECONNREFUSED 127.0.0.1:${port} (ECONNREFUSED)`,
    );
  });

  it("as the drivers' client sends them, against the mock and live, read-only or not", async () => {
    const url = await closesReusedConnections();
    for (const target of [
      { api: "commet", baseUrl: url, credentials: {} },
      { api: "commet", baseUrl: url, credentials: {}, live: true },
      { api: "commet", baseUrl: url, credentials: {}, live: true, allowWrites: true },
    ] as const) {
      let given: typeof fetch | undefined;
      createEngine({ api: "commet", mockCredentials: {}, drivers: {}, createClient: (_, fetchImpl) => (given = fetchImpl) }, target);
      await (await given!(url)).text();
      await idle();
      expect(await (await given!(url)).json()).toMatchObject({ connection: "close" });
    }
  });
});
