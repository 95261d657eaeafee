/**
 * Commet webhooks: check a delivery's `X-Commet-Signature` and read its envelope (issue 15, item 2).
 *
 * Commet POSTs a JSON envelope `{ id, event, timestamp, organizationId, mode, apiVersion, data }`
 * and signs the raw body: `X-Commet-Signature` is the hex HMAC-SHA256 of the body's bytes, keyed with
 * the endpoint's signing secret (`whsec_…`). The signature covers the body only; the `X-Commet-*`
 * headers are not signed, so nothing here reads them.
 *
 * Web Crypto (`globalThis.crypto.subtle`) does the HMAC, so this runs unchanged in Node ≥ 20, Deno,
 * Bun and edge runtimes, with no dependency and no `node:` import. Web Crypto is asynchronous, so
 * both functions return promises; the official SDK's `verify` is synchronous only because it uses
 * `node:crypto`.
 *
 * What a signature check accepts and refuses mirrors `Webhooks.verify` of `@commet/node` 7.10.0
 * (the official SDK), rule by rule:
 *
 * 1. A missing or empty signature, secret or payload is refused (`!signature || !secret || !payload`).
 *    The SDK types the payload as a string only; an empty body given as bytes is refused here too,
 *    so the same (empty) delivery gets the same answer whichever form it is passed in.
 * 2. The secret is the HMAC key as it is, `whsec_` prefix included, UTF-8 encoded (Node's
 *    `createHmac("sha256", secret)` with a string key). Nothing is stripped or decoded; a secret of
 *    blanks is a key like any other.
 * 3. A string payload is HMAC'd as its UTF-8 bytes (`hmac.update(string)`); bytes as they are. Lone
 *    surrogates become U+FFFD in both encoders, so even a malformed string gives the same bytes.
 * 4. The signature is read the way Node's `Buffer.from(signature, "hex")` reads it, then must be
 *    exactly 32 bytes (`timingSafeEqual` throws on a length mismatch, and the SDK answers false):
 *    - hex digits in either case (`ABCD…` is `abcd…`);
 *    - characters are taken two by two, and decoding stops silently at the first pair holding a
 *      non-hex character; an odd last character is dropped. So a prefix (`sha256=…`, `0x…`) or
 *      leading whitespace decodes to nothing and is refused, while the 64 correct digits followed by
 *      anything that does not start with another hex pair (trailing whitespace, `"\n"`, a 65th digit,
 *      `"zz"`) decode to the right 32 bytes and are accepted;
 *    - each UTF-16 code unit is cut to its low byte before decoding (Node casts it to `uint8_t`), so
 *      e.g. `"١"` (U+0661) reads as `"a"` (0x61). Real header values are Latin-1 and never meet
 *      this; it is mirrored so that direct calls agree with the SDK too.
 *    None of these weakens the check: whatever is accepted still has to carry the full correct MAC.
 * 5. Bytes are compared in constant time: `crypto.subtle.verify("HMAC", …)`, constant-time by spec,
 *    in place of the SDK's `timingSafeEqual`.
 * 6. Anything else that makes the SDK throw inside `verify` (a non-string signature or secret, a
 *    payload that is neither string nor bytes) gives false there, and false here.
 *
 * What it adds, outside the SDK: `toleranceMs` refuses envelopes whose `timestamp` is further than
 * that from now, either way (replay protection; the SDK has none), and `parseWebhook` checks the
 * envelope against the spec, where the SDK's `verifyAndParse` returns whatever `JSON.parse` gives.
 */
import type { webhooks } from "../../generated/commet/schema.js";
import { ConfigurationError } from "../core/errors/configuration-error.js";
import { SpecwrightError } from "../core/errors/specwright-error.js";

/** The events the spec's `webhooks` section describes. */
export type CommetWebhookEventName = Extract<keyof webhooks, string>;

type DeliveryBody<K extends CommetWebhookEventName> = NonNullable<webhooks[K]["post"]["requestBody"]>["content"]["application/json"];

/** A delivery of one of the spec's events, typed from the spec; narrow it on `event`. */
export type CommetWebhookEvent = { [K in CommetWebhookEventName]: DeliveryBody<K> }[CommetWebhookEventName];

