/**
 * Who may talk to a running mock. A mock on loopback is still reachable from any web page the
 * developer opens: a page can POST `text/plain` to it (no CORS preflight), and a DNS-rebinding page
 * can even read its replies. So every request must name the mock's own address in `Host` (unless it
 * listens beyond loopback), a request with an `Origin` must come from the mock's own origin, and the
 * control routes need the server's control token, which only the process that started it knows.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { isLoopbackHost } from "../core/options.js";

/** A bound address (`127.0.0.1`, `::1`) judged by the clients' own loopback rule, through the URL parser. */
export function isLoopbackAddress(address: string): boolean {
  try {
    return isLoopbackHost(new URL(`http://${address.includes(":") ? `[${address}]` : address}`).hostname);
  } catch {
    return false;
  }
}

/** A fresh control token: 128 random bits, URL-safe. */
export function createControlToken(): string {
  return randomBytes(16).toString("base64url");
}

/** Compares in constant time, so the reply's timing does not leak the token a character at a time. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface RequestGuard {
  /** Why the request is refused (for the error message), or undefined when it may proceed. */
  refusal(headers: { host?: string | undefined; origin?: string | undefined }): string | undefined;
}

/**
 * The guard for a server listening on `address`. On loopback, the `Host` name must be that address or
 * `localhost`: a DNS-rebinding page reaches the mock under its own host name, so it is refused. The
 * port is not compared: a browser always sends the port it connected to, and a TCP relay in front of
 * the mock (the contract tests use one) passes its own port through. Listening beyond loopback the
 * mock cannot know every name it is reached by, so any `Host` passes there (the CLI warns about it).
 * Either way an `Origin`, when sent, must be `http://` and the `Host` the request was sent to: a
 * browser sends it on every cross-site POST.
 */
export function requestGuard(address: string): RequestGuard {
  const loopback = isLoopbackAddress(address);
  const own = new Set([address.includes(":") ? `[${address}]` : address, "localhost"].map((name) => name.toLowerCase()));
  function judge(host: string | undefined, origin: string | undefined): string | undefined {
    const authority = host?.toLowerCase();
    if (loopback && (authority === undefined || !own.has(hostName(authority)))) {
      return `Host ${JSON.stringify(host ?? "")} is not this mock server (${[...own].join(" or ")}); requests are refused, so that a DNS-rebinding web page cannot reach it.`;
    }
    if (origin !== undefined && origin.toLowerCase() !== `http://${authority}`) {
      return `Origin ${JSON.stringify(origin)} is not this mock server's own origin; cross-site requests are refused, so that a web page cannot change or read the mock.`;
    }
    return undefined;
  }
  // A client sends the same Host (and Origin) on every request: the last verdict is kept for them.
  let last: { host: string | undefined; origin: string | undefined; refusal: string | undefined } | undefined;
  return {
    refusal({ host, origin }) {
      if (last === undefined || last.host !== host || last.origin !== origin) last = { host, origin, refusal: judge(host, origin) };
      return last.refusal;
    },
  };
}

/** `127.0.0.1:4010` → `127.0.0.1`, `[::1]:4010` → `[::1]`, `localhost` → `localhost`. */
function hostName(authority: string): string {
  return authority.replace(/:\d*$/, "");
}
