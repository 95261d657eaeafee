/**
 * Fault injection: make the next N requests (to one operation, or to any) misbehave the way real
 * servers and the proxies in front of them do: fail with a status (and a `Retry-After`), answer late,
 * drop the connection before or after the work was done, or send a body a client cannot parse.
 *
 * Two ways in, both validated here:
 * - queued: `MockServer.injectFault(spec)` or `POST <controlUrl>/faults` with the spec as JSON (a bad
 *   spec is a 400 `{ error }` there); `DELETE <controlUrl>/faults` and `reset()` forget them;
 * - per request: the `x-specwright-fault` header (`FAULT_HEADER`), a JSON spec without `operationId`
 *   and `count` that applies to the request carrying it only.
 */
import { nestsDeeperThan } from "./json-depth.js";
import { REQUEST_LIMITS } from "./limits.js";

/**
 * One fault. At least one effect (`status`, `body`, `delayMs` or `drop`) must be given.
 *
 * - `status` (and `retryAfter`): the vendor's own error for that status, in its error shape, without
 *   running the handler: taken before authentication, like a gateway's throttle.
 * - `body`: a reply no client can use: `"malformed-json"` is a truncated JSON document sent as
 *   `application/json` (status 200 by default: a success whose body broke), `"html"` is an HTML error
 *   page as a proxy or load balancer sends it, as `text/html` (status 502 by default).
 * - `drop: "before"`: the TCP connection is destroyed without running the handler: nothing changed.
 * - `drop: "after"`: the request is served as usual (authentication, validation, the idempotency key,
 *   the handler: its state changes happen and an idempotent reply is recorded), then the connection is
 *   destroyed instead of sending the reply. A retry with the same idempotency key replays.
 * - `delayMs`: wait that long before answering (or dropping). Alone, the real reply comes late: for
 *   timeout tests. Other requests are not held up.
 *
 * `status`, `body` and `drop: "before"` answer without running the handler; `delayMs` alone and
 * `drop: "after"` run it. `drop` sends nothing, so it takes no `status`, `body` or `retryAfter`.
 */
export interface FaultSpec {
  /** Only requests to this operation (an `operationId` of the API's spec); any operation when absent. */
  operationId?: string;
  /**
   * The status to answer with: 400 to 599; with `body`, 200 to 599 except 204, 205 and 304 (which
   * have no body). Defaults (with `body` only): 200 for `"malformed-json"`, 502 for `"html"`.
   */
  status?: number;
  /** How many requests get the fault; 1 by default. */
  count?: number;
  /**
   * Sent as `Retry-After` with the status: whole seconds (`7`), or an HTTP-date in the IMF-fixdate
   * form `Date.prototype.toUTCString()` gives (`"Wed, 21 Oct 2015 07:28:00 GMT"`).
   */
  retryAfter?: number | string;
  /** Milliseconds to wait before answering or dropping, 0 to `MAX_FAULT_DELAY_MS`. */
  delayMs?: number;
  /** Destroy the connection instead of answering: before the handler ran, or after. */
  drop?: "before" | "after";
  /** Send this instead of the vendor's error body; see `FAULT_BODIES`. */
  body?: FaultBodyKind;
}

/** The per-request fault header: `x-specwright-fault: {"status":503,"retryAfter":2}`. */
export const FAULT_HEADER = "x-specwright-fault";

/** The longest `delayMs` accepted: long enough for any timeout test, short enough not to hang a run. */
export const MAX_FAULT_DELAY_MS = 60_000;

export type FaultBodyKind = "malformed-json" | "html";

