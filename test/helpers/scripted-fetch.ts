// A fetch that answers from a script, one step per attempt, and records what each attempt sent: the
// unit tests' stand-in for a server (openapi-fetch's own tests use the same idea).
export type Step = Response | Error | "hang" | ((request: Request) => Response | Promise<Response>);

export interface Scripted {
  fetch: typeof fetch;
  requests: Request[];
  bodies: string[];
}

export function scriptedFetch(...steps: Step[]): Scripted {
  const requests: Request[] = [];
  const bodies: string[] = [];
  const fetch: typeof globalThis.fetch = async (input) => {
    const request = input as Request;
    requests.push(request);
    bodies.push(await request.clone().text());
    const step = steps[Math.min(requests.length - 1, steps.length - 1)]!;
    if (step === "hang") {
      // Like a server that never answers: only an abort ends it.
      return new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true }));
    }
    if (step instanceof Error) throw step;
    if (typeof step === "function") return step(request);
    return step.clone();
  };
  return { fetch, requests, bodies };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) => Response.json(body, { status, headers });

/** What undici throws when the connection fails. */
export const connectionReset = () =>
  Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }) });

/** Fast backoff for tests that count attempts rather than time them. */
export const FAST = { baseDelayMs: 1, maxDelayMs: 2 };
