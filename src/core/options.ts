/** Validation of client options, shared by every vendor factory so that all refuse bad input alike. */
import { ConfigurationError } from "./errors/configuration-error.js";

/** A secret (API key, token): required, a non-empty string. Its value never appears in the error. */
export function requireSecret(factory: string, option: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ConfigurationError(option, `${factory}: option "${option}" is required and must be a non-empty string.`);
  }
  return value;
}

/**
 * Hosts where plain http cannot be read or altered on the way: the machine itself, i.e. `localhost`,
 * 127.0.0.0/8 and `[::1]`, as the URL parser normalises them (`127.1` and `[0:0::1]` arrive here as
 * `127.0.0.1` and `[::1]`). Nothing is resolved: any other name, `*.localhost` included, counts as
 * remote, since it reaches whatever the resolver says and a client is built without waiting for it.
 */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * An absolute http(s) URL; returned without a trailing slash so that paths can be appended. Plain
 * http is refused (it would send the credentials in clear) unless the host is loopback or the caller
 * says `allowInsecureHttp: true`.
 */
export function requireBaseUrl(factory: string, option: string, value: unknown, allowInsecureHttp = false): string {
  let url: URL | undefined;
  if (typeof value === "string") {
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new ConfigurationError(
      option,
      `${factory}: option "${option}" must be an absolute http(s) URL such as "https://api.example.com/v1", got ${describe(value)}.`,
    );
  }
  if (url.search || url.hash) {
    throw new ConfigurationError(option, `${factory}: option "${option}" must not contain a query string or a fragment.`);
  }
  if (url.username || url.password) {
    throw new ConfigurationError(option, `${factory}: option "${option}" must not carry a user name or password; pass credentials in their own option.`);
  }
  if (url.protocol === "http:" && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    throw new ConfigurationError(
      option,
      `${factory}: option "${option}" uses plain http to a host that is not loopback, which would send the credentials in clear; use https, or set allowInsecureHttp: true if you really mean it.`,
    );
  }
  return url.href.replace(/\/+$/, "");
}

/**
 * Refuses a base URL that ends in the prefix every path of the API already starts with (`/v1`): the
 * calls would go to `…/v1/v1/…` and all answer 404, far from the option that caused it.
 */
export function refuseDoubledPrefix(factory: string, vendor: string, baseUrl: string, prefix: string): string {
  if (baseUrl.toLowerCase().endsWith(prefix.toLowerCase())) {
    throw new ConfigurationError("baseUrl", `${factory}: option "baseUrl" must not end in ${prefix}: every ${vendor} path already starts with ${prefix}.`);
  }
  return baseUrl;
}

export function optionalString(factory: string, option: string, value: unknown, pattern?: RegExp, hint?: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || (pattern && !pattern.test(value))) {
    throw new ConfigurationError(option, `${factory}: option "${option}" must be ${hint ?? "a string"}, got ${describe(value)}.`);
  }
  return value;
}

export function optionalFetch(factory: string, value: unknown): typeof fetch | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "function") {
    throw new ConfigurationError("fetch", `${factory}: option "fetch" must be a function compatible with the global fetch, got ${describe(value)}.`);
  }
  return value as typeof fetch;
}

/** Extra headers sent on every request: a plain object of string values. */
export function optionalHeaders(factory: string, value: unknown): Record<string, string> {
  if (value === undefined) return {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ConfigurationError("headers", `${factory}: option "headers" must be an object of header names to string values.`);
  }
  const headers: Record<string, string> = {};
  for (const [name, headerValue] of Object.entries(value)) {
    if (typeof headerValue !== "string") {
      throw new ConfigurationError("headers", `${factory}: option "headers" has a non-string value for "${name}".`);
    }
    headers[name] = headerValue;
  }
  return headers;
}

/**
 * Says what kind of value was given, never the value itself: a key pasted into the wrong option
 * (`baseUrl: process.env.COMMET_API_KEY`) must not end up in an error message or a log.
 */
function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return value === "" ? "an empty string" : `a string of ${value.length} characters`;
  return `a value of type ${typeof value}`;
}

export function optionalBoolean(factory: string, option: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw new ConfigurationError(option, `${factory}: option "${option}" must be true or false, got ${describe(value)}.`);
  return value;
}