/** The delivery of one event, e.g. `CommetWebhookEventOf<"addon.activated">`. */
export type CommetWebhookEventOf<K extends CommetWebhookEventName> = Extract<CommetWebhookEvent, { event: K }>;

/**
 * The spec's event names, at run time. Written out rather than read from generated/commet/openapi.json,
 * which would put the whole spec in the client's bundle; `satisfies` refuses a name the spec lacks, the
 * check below refuses a missing one, and a test compares the list with the spec's `webhooks` keys.
 */
const EVENT_NAMES = [
  "addon.activated",
  "addon.deactivated",
  "customer.created",
  "customer.updated",
  "customer.state_changed",
  "subscription.created",
  "subscription.activated",
  "subscription.canceled",
  "checkout.ready",
  "trial.checkout_ready",
] as const satisfies readonly CommetWebhookEventName[];

/** Returns the list; fails to compile, naming them, when the spec has events the list lacks ("does not satisfy the constraint 'never'"). */
function listsEvery<_Missing extends never>(names: readonly CommetWebhookEventName[]): readonly CommetWebhookEventName[] {
  return names;
}

/** The event names `parseWebhook` accepts: those of the spec's `webhooks` section. */
export const COMMET_WEBHOOK_EVENT_NAMES = listsEvery<Exclude<CommetWebhookEventName, (typeof EVENT_NAMES)[number]>>(EVENT_NAMES);

/** The raw body as received: a string, or its bytes. Verify it before any parsing or re-encoding. */
export type CommetWebhookPayload = string | Uint8Array | ArrayBuffer;

export interface VerifyWebhookParams {
  /** The raw request body, exactly as received (`await request.text()` or `await request.arrayBuffer()`). */
  payload: CommetWebhookPayload;
  /** The `X-Commet-Signature` header; `null`/`undefined` when absent (refused). */
  signature: string | null | undefined;
  /** The endpoint's signing secret (`whsec_…`), as Commet shows it; the prefix is part of the key. */
  secret: string;
  /**
   * Refuse deliveries whose envelope `timestamp` is more than this many milliseconds in the past or in
   * the future (replay protection). Off when absent. Commet retries a delivery for about 8 hours and
   * each retry keeps the original `timestamp`, so a tolerance shorter than that refuses late retries.
   */
  toleranceMs?: number;
  /** The clock `toleranceMs` compares with, in ms since the epoch; `Date.now` by default. For tests. */
  now?: () => number;
}

export type WebhookVerificationReason = "signature" | "json" | "shape" | "stale";

/**
 * Thrown by `parseWebhook`: `reason` says which check refused the delivery. The message never holds
 * the secret, the signature or the body.
 */
export class WebhookVerificationError extends SpecwrightError {
  override readonly name = "WebhookVerificationError";

  constructor(
    readonly reason: WebhookVerificationReason,
    message: string,
  ) {
    super(message);
  }
}

const PREFIX = "Commet webhook";
const SIGNATURE_BYTES = 32;

/**
 * Whether `signature` is the HMAC-SHA256 of `payload` under `secret` (and, with `toleranceMs`, whether
 * the envelope's `timestamp` is recent enough). Accepts and refuses signatures exactly as
 * `@commet/node`'s `Webhooks.verify` does (see the rules at the top of this file), in constant time.
 *
 * Asynchronous because Web Crypto is. Resolves to false for any refused delivery; rejects only on a
 * programming error (an invalid `toleranceMs` or `now`) or when the runtime has no Web Crypto.
 */
export async function verifyWebhook(params: VerifyWebhookParams): Promise<boolean> {
  const tolerance = readTolerance("verifyWebhook", params);
  const failure = await checkSignature(params);
  if (failure !== undefined) return false;
  if (tolerance === undefined) return true;
  const current = clock("verifyWebhook", tolerance);
  let envelope: unknown;
  try {
    envelope = JSON.parse(decode(params.payload));
  } catch {
    return false;
  }
  const timestamp = isRecord(envelope) ? envelope.timestamp : undefined;
  return typeof timestamp === "string" && staleness(timestamp, tolerance.ms, current) === undefined;
}

