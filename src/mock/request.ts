/**
 * Reading a request to the mock server: its target (path and query), its body within `REQUEST_LIMITS`,
 * its JSON within the depth bound, its headers as plain strings. Every request pays for these, so the
 * common case (a plain path, no body) takes a short way that gives the same answer as the long one.
 */
import type { IncomingMessage } from "node:http";
import { FAULT_HEADER } from "./faults.js";
import { nestsDeeperThan } from "./json-depth.js";
import { REQUEST_LIMITS } from "./limits.js";
import { MockError } from "./mock-error.js";
import type { GenericErrors } from "./types.js";

/** A request target's path (as the WHATWG URL parser gives it) and its query parameters (the last of a repeated name wins). */
export interface RequestTarget {
  pathname: string;
  query: Record<string, string>;
}

/**
 * Path segments of unreserved characters only, none of them `.` or `..`, and a query without a
 * fragment or a character the URL parser would percent-encode: for these, the URL parser's pathname
 * is the path as written, so it need not run (it costs about 2 µs a request).
 */
const PLAIN_PATH = /^(?:(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+\/?|\/)$/;
const PLAIN_QUERY = /^[\x21\x24-\x26\x28-\x3b\x3d\x3f-\x7e]*$/;

/** The path and query of a request's target, `/addons?limit=2` or anything a client may send. */
export function parseTarget(raw: string): RequestTarget {
  const mark = raw.indexOf("?");
  const path = mark < 0 ? raw : raw.slice(0, mark);
  const search = mark < 0 ? "" : raw.slice(mark + 1);
  if (PLAIN_PATH.test(path) && PLAIN_QUERY.test(search)) {
    return { pathname: path, query: search === "" ? {} : Object.fromEntries(new URLSearchParams(`?${search}`)) };
  }
  let url: URL;
  try {
    url = new URL(raw, "http://mock.invalid");
  } catch {
    // A path such as "/" + backslash parses as an empty host: not a URL, so no route. The vendor's 404 follows, not a 500.
    return { pathname: path, query: {} };
  }
  return { pathname: url.pathname, query: Object.fromEntries(url.searchParams) };
}

/** Whether a body follows the head: HTTP/1.1 frames one only with Content-Length or Transfer-Encoding (RFC 9112 §6.3). */
export function hasBody(request: IncomingMessage): boolean {
  const length = request.headers["content-length"];
  return request.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > REQUEST_LIMITS.bodyBytes) throw new MockError(413, "payload_too_large", `request bodies are limited to ${REQUEST_LIMITS.bodyBytes} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The parsed JSON body, undefined when there is none; refused in the vendor's shape (`errors`) when it is too deep or not JSON. */
export async function readJson(request: IncomingMessage, errors: GenericErrors): Promise<unknown> {
  if (!hasBody(request)) return undefined;
  const raw = await readBody(request);
  if (raw.length === 0) return undefined;
  // On the text, before parsing: nothing deeper is ever parsed, validated or stored.
  if (nestsDeeperThan(raw, REQUEST_LIMITS.jsonDepth)) {
    throw errors.validation("body", [{ field: "", message: `nests deeper than ${REQUEST_LIMITS.jsonDepth} levels` }]);
  }
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    throw errors.invalidJson();
  }
}

/** The request's headers, one string each, without the fault header: it is the server's, never the API's. */
export function flattenHeaders(request: IncomingMessage): Record<string, string> {
  const given = request.headers;
  // node:http joins repeated headers into one string, all but Set-Cookie (an array), which no request
  // needs: without it or the fault header, the request's own object is already what is wanted.
  if (given[FAULT_HEADER] === undefined && given["set-cookie"] === undefined) return given as Record<string, string>;
  const headers: Record<string, string> = {};
  for (const name in given) {
    const value = given[name];
    if (name === FAULT_HEADER || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}