/** The unusable bodies a fault can send, as data: the status when none is given, the content type, the payload. */
export const FAULT_BODIES: Readonly<Record<FaultBodyKind, { defaultStatus: number; contentType: string; payload(status: number, reason: string): string }>> = {
  // Cut off mid-value, as when a connection breaks under a buffering proxy: valid UTF-8, invalid JSON.
  "malformed-json": { defaultStatus: 200, contentType: "application/json", payload: () => '{"data":{"id":"flt_7Qz3","status":"act' },
  // What nginx in front of a dead upstream answers.
  html: {
    defaultStatus: 502,
    contentType: "text/html; charset=utf-8",
    payload: (status, reason) =>
      `<html>\r\n<head><title>${status} ${reason}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
  },
};

/** Statuses whose replies carry no body, so a `body` fault cannot use them. */
const BODILESS_STATUSES: ReadonlySet<number> = new Set([204, 205, 304]);

const FIELDS = ["operationId", "status", "count", "retryAfter", "delayMs", "drop", "body"] as const;
/** What a per-request header fault cannot say: it is for its own request, once. */
const QUEUE_ONLY_FIELDS: ReadonlySet<string> = new Set(["operationId", "count"]);

/** IMF-fixdate (RFC 9110 §5.6.7), the only HTTP-date form a server may send. */
const IMF_FIXDATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/**
 * A fault spec checked field by field: throws a TypeError (wrong type, unknown field, effects that do
 * not go together) or a RangeError (value out of range), its message naming the field.
 * `knownOperations`, when given, are the operationIds a fault may name (a typo would never fire).
 */
export function parseFaultSpec(input: unknown, options: { perRequest?: boolean; knownOperations?: ReadonlySet<string> } = {}): FaultSpec {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new TypeError(`a fault must be a JSON object, got ${describe(input)}`);
  const raw = input as Record<string, unknown>;
  for (const name of Object.keys(raw)) {
    if (!(FIELDS as readonly string[]).includes(name))
      throw new TypeError(`fault has an unknown field ${JSON.stringify(name)}; the fields are ${FIELDS.join(", ")}`);
    if (options.perRequest && QUEUE_ONLY_FIELDS.has(name)) {
      throw new TypeError(`fault ${name} cannot be given per request: a header fault applies to the request carrying it, once`);
    }
  }
  const spec: FaultSpec = {};

  if (raw.operationId !== undefined) {
    if (typeof raw.operationId !== "string" || raw.operationId === "")
      throw new TypeError(`fault operationId must be a non-empty string, got ${describe(raw.operationId)}`);
    if (options.knownOperations && !options.knownOperations.has(raw.operationId)) {
      throw new RangeError(`fault operationId ${JSON.stringify(raw.operationId)} is not an operation of this API`);
    }
    spec.operationId = raw.operationId;
  }

  if (raw.body !== undefined) {
    if (raw.body !== "malformed-json" && raw.body !== "html") throw new TypeError(`fault body must be "malformed-json" or "html", got ${describe(raw.body)}`);
    spec.body = raw.body;
  }

  if (raw.status !== undefined) {
    const status = raw.status;
    if (spec.body !== undefined) {
      if (!isInteger(status) || status < 200 || status > 599 || BODILESS_STATUSES.has(status)) {
        throw new RangeError(`fault status must be an integer from 200 to 599 (not 204, 205 or 304) when a body is given, got ${describe(status)}`);
      }
    } else if (!isInteger(status) || status < 400 || status > 599) {
      throw new RangeError(`fault status must be an integer from 400 to 599, got ${describe(status)}`);
    }
    spec.status = status;
  }

  if (raw.count !== undefined) {
    if (!isInteger(raw.count) || raw.count < 1) throw new RangeError(`fault count must be a positive integer, got ${describe(raw.count)}`);
    spec.count = raw.count;
  }

  if (raw.retryAfter !== undefined) {
    const value = raw.retryAfter;
    const valid = typeof value === "number" ? isInteger(value) && value >= 0 : typeof value === "string" && isHttpDate(value);
    if (!valid) {
      throw new RangeError(
        `fault retryAfter must be whole seconds (a non-negative integer) or an HTTP-date like "Wed, 21 Oct 2015 07:28:00 GMT" (Date.prototype.toUTCString()), got ${describe(value)}`,
      );
    }
    spec.retryAfter = value as number | string;
  }

  if (raw.delayMs !== undefined) {
    if (!isInteger(raw.delayMs) || raw.delayMs < 0 || raw.delayMs > MAX_FAULT_DELAY_MS) {
      throw new RangeError(`fault delayMs must be an integer from 0 to ${MAX_FAULT_DELAY_MS}, got ${describe(raw.delayMs)}`);
    }
    spec.delayMs = raw.delayMs;
  }

  if (raw.drop !== undefined) {
    if (raw.drop !== "before" && raw.drop !== "after") throw new TypeError(`fault drop must be "before" or "after", got ${describe(raw.drop)}`);
    spec.drop = raw.drop;
  }

  // Effects that go together.
  if (spec.drop !== undefined) {
    const clash = (["status", "body", "retryAfter"] as const).find((name) => spec[name] !== undefined);
    if (clash) throw new TypeError(`fault drop sends no reply, so it cannot be combined with ${clash}`);
  }
  if (spec.retryAfter !== undefined && spec.status === undefined && spec.body === undefined) {
    throw new TypeError("fault retryAfter needs a status (or a body) to be sent with");
  }
  if (spec.status === undefined && spec.body === undefined && spec.delayMs === undefined && spec.drop === undefined) {
    throw new TypeError("fault needs an effect: status, body, delayMs or drop");
  }
  return spec;
}

/**
 * Whether the fault is served instead of the request (taken before authentication; the handler never
 * runs) rather than around it (the request is served as usual, then delayed or dropped).
 */
export function answersInstead(fault: FaultSpec): boolean {
  return fault.status !== undefined || fault.body !== undefined || fault.drop === "before";
}

/** The status a fault that answers sends. */
export function faultStatus(fault: FaultSpec): number | undefined {
  return fault.status ?? (fault.body === undefined ? undefined : FAULT_BODIES[fault.body].defaultStatus);
}

/**
 * Whole seconds from `now` (ms) to a fault's `retryAfter`, never negative: what a vendor's message
 * ("expected available in N seconds") says when the header is an HTTP-date.
 */
export function retryAfterSeconds(retryAfter: number | string, now: number): number {
  return typeof retryAfter === "number" ? retryAfter : Math.max(0, Math.ceil((Date.parse(retryAfter) - now) / 1000));
}

/** A request's own fault, from its `x-specwright-fault` header's value; throws a TypeError naming the header when it is not a valid one. */
export function faultFromHeader(value: string | string[] | undefined): FaultSpec | undefined {
  if (value === undefined) return undefined;
  const text = Array.isArray(value) ? value.join(", ") : value;
  if (nestsDeeperThan(Buffer.from(text), REQUEST_LIMITS.jsonDepth))
    throw new TypeError(`${FAULT_HEADER} header: nests deeper than ${REQUEST_LIMITS.jsonDepth} levels`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TypeError(`${FAULT_HEADER} header: not a JSON fault spec: ${JSON.stringify(text.slice(0, 200))}`);
  }
  try {
    return parseFaultSpec(json, { perRequest: true });
  } catch (error) {
    throw new TypeError(`${FAULT_HEADER} header: ${(error as Error).message}`);
  }
}

export class FaultQueue {
  private queue: (FaultSpec & { count: number })[] = [];
  private readonly knownOperations: ReadonlySet<string> | undefined;

  /** `operationIds`, when given, are those a fault may name; any other is refused. */
  constructor(operationIds?: Iterable<string>) {
    this.knownOperations = operationIds ? new Set(operationIds) : undefined;
  }

  /** Queues a fault after checking it (`parseFaultSpec`); throws TypeError or RangeError naming the bad field. */
  add(fault: FaultSpec): void {
    const spec = parseFaultSpec(fault, this.knownOperations ? { knownOperations: this.knownOperations } : {});
    this.queue.push({ ...spec, count: spec.count ?? 1 });
  }

  /** Takes the first fault that applies to this operation, if any. */
  take(operationId: string): FaultSpec | undefined {
    const index = this.queue.findIndex((fault) => fault.operationId === undefined || fault.operationId === operationId);
    if (index < 0) return undefined;
    const fault = this.queue[index]!;
    fault.count -= 1;
    if (fault.count === 0) this.queue.splice(index, 1);
    return fault;
  }

  clear(): void {
    this.queue = [];
  }
}

function isInteger(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value);
}

/** An IMF-fixdate that names a real instant (weekday included): what `toUTCString()` writes back. */
function isHttpDate(value: string): boolean {
  if (!IMF_FIXDATE.test(value)) return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && new Date(time).toUTCString() === value;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
