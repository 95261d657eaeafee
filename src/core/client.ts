/** The vendor-neutral client factory: an openapi-fetch client with a base URL and fixed headers. */
import createClient, { type Client } from "openapi-fetch";

export interface CoreClientConfig {
  baseUrl: string;
  /** Headers sent on every request; credentials are applied last so that they cannot be overridden. */
  headers: Record<string, string>;
  credentials: Record<string, string>;
  fetch?: typeof fetch | undefined;
}

// `{}` is the constraint openapi-fetch itself puts on generated `paths` interfaces.
export function createCoreClient<Paths extends {}>(config: CoreClientConfig): Client<Paths, "application/json"> {
  const headers = { ...config.headers };
  // Drop caller headers that collide, case-insensitively, with a credential header.
  for (const name of Object.keys(headers)) {
    if (Object.keys(config.credentials).some((credential) => credential.toLowerCase() === name.toLowerCase())) delete headers[name];
  }
  return createClient<Paths, "application/json">({
    baseUrl: config.baseUrl,
    headers: { ...headers, ...config.credentials },
    ...(config.fetch ? { fetch: config.fetch } : {}),
  });
}