/**
 * Verifies the signature, then parses the body and checks the envelope against the spec: every
 * envelope field present with its type (`mode` `live`/`sandbox`, `apiVersion` `YYYY-MM-DD`,
 * `timestamp` an RFC 3339 date-time, `data` an object) and `event` one of the spec's events. `data`
 * itself is not validated (Commet adds fields without a new API version); unknown top-level fields
 * are kept. With `toleranceMs`, a `timestamp` further than that from now is refused.
 *
 * Commet sends many more events than the spec describes (`COMMET_WEBHOOK_EVENT_NAMES`); any other one
 * is refused with reason "shape". Subscribe the endpoint to the spec's events only, or answer 2xx to
 * such a refusal yourself: Commet retries a delivery that fails and disables an endpoint after three
 * failing events in a row.
 *
 * Asynchronous because Web Crypto is. Throws `WebhookVerificationError` with `reason` "signature",
 * "json", "shape" or "stale"; a `ConfigurationError` for an invalid `toleranceMs` or `now`.
 */
export async function parseWebhook(params: VerifyWebhookParams): Promise<CommetWebhookEvent> {
  const tolerance = readTolerance("parseWebhook", params);
  const failure = await checkSignature(params);
  if (failure !== undefined) throw new WebhookVerificationError("signature", `${PREFIX}: ${failure}.`);

  let body: unknown;
  try {
    body = JSON.parse(decode(params.payload));
  } catch {
    // The parser's own message quotes the body: not repeated, nor kept as the cause.
    throw new WebhookVerificationError("json", `${PREFIX}: the body is signed but is not JSON (UTF-8).`);
  }

  const fault = envelopeFault(body);
  if (fault !== undefined) throw new WebhookVerificationError("shape", `${PREFIX}: the body is not a Commet event envelope: ${fault}.`);
  const event = body as CommetWebhookEvent;

  if (tolerance !== undefined) {
    const stale = staleness(event.timestamp, tolerance.ms, clock("parseWebhook", tolerance));
    if (stale !== undefined) throw new WebhookVerificationError("stale", `${PREFIX}: ${stale}.`);
  }
  return event;
}

interface Tolerance {
  ms: number;
  now: () => number;
}

function readTolerance(fn: string, params: VerifyWebhookParams): Tolerance | undefined {
  if (params === null || typeof params !== "object") {
    throw new ConfigurationError("params", `${fn}: expected an object with "payload", "signature" and "secret".`);
  }
  const { toleranceMs, now } = params;
  if (now !== undefined && typeof now !== "function") {
    throw new ConfigurationError("now", `${fn}: option "now" must be a function returning ms since the epoch.`);
  }
  if (toleranceMs === undefined) return undefined;
  if (typeof toleranceMs !== "number" || !Number.isFinite(toleranceMs) || toleranceMs < 0) {
    throw new ConfigurationError("toleranceMs", `${fn}: option "toleranceMs" must be a finite number of milliseconds, 0 or more.`);
  }
  return { ms: toleranceMs, now: now ?? Date.now };
}

/** The injected clock's reading, checked: a NaN would make every comparison false, and so accept anything. */
function clock(fn: string, { now }: Tolerance): number {
  const current = now();
  if (typeof current !== "number" || !Number.isFinite(current)) {
    throw new ConfigurationError("now", `${fn}: option "now" must return a finite number of ms since the epoch.`);
  }
  return current;
}

/** Why the signature check fails (without the secret or signature), or undefined when it passes. */
async function checkSignature({ payload, signature, secret }: VerifyWebhookParams): Promise<string | undefined> {
  // Rule 1 and 6: absent, empty or mistyped inputs.
  if (typeof signature !== "string" || signature === "") return "no signature was given";
  if (typeof secret !== "string" || secret === "") return "no signing secret was given";
  const body = bytesOf(payload);
  if (body === undefined) return "the payload is neither a string nor bytes";
  if (body.byteLength === 0) return "the body is empty";
  // Rule 4.
  const mac = nodeHexDecode(signature);
  if (mac.byteLength !== SIGNATURE_BYTES) return "the signature is not a hex HMAC-SHA256";
  // Rules 2, 3 and 5.
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) throw new SpecwrightError(`${PREFIX}: this runtime has no Web Crypto (globalThis.crypto.subtle).`);
  const key = await subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
  return (await subtle.verify("HMAC", key, mac, body)) ? undefined : "the signature does not match the body";
}

