/**
 * The fetch that every specwright client hands to openapi-fetch: per-attempt timeouts, the caller's
 * AbortSignal, retries by policy (status, method, idempotency key, Retry-After), same-origin redirects
 * only, and bodies read with a size bound (error bodies cut, 2xx bodies refused past
 * `maxResponseBytes`). It returns the final response, or throws TimeoutError, NetworkError,
 * RedirectError, ResponseTooLargeError or the caller's abort reason.
 */
import { recordExchange, targetOf, type RequestTarget } from "./exchange.js";
import { NetworkError } from "./errors/network-error.js";
import { RedirectError } from "./errors/redirect-error.js";
import { ResponseTooLargeError } from "./errors/response-too-large-error.js";
import { TimeoutError } from "./errors/timeout-error.js";
import { MAX_ERROR_BODY_BYTES, requestPolicy, type RequestPolicy } from "./policy-options.js";
import type { Redactor } from "./redact.js";
import { bufferedResponse } from "./buffered-response.js";
import { backoffDelay } from "./retry/backoff.js";
import { parseRetryAfter } from "./retry/retry-after.js";
import { sleep } from "./sleep.js";
import type { VendorProfile } from "./vendor.js";

const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export interface TransportConfig {
  vendor: VendorProfile;
  /** The factory's name, for errors about per-request options. */
  factory: string;
  fetch: typeof fetch;
  /**
   * True when `fetch` is the platform's own (the caller gave none): the first request of an attempt is
   * then sent as `fetch(input, { signal, redirect, body })`, so that fetch builds the one Request it
   * always builds, instead of this transport building another before it. A caller's fetch still gets a
   * complete Request (tests and tracing read its signal and headers).
   */
  platformFetch?: boolean;
  /** The client's policy; a request's own options (`RequestPolicyOptions`) override it for that request. */
  policy: RequestPolicy;
  /** The client's redactor, recorded with each response for the errors built from it later. */
  redact: Redactor;
}

/** A response with its body read. */
type Buffered = { response: Response };
type Outcome = Buffered | { error: Error; retryable: boolean };

export function createTransport(config: TransportConfig): (input: Request) => Promise<Response> {
  return async function transport(input: Request): Promise<Response> {
    // openapi-fetch copies unknown per-request options onto the Request it builds (see README.md).
    const extra = input as Request & { retries?: unknown; timeoutMs?: unknown; maxResponseBytes?: unknown };
    const { retry: policy, timeoutMs, maxResponseBytes } = requestPolicy(extra, config.policy, config.factory);
    // Described only for an error: parsing the URL on every call would sit on the hot path.
    const label = () => targetOf(input.method, input.url);
    const signal = input.signal;
    const method = input.method.toUpperCase();
    // Money is never charged twice: a POST or PATCH is repeated only under a key the vendor honours
    // (the header is looked up only then, not on every call).
    const repeatable = policy.methods.includes(method) || ((method === "POST" || method === "PATCH") && hasIdempotencyKey(input, config.vendor));
    // Read once, so that every attempt can send it again.
    const body = input.body === null ? undefined : new Uint8Array(await input.arrayBuffer());

    for (let attempt = 1; ; attempt++) {
      signal.throwIfAborted();
      const outcome = await attemptOnce(input, body, signal, timeoutMs, maxResponseBytes, label, attempt);
      const retriesLeft = repeatable && attempt <= policy.limit;
      if ("error" in outcome) {
        if (!outcome.retryable || !retriesLeft || !policy.retryOnNetworkError) throw outcome.error;
        await sleep(backoffDelay(attempt - 1, policy), signal);
        continue;
      }
      const { response } = outcome;
      const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.now());
      recordExchange(response, { vendor: config.vendor, method: input.method, url: input.url, retryAfterMs, redact: config.redact });
      if (!retriesLeft || !policy.statuses.includes(response.status)) return response;
      // A server that asks for a longer wait than the policy allows gets its answer back, not a hang.
      if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) return response;
      await sleep(retryAfterMs ?? backoffDelay(attempt - 1, policy), signal);
    }
  };

  /** One attempt, following same-origin redirects, with the whole exchange (body included) under the timeout. */
  async function attemptOnce(
    input: Request,
    body: Uint8Array | undefined,
    signal: AbortSignal,
    timeoutMs: number,
    maxResponseBytes: number,
    label: () => RequestTarget,
    attempt: number,
  ): Promise<Outcome> {
    const timeout = new AbortController();
    // The body being read, if any: an abort cancels it at once, since a fetch may not tie its body to the
    // signal. Cancelling it here costs nothing per call, where racing the read (a promise and a listener) did.
    const reading: { reader?: ReadableStreamDefaultReader<Uint8Array> } = {};
    const abort = (reason?: unknown) => {
      timeout.abort(reason);
      reading.reader?.cancel().catch(() => undefined);
    };
    const timer = setTimeout(abort, timeoutMs);
    // One signal per attempt, the caller's abort forwarded to it: AbortSignal.any() costs ~20 µs a call on Node 20.
    const forwardAbort = () => abort(signal.reason);
    signal.addEventListener("abort", forwardAbort, { once: true });
    const combined = timeout.signal;
    try {
      let url = input.url;
      let method = input.method;
      let sendBody = body;
      for (let hop = 0; ; hop++) {
        const response = await (hop === 0 && config.platformFetch
          ? config.fetch(input, { body: sendBody ?? null, signal: combined, redirect: "manual" })
          : config.fetch(new Request(url, { method, headers: input.headers, body: sendBody, signal: combined, redirect: "manual" })));
        if (REDIRECT_STATUSES.has(response.status) && response.headers.has("location")) {
          response.body?.cancel().catch(() => undefined);
          const target = new URL(response.headers.get("location")!, url);
          if (target.origin !== new URL(input.url).origin)
            throw new RedirectError(label(), response.status, target.origin, "another origin would receive the credentials");
          if (hop + 1 >= MAX_REDIRECTS) throw new RedirectError(label(), response.status, target.origin, `more than ${MAX_REDIRECTS} redirects`);
          if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === "POST")) {
            method = "GET";
            sendBody = undefined;
          }
          url = target.href;
          continue;
        }
        return await buffered(response, maxResponseBytes, label, reading, combined);
      }
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      // Neither is a fault of the moment: the same request would meet it again.
      if (error instanceof RedirectError || error instanceof ResponseTooLargeError) throw error;
      if (timeout.signal.aborted) return { error: new TimeoutError(label(), timeoutMs, attempt), retryable: true };
      // fetch reports "no response" as a TypeError; anything else came from the caller's own fetch
      // (or its tracing wrapper) and is theirs to see, neither retried nor renamed.
      if (!(error instanceof TypeError)) throw error;
      return { error: new NetworkError(label(), attempt, { cause: error }), retryable: true };
    } finally {
      clearTimeout(timer);
      signal.removeEventListener("abort", forwardAbort);
    }
  }
}

