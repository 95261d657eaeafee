/**
 * Every request a contract run sends goes on a connection of its own (`Connection: close`).
 *
 * Why: a run has long synchronous stretches (dredd compiles the spec, fast-check builds arbitraries,
 * Ajv compiles schemas), and on a busy machine one of them can outlast the server's keep-alive timeout
 * (5 s for node:http). fetch then hands the next request to the idle socket the server has already
 * closed, and the case fails with "fetch failed" (UND_ERR_SOCKET) through no fault of the server.
 * Dredd's agent has keep-alive off for the same reason (dredd/run.ts). A connection per request costs a
 * TCP (and on https a TLS) handshake, which a contract run can afford; a false failure it cannot.
 */
export function freshConnectionFetch(fetchImpl?: typeof fetch): typeof fetch {
  return (input, init) => {
    const send = fetchImpl ?? globalThis.fetch;
    // A Request's own headers count unless init replaces them, as in fetch itself.
    if (input instanceof Request) return send(new Request(input, { ...init, headers: withClose(init?.headers ?? input.headers) }));
    return send(input, { ...init, headers: withClose(init?.headers) });
  };
}

/** The fetch every request of a contract run goes through (global fetch, read at each call). */
export const contractFetch: typeof fetch = freshConnectionFetch();

function withClose(headers: ConstructorParameters<typeof Headers>[0]): Headers {
  const merged = new Headers(headers);
  merged.set("connection", "close");
  return merged;
}
