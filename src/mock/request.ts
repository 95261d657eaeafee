/** Reading a request to the mock server: its body within `REQUEST_LIMITS`, its JSON within the depth bound, its headers as plain strings. */
import type { IncomingMessage } from "node:http";
import { FAULT_HEADER } from "./faults.js";
import { nestsDeeperThan } from "./json-depth.js";
import { REQUEST_LIMITS } from "./limits.js";
import { MockError } from "./mock-error.js";
import type { GenericErrors } from "./types.js";

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
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === FAULT_HEADER) continue;
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return headers;
}

/** A path segment decoded, or as it came when it is not valid percent-encoding. */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