function hasIdempotencyKey(input: Request, vendor: VendorProfile): boolean {
  const key = vendor.idempotencyHeader ? input.headers.get(vendor.idempotencyHeader) : null;
  return key !== null && key !== "";
}

/**
 * The response with its body read now (under the attempt's timeout): an error body cut at its bound, a
 * 2xx body refused past `maxResponseBytes`, both kept in a BufferedResponse.
 */
async function buffered(
  response: Response,
  maxResponseBytes: number,
  label: () => RequestTarget,
  reading: { reader?: ReadableStreamDefaultReader<Uint8Array> },
  signal: AbortSignal,
): Promise<Buffered> {
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  if (NULL_BODY_STATUSES.has(response.status) || response.body === null) return { response: new Response(null, init) };
  reading.reader = response.body.getReader();
  const bytes = response.ok
    ? await readBounded(reading.reader, signal, maxResponseBytes, () => new ResponseTooLargeError(label(), response.status, maxResponseBytes))
    : await readBounded(reading.reader, signal, MAX_ERROR_BODY_BYTES);
  return { response: bufferedResponse(bytes, init, response.url) };
}

/**
 * At most `limit` bytes of the stream, read chunk by chunk so that a body never costs more than the
 * limit (and one chunk) in memory; fetch has already decoded any content-encoding, so the count is of
 * decoded bytes and a gzip bomb stops at the limit too. Past the limit the stream is cancelled (which
 * drops the connection) and the body is cut, or, with `tooLarge`, refused with the error it returns.
 */
async function readBounded(reader: ReadableStreamDefaultReader<Uint8Array>, signal: AbortSignal, limit: number, tooLarge?: () => Error): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    // To refuse a body, one byte past the limit must be seen; to cut one, the limit is enough.
    while (tooLarge ? size <= limit : size < limit) {
      // Also an abort that came before the reader existed (while fetch settled), so had none to cancel.
      signal.throwIfAborted();
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
    // A cancelled read ends as if the body had: the abort, not a cut body, is the outcome.
    signal.throwIfAborted();
    if (tooLarge && size > limit) {
      chunks.length = 0;
      throw tooLarge();
    }
  } finally {
    // Not awaited: cancelling one branch of a tee'd body (a cloned Response) waits for the other branch.
    reader.cancel().catch(() => undefined);
  }
  // Most bodies arrive in one chunk: no second buffer, no copy.
  if (chunks.length === 1) return chunks[0]!.subarray(0, limit);
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all.subarray(0, Math.min(size, limit));
}
