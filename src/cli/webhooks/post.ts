/**
 * Sends one delivery to a receiver the way Commet does, and says how it was answered: a 10 s deadline
 * (Commet's documented timeout), redirects not followed, and only the status kept (the body is never
 * read). node:http rather than fetch: fetch refuses some ports outright (its "bad ports", e.g. 6000) and
 * adds headers of its own.
 */
import { request as httpRequest, type ClientRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Delivery } from "./delivery.js";

/** How long a receiver has to answer, as Commet's docs give it ("times out (10 seconds)"). */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** The receiver's status, or why there is none; `ms` until the status arrived or the attempt failed. */
export type Outcome = { status: number; ms: number } | { error: string; unreachable: boolean; ms: number };

export type Post = (url: URL, delivery: Delivery) => Promise<Outcome>;

/** Errors raised before any connection was made: the receiver is not there, so sending more is pointless. */
const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host not found (DNS lookup failed)",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "connection timed out",
};

/** Errors after the connection was made: this delivery failed, the next may not. */
const FAILED: Record<string, string> = {
  ECONNRESET: "connection closed without an answer",
  EPIPE: "connection closed while sending",
  HPE_INVALID_CONSTANT: "the answer is not HTTP",
};

class DeadlineError extends Error {}

export function post(url: URL, delivery: Delivery, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<Outcome> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    // agent: false, so no kept-alive socket holds the process open once the command is done.
    const request: ClientRequest = send(url, {
      method: "POST",
      agent: false,
      headers: { ...delivery.headers, "content-length": String(Buffer.byteLength(delivery.body)) },
    });
    const deadline = setTimeout(() => request.destroy(new DeadlineError()), timeoutMs);
    request.on("response", (response) => {
      clearTimeout(deadline);
      resolve({ status: response.statusCode ?? 0, ms: ms() });
      // The body is not wanted: whatever a receiver answers, only its status is judged or shown.
      response.destroy();
    });
    request.on("error", (error: NodeJS.ErrnoException) => {
      clearTimeout(deadline);
      // After a response, a destroyed socket's error is expected and the promise is settled already.
      resolve(failure(error, url, timeoutMs, ms()));
    });
    request.end(delivery.body);
  });
}

function failure(error: NodeJS.ErrnoException, url: URL, timeoutMs: number, ms: number): Outcome {
  if (error instanceof DeadlineError) return { error: `no answer within ${timeoutMs / 1000} s`, unreachable: false, ms };
  const code = error.code ?? "";
  if (code in UNREACHABLE) return { error: `${UNREACHABLE[code]!} (${url.host})`, unreachable: true, ms };
  // Node's own messages (a TLS refusal, say) name the host and port at most, never a header or the body.
  return { error: FAILED[code] ?? error.message, unreachable: false, ms };
}
