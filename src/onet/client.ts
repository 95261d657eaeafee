/** The OnetSolutions client: base URL and Bearer auth (a JWT or an `sk-onetsolutions-…` key), over the core client. */
import type { paths } from "../../generated/onet/schema.js";
import { createCoreClient } from "../core/client.js";
import { ConfigurationError } from "../core/errors/configuration-error.js";
import { optionalFetch, optionalHeaders, refuseDoubledPrefix, requireBaseUrl, requireSecret } from "../core/options.js";
import { clientPolicy, type ReliabilityOptions } from "../core/policy-options.js";
import type { ThrowingClient, TypedClient } from "../core/client-types.js";
import { onetVendor } from "./vendor.js";

export const ONET_BASE_URL = "https://api.onetsolutions.net";

export interface OnetClientOptions extends ReliabilityOptions {
  /** A JWT from the login endpoints or an API key (`sk-onetsolutions-…`), sent as `Authorization: Bearer <token>`. */
  token: string;
  /** Defaults to `https://api.onetsolutions.net`. The origin only: every path starts with `/v1`, so a base URL ending in `/v1` is refused. */
  baseUrl?: string;
  /** A fetch implementation, e.g. to add tracing or to call a test server. */
  fetch?: typeof fetch;
  /** Extra headers sent on every request. */
  headers?: Record<string, string>;
}

export type OnetClient = TypedClient<paths>;
/** A client made with `throwOnError: true`: calls resolve to their data, and throw otherwise. */
export type OnetThrowingClient = ThrowingClient<paths>;

const FACTORY = "createOnetClient";

export function createOnetClient(options: OnetClientOptions & { throwOnError: true }): OnetThrowingClient;
export function createOnetClient(options: OnetClientOptions): OnetClient;
export function createOnetClient(options: OnetClientOptions): OnetClient | OnetThrowingClient {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError("options", `${FACTORY}: expected an options object with at least "token".`);
  }
  const token = requireSecret(FACTORY, "token", options.token);
  const policy = clientPolicy(FACTORY, options);
  return createCoreClient<paths>({
    factory: FACTORY,
    vendor: onetVendor,
    baseUrl: refuseDoubledPrefix(
      FACTORY,
      onetVendor.name,
      requireBaseUrl(FACTORY, "baseUrl", options.baseUrl ?? ONET_BASE_URL, policy.allowInsecureHttp),
      "/v1",
    ),
    headers: optionalHeaders(FACTORY, options.headers),
    credentials: { Authorization: `Bearer ${token}` },
    fetch: optionalFetch(FACTORY, options.fetch),
    policy,
  });
}
