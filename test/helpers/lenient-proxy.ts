// A loopback proxy in front of a real mock that sees each request (method, path, query, body) and may
// answer it itself, e.g. a 201 to a request the spec refuses; it also keeps every request it got, so
// tests can count what a run sent.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  method: string;
  /** Relative to the API's base path, e.g. `/addons/adn_1`. */
  path: string;
  query: URLSearchParams;
  body: string;
  headers: Record<string, string>;
}

/** The reply to send instead of the mock's, or undefined to forward the request. */
export type Answer = (request: SeenRequest) => { status: number; body: unknown } | undefined;

export interface LenientProxy {
  url: string;
  /** Every request received, in order. */
  seen: SeenRequest[];
  close(): Promise<void>;
}

export async function startLenientProxy(upstreamUrl: string, answer: Answer = () => undefined): Promise<LenientProxy> {
  const upstream = new URL(upstreamUrl);
  const basePath = upstream.pathname.replace(/\/+$/, "");
  const seen: SeenRequest[] = [];
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(request.url ?? "/", "http://proxy.invalid");
    const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== "host" && name !== "content-length")) as Record<
      string,
      string
    >;
    const method = request.method ?? "GET";
    const seenRequest = { method, path: url.pathname.slice(basePath.length), query: url.searchParams, body, headers };
    seen.push(seenRequest);
    const own = answer(seenRequest);
    if (own) {
      response.writeHead(own.status, { "content-type": "application/json" });
      response.end(JSON.stringify(own.body));
      return;
    }
    const real = await fetch(new URL(request.url ?? "/", upstream.origin), { method, headers, ...(body ? { body } : {}) });
    const passed = Object.fromEntries(
      [...real.headers].filter(([name]) => !["content-length", "transfer-encoding", "connection", "keep-alive"].includes(name)),
    );
    response.writeHead(real.status, passed);
    response.end(await real.text());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
