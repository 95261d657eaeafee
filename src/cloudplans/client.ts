/** The Cloud Plans client: a required base URL (no host is documented), Bearer auth, and `action` filled in. */
import { createCoreClient, type CallInit } from "../core/client.js";
import { ConfigurationError } from "../core/errors/configuration-error.js";
import { optionalFetch, optionalHeaders, refuseDoubledPrefix, requireBaseUrl, requireSecret } from "../core/options.js";
import { clientPolicy, type ReliabilityOptions } from "../core/policy-options.js";
import type { ThrowingClient, TypedClient } from "../core/client-types.js";
import { SINGLE_ACTIONS } from "./actions.js";
import { createBillingUpdate, type BillingUpdate } from "./billing.js";
import type { CloudPlansPaths } from "./types.js";
import { cloudplansVendor } from "./vendor.js";

export interface CloudPlansClientOptions extends ReliabilityOptions {
  /** The console token ("API Key" in the portal's user menu), sent as `Authorization: Bearer <token>`. It lasts at most 30 minutes. */
  token: string;
  /** Required: the public docs name no API host. The origin only (the paths start with `/v1`), e.g. `https://api.your-deployment.example`. */
  baseUrl: string;
  /** A fetch implementation, e.g. to add tracing or to call a test server. */
  fetch?: typeof fetch;
  /** Extra headers sent on every request. */
  headers?: Record<string, string>;
}

export type CloudPlansClient = TypedClient<CloudPlansPaths> & {
  /** One typed call per action of `POST /v1/organizations/billing/update`. */
  billingUpdate: BillingUpdate;
};
/** A client made with `throwOnError: true`: calls (`billingUpdate` too) resolve to their data, and throw otherwise. */
export type CloudPlansThrowingClient = ThrowingClient<CloudPlansPaths> & { billingUpdate: BillingUpdate<true> };

const FACTORY = "createCloudPlansClient";

/** Adds the path's one `action` to the query when the caller left it out; a caller's own value wins. */
function fillAction(path: string, method: string, init: CallInit): CallInit {
  const action = SINGLE_ACTIONS[path]?.[method];
  const params = init.params ?? {};
  const query = (params.query ?? {}) as Record<string, unknown>;
  if (action === undefined || query.action !== undefined) return init;
  return { ...init, params: { ...params, query: { ...query, action } } };
}

export function createCloudPlansClient(options: CloudPlansClientOptions & { throwOnError: true }): CloudPlansThrowingClient;
export function createCloudPlansClient(options: CloudPlansClientOptions): CloudPlansClient;
export function createCloudPlansClient(options: CloudPlansClientOptions): CloudPlansClient | CloudPlansThrowingClient {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError("options", `${FACTORY}: expected an options object with "token" and "baseUrl".`);
  }
  const token = requireSecret(FACTORY, "token", options.token);
  if (options.baseUrl === undefined) {
    throw new ConfigurationError(
      "baseUrl",
      `${FACTORY}: option "baseUrl" is required: the Cloud Plans docs name no API host, so give the origin of yours (e.g. "https://api.your-deployment.example").`,
    );
  }
  const policy = clientPolicy(FACTORY, options);
  const baseUrl = refuseDoubledPrefix(FACTORY, cloudplansVendor.name, requireBaseUrl(FACTORY, "baseUrl", options.baseUrl, policy.allowInsecureHttp), "/v1");
  const client = createCoreClient<CloudPlansPaths>({
    factory: FACTORY,
    vendor: cloudplansVendor,
    baseUrl,
    headers: optionalHeaders(FACTORY, options.headers),
    credentials: { Authorization: `Bearer ${token}` },
    fetch: optionalFetch(FACTORY, options.fetch),
    policy,
    prepare: fillAction,
  });
  return Object.assign(client, { billingUpdate: createBillingUpdate(client) });
}
