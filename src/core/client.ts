/**
 * The vendor-neutral client factory: an openapi-fetch client whose fetch is the specwright transport
 * (timeouts, retries, safe redirects), whose path parameters cannot escape their segment, and whose
 * calls can throw typed errors. Vendors supply data: base URL, headers, credentials, a profile.
 */
import createClient from "openapi-fetch";
import type { TypedClient } from "./client-types.js";
import { errorFromResult, invalidJsonError } from "./errors/from-result.js";
import { scrubError } from "./errors/scrub.js";
import { idempotencyKeys } from "./idempotency.js";
import { serializePath } from "./paths.js";
import type { ClientPolicy } from "./policy-options.js";
import { createRedactor, redactValue, secretsOfCredentials } from "./redact.js";
import { unreadBuffered } from "./buffered-response.js";
import { createTransport } from "./transport.js";
import type { VendorProfile } from "./vendor.js";

export interface CoreClientConfig {
  factory: string;
  vendor: VendorProfile;
  baseUrl: string;
  /** Headers sent on every request; credentials are applied last so that they cannot be overridden. */
  headers: Record<string, string>;
  credentials: Record<string, string>;
  fetch?: typeof fetch | undefined;
  policy: ClientPolicy;
  /** Vendor data applied to every call's options before the request is built (e.g. a default query value). */
  prepare?: (path: string, method: string, init: CallInit) => CallInit;
}

export type CallInit = Record<string, unknown> & { params?: Record<string, unknown>; parseAs?: string };
type Result = { data?: unknown; error?: unknown; response: Response };
type Call = (path: string, init?: CallInit) => Promise<Result>;

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

// `{}` is the constraint openapi-fetch itself puts on generated `paths` interfaces.
export function createCoreClient<Paths extends {}>(config: CoreClientConfig): TypedClient<Paths> {
  const headers = { ...config.headers };
  // Drop caller headers that collide, case-insensitively, with a credential header.
  for (const name of Object.keys(headers)) {
    if (Object.keys(config.credentials).some((credential) => credential.toLowerCase() === name.toLowerCase())) delete headers[name];
  }
  // A server may echo the credential back; no error this client throws or returns may repeat it.
  const redact = createRedactor(secretsOfCredentials(config.credentials));
  const client = createClient<Paths, "application/json">({
    baseUrl: config.baseUrl,
    headers: { ...headers, ...config.credentials },
    fetch: createTransport({
      vendor: config.vendor,
      factory: config.factory,
      fetch: config.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      platformFetch: config.fetch === undefined,
      policy: config.policy,
      redact,
    }),
    pathSerializer: serializePath,
  });
  const { idempotencyHeader, autoIdempotencyKey } = config.vendor;
  if (idempotencyHeader && autoIdempotencyKey?.length) client.use(idempotencyKeys(idempotencyHeader, autoIdempotencyKey));

  async function call(method: string, path: string, init: CallInit | undefined, original: Call): Promise<Result> {
    let options: CallInit = config.prepare ? config.prepare(path, method.toLowerCase(), init ?? {}) : (init ?? {});
    // Without params.path openapi-fetch leaves "{id}" in the URL; the serializer refuses it instead.
    if (path.includes("{") && !options.params?.path) options = { ...options, params: { ...options.params, path: {} } };
    // JSON is parsed here rather than by openapi-fetch, so that a 2xx body that is not JSON becomes an
    // ApiError keeping the text, not a bare SyntaxError. "text": the transport's response
    // (BufferedResponse) decodes the bytes it already read without building a stream (~9 µs a call
    // on Node 20); the body is then marked unread again, so the caller can still read it.
    const parseOwn = options.parseAs === undefined;
    if (parseOwn) options = { ...options, parseAs: "text" };
    let result: Result;
    try {
      result = await original(path, options);
    } catch (error) {
      throw scrubError(error, redact);
    }
    if (result.error !== undefined) result.error = redactValue(result.error, redact);
    if (parseOwn && result.data != null) {
      unreadBuffered(result.response);
      result.data = parseJson(result.data as string, result.response);
    }
    if (config.policy.throwOnError && (result.error !== undefined || !result.response.ok)) throw errorFromResult(result);
    return result;
  }

  const methods = client as unknown as Record<string, Call>;
  for (const method of METHODS) {
    const original = methods[method]!;
    methods[method] = (path, init) => call(method, path, init, original);
  }
  const request = client.request as unknown as (method: string, path: string, init?: CallInit) => Promise<Result>;
  (client as unknown as { request: typeof request }).request = (method, path, init) => call(method.toUpperCase(), path, init, (p, i) => request(method, p, i));
  // The same object, typed strictly (client-types.ts): each init is its route's params and body plus RequestPolicyOptions.
  return client as unknown as TypedClient<Paths>;
}

function parseJson(text: string, response: Response): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw invalidJsonError(response, text);
  }
}
