// A "deliberately broken server": a loopback proxy in front of a real mock that tampers with the
// responses of chosen operations, so that tests can prove the contract catches each kind of lie.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { contractFetch } from "../../src/contract/fresh-connection.js";
import { CONTROL_PREFIX } from "../../src/mock/server.js";
import { getOperations } from "../../src/spec/operations.js";
import type { ApiName } from "../../src/spec/apis.js";

export interface Exchange {
  operationId: string | undefined;
  status: number;
  body: unknown;
  /** One of dredd's own transactions (dredd's User-Agent), not a request of a driver's set-up. */
  fromDredd: boolean;
}

/** Returns the reply to send instead, or undefined to pass the real one through. */
export type Tamper = (exchange: Exchange) => { status?: number; body?: unknown } | undefined;

/** `onRequest` sees every request the proxy forwards (method and path), e.g. to count writes. */
export async function startBrokenProxy(
  api: ApiName,
  upstreamUrl: string,
  tamper: Tamper,
  onRequest?: (method: string, path: string) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const upstream = new URL(upstreamUrl);
  const basePath = upstream.pathname.replace(/\/+$/, "");
  const index = getOperations(api);
  const server = createServer(async (request, response) => {
    onRequest?.(request.method ?? "GET", request.url ?? "/");
    // A real server has no control routes: the mock's fault injection and reset stay out of reach.
    if ((request.url ?? "").startsWith(CONTROL_PREFIX)) {
      response.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ detail: "Not found." }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== "host" && name !== "content-length")) as Record<
      string,
      string
    >;
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    let real: Response;
    try {
      // A connection each, as the runner's own requests: no idle socket the mock may be closing.
      real = await contractFetch(new URL(request.url ?? "/", upstream.origin), { method: request.method ?? "GET", headers, ...(body ? { body } : {}) });
    } catch (error) {
      // Say so at once rather than leave the client waiting for its timeout.
      response
        .writeHead(502, { "content-type": "application/json" })
        .end(JSON.stringify({ detail: `broken proxy: upstream failed: ${(error as Error).message}` }));
      return;
    }
    const text = await real.text();
    const path = new URL(request.url ?? "/", "http://proxy.invalid").pathname.slice(basePath.length);
    const operationId = index.match(request.method ?? "GET", path)?.operation.operationId;
    let status = real.status;
    let payload = text;
    try {
      const replaced = tamper({ operationId, status, body: JSON.parse(text), fromDredd: /^Dredd\//.test(request.headers["user-agent"] ?? "") });
      if (replaced) {
        status = replaced.status ?? status;
        if ("body" in replaced) payload = JSON.stringify(replaced.body);
      }
    } catch {
      // not JSON: pass through untouched
    }
    const passed = Object.fromEntries(
      [...real.headers].filter(([name]) => !["content-length", "transfer-encoding", "connection", "keep-alive"].includes(name)),
    );
    response.writeHead(status, passed);
    response.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A value of another JSON type than `value`, that no scalar or container schema of `value`'s kind accepts. */
export function wrongType(value: unknown): unknown {
  if (value === null) return {};
  if (Array.isArray(value)) return {};
  switch (typeof value) {
    case "string":
      return 42;
    case "number":
      return "42";
    case "boolean":
      return "yes";
    default:
      return [];
  }
}
