/**
 * Where a live run (`--base-url`) gets each API's credentials: one environment variable per API, and
 * the header it becomes. The values are secrets: they are sent, never printed (see core/redact.ts).
 */
import type { ApiName } from "../spec/apis.js";
import { UsageError } from "./usage-error.js";

export interface LiveCredentialSource {
  /** The environment variable that holds the key or token. */
  variable: string;
  /** The request header it is sent in. */
  header: string;
  /** What goes before the value in that header. */
  prefix: string;
}

export const LIVE_CREDENTIALS: Record<ApiName, LiveCredentialSource> = {
  commet: { variable: "COMMET_API_KEY", header: "x-api-key", prefix: "" },
  onet: { variable: "ONET_TOKEN", header: "Authorization", prefix: "Bearer " },
  cloudplans: { variable: "CLOUDPLANS_TOKEN", header: "Authorization", prefix: "Bearer " },
};

/** The headers that authenticate a live run against `api`; a usage error naming the variable when it is unset or empty. */
export function liveCredentials(api: ApiName, env: NodeJS.ProcessEnv): { headers: Record<string, string>; secrets: string[] } {
  const source = LIVE_CREDENTIALS[api];
  const value = env[source.variable]?.trim();
  if (!value) {
    throw new UsageError(
      `${source.variable} is not set: a live run against ${api} (--base-url) sends it as the ${source.header} header${source.prefix ? ` (${source.prefix.trim()} …)` : ""}.`,
    );
  }
  return { headers: { [source.header]: `${source.prefix}${value}` }, secrets: [value] };
}
