/** The Commet client: base URL, `x-api-key` auth and the pinned API version, over the core client. */
import type { paths } from "../../generated/commet/schema.js";
import { createCoreClient } from "../core/client.js";
import { ConfigurationError } from "../core/errors/configuration-error.js";
import { optionalFetch, optionalHeaders, optionalString, requireBaseUrl, requireSecret } from "../core/options.js";
import { clientPolicy, type ReliabilityOptions } from "../core/policy-options.js";
import type { ThrowingClient, TypedClient } from "../core/client-types.js";
import { commetVendor } from "./vendor.js";

export const COMMET_BASE_URL = "https://commet.co/api/v1";
/** The API version the spec (and so the generated types) describe; sent unless the caller picks another. */
export const COMMET_API_VERSION = "2026-07-11";

export interface CommetClientOptions extends ReliabilityOptions {
  /** A Commet API key (`ck_…`), sent as `x-api-key`. */
  apiKey: string;
  /** Defaults to `https://commet.co/api/v1`. */
  baseUrl?: string;
  /** `Commet-Version` header, `YYYY-MM-DD`. Defaults to the version the types describe. */
  apiVersion?: string;
  /** A fetch implementation, e.g. to add tracing or to call a test server. */
  fetch?: typeof fetch;
  /** Extra headers sent on every request. */
  headers?: Record<string, string>;
}

export type CommetClient = TypedClient<paths>;
/** A client made with `throwOnError: true`: calls resolve to their data, and throw otherwise. */
export type CommetThrowingClient = ThrowingClient<paths>;

const FACTORY = "createCommetClient";

export function createCommetClient(options: CommetClientOptions & { throwOnError: true }): CommetThrowingClient;
export function createCommetClient(options: CommetClientOptions): CommetClient;
export function createCommetClient(options: CommetClientOptions): CommetClient | CommetThrowingClient {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError("options", `${FACTORY}: expected an options object with at least "apiKey".`);
  }
  const apiKey = requireSecret(FACTORY, "apiKey", options.apiKey);
  const policy = clientPolicy(FACTORY, options);
  const baseUrl = requireBaseUrl(FACTORY, "baseUrl", options.baseUrl ?? COMMET_BASE_URL, policy.allowInsecureHttp);
  const apiVersion = optionalString(FACTORY, "apiVersion", options.apiVersion, /^\d{4}-\d{2}-\d{2}$/, 'a date such as "2026-07-11"');
  return createCoreClient<paths>({
    factory: FACTORY,
    vendor: commetVendor,
    baseUrl,
    headers: { ...optionalHeaders(FACTORY, options.headers), "Commet-Version": apiVersion ?? COMMET_API_VERSION },
    credentials: { "x-api-key": apiKey },
    fetch: optionalFetch(FACTORY, options.fetch),
    policy,
  });
}