/** A copy of the payload's bytes (UTF-8 for a string), or undefined for anything else. */
function bytesOf(payload: unknown): Uint8Array<ArrayBuffer> | undefined {
  if (typeof payload === "string") return new TextEncoder().encode(payload);
  if (ArrayBuffer.isView(payload)) return new Uint8Array(new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength));
  // Not `instanceof`: an ArrayBuffer from another realm (a vm context, some edge runtimes) fails it.
  if (Object.prototype.toString.call(payload) === "[object ArrayBuffer]") return new Uint8Array((payload as ArrayBuffer).slice(0));
  return undefined;
}

/** The payload as text; invalid UTF-8 throws. A BOM is kept (and so refused by JSON.parse), as in a string. */
function decode(payload: CommetWebhookPayload): string {
  if (typeof payload === "string") return payload;
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytesOf(payload));
}

/** 0–15 for an ASCII hex digit's code, -1 otherwise. */
function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x57;
  if (code >= 0x41 && code <= 0x46) return code - 0x37;
  return -1;
}

/**
 * `Buffer.from(text, "hex")` of Node (src/string_bytes.cc, `hex_decode`): pairs of characters, each
 * UTF-16 code unit cut to its low byte, until the first pair with a non-hex character; an odd last
 * character is ignored.
 */
function nodeHexDecode(text: string): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(text.length >> 1);
  let length = 0;
  for (; length < out.length; length++) {
    const high = hexValue(text.charCodeAt(2 * length) & 0xff);
    const low = hexValue(text.charCodeAt(2 * length + 1) & 0xff);
    if (high < 0 || low < 0) break;
    out[length] = (high << 4) | low;
  }
  return out.slice(0, length);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const KNOWN_EVENTS: ReadonlySet<string> = /* @__PURE__ */ new Set(EVENT_NAMES);
const API_VERSION = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
/** An event name is shown in a message only when it looks like one (a body may carry anything). */
const EVENT_LIKE = /^[a-z][a-z0-9_]{0,30}(\.[a-z][a-z0-9_]{0,30}){1,3}$/;

/** What is wrong with the envelope (naming the field, never echoing a value but a plain event name), or undefined. */
function envelopeFault(body: unknown): string | undefined {
  if (!isRecord(body)) return "it is not a JSON object";
  for (const field of ["id", "event", "timestamp", "organizationId", "mode", "apiVersion"] as const) {
    if (typeof body[field] !== "string") return `"${field}" is ${field in body ? "not a string" : "missing"}`;
  }
  const event = body.event as string;
  if (!KNOWN_EVENTS.has(event)) {
    const named = EVENT_LIKE.test(event) ? ` "${event}"` : "";
    return `the event${named} is not one of the spec's (${EVENT_NAMES.join(", ")})`;
  }
  const timestamp = body.timestamp as string;
  if (!DATE_TIME.test(timestamp) || Number.isNaN(Date.parse(timestamp))) return `"timestamp" is not an RFC 3339 date-time`;
  if (body.mode !== "live" && body.mode !== "sandbox") return `"mode" is neither "live" nor "sandbox"`;
  if (!API_VERSION.test(body.apiVersion as string)) return `"apiVersion" is not a YYYY-MM-DD date`;
  if (!("data" in body)) return `"data" is missing`;
  if (!isRecord(body.data)) return `"data" is not an object`;
  return undefined;
}

/** Why `timestamp` is outside the tolerance (or not a date), or undefined when within it. */
function staleness(timestamp: string, ms: number, current: number): string | undefined {
  const at = DATE_TIME.test(timestamp) ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(at)) return `"timestamp" is not an RFC 3339 date-time`;
  const age = current - at;
  if (age > ms) return `the event is ${age} ms old, more than the ${ms} ms tolerance`;
  if (-age > ms) return `the event is dated ${-age} ms in the future, more than the ${ms} ms tolerance`;
  return undefined;
}
