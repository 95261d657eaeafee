/**
 * Path parameters, encoded so that no value can change which path or query is called: `/`, `?`, `#`
 * and `%` are percent-encoded (encodeURIComponent); a value that is exactly `.` or `..` is refused,
 * because the URL parser resolves it as a dot segment (`/addons/..` → `/`) even when percent-encoded
 * (`%2E%2E` is a dot segment too, per the WHATWG URL standard); and a missing or empty value is
 * refused rather than collapsing the path onto another route (`/addons/` is the list). A refusal is a
 * ConfigurationError naming `params.path.<name>`.
 */
import { ConfigurationError } from "./errors/configuration-error.js";

export function serializePath(pathname: string, params: Record<string, unknown> | undefined): string {
  return pathname.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === "") throw refusal(pathname, name, "is missing or empty");
    if (typeof value === "object") throw refusal(pathname, name, "must be a string or a number");
    const encoded = encodeURIComponent(String(value));
    if (encoded === "." || encoded === "..") throw refusal(pathname, name, `cannot be "${encoded}": it would name another path`);
    return encoded;
  });
}

/** Names the parameter and the path, never the value (it could be anything the caller had at hand). */
function refusal(pathname: string, name: string, problem: string): ConfigurationError {
  return new ConfigurationError(`params.path.${name}`, `path parameter "${name}" of ${pathname} ${problem}`);
}
