/**
 * One delivery attempt: a POST to the receiver that ends with its status, a timeout or a connection
 * error. Redirects are not followed (a 3xx is the receiver's answer), the response body is read and
 * thrown away up to a bound, and the attempt can be cancelled at any time (close, reset), socket and
 * timer included.
 */
import { request as httpRequest, type ClientRequest } from "node:http";
import { request as httpsRequest } from "node:https";

export type AttemptOutcome = { status: number } | { status: null; error: "timeout" | "connection" };

/** What is read of a receiver's answer body before the connection is cut: only the status matters. */
export const RESPONSE_BODY_LIMIT = 64 * 1024;

export interface AttemptRequest {
  url: URL;
  body: string;
  headers: Record<string, string>;
  /** Until the status line arrives; reading the body after it is bounded by the same time. */
  timeoutMs: number;
}

/**
 * Sends the attempt. `track` receives its cancel function and returns the function that forgets it
 * again; a cancelled attempt resolves as a connection error (its caller checks whether it still cares).
 */
export function sendAttempt({ url, body, headers, timeoutMs }: AttemptRequest, track: (cancel: () => void) => () => void): Promise<AttemptOutcome> {
  return new Promise((resolve) => {
    let outcome: AttemptOutcome | undefined;
    const settle = (result: AttemptOutcome) => {
      if (outcome !== undefined) return;
      outcome = result;
      resolve(result);
    };
    // A fresh connection per attempt (no agent): nothing is pooled, so nothing stays open after it.
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const request: ClientRequest = send(url, { method: "POST", agent: false, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) } });
    const cancel = () => {
      clearTimeout(timer);
      forget();
      request.destroy();
    };
    const timer = setTimeout(() => {
      settle({ status: null, error: "timeout" });
      cancel();
    }, timeoutMs);
    const forget = track(cancel);
    request.on("response", (response) => {
      settle({ status: response.statusCode ?? 0 });
      let read = 0;
      response.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read > RESPONSE_BODY_LIMIT) cancel();
      });
      response.on("error", () => {});
      response.on("end", cancel);
    });
    // Refused, reset, dropped before the status line, or cancelled: all one kind of failure.
    request.on("error", () => settle({ status: null, error: "connection" }));
    request.on("close", () => {
      settle({ status: null, error: "connection" });
      clearTimeout(timer);
      forget();
    });
    request.end(body);
  });
}
