/**
 * What the runner may say about a base URL and where it points: whether its host is loopback (plain
 * http and writes without `--yes` are only for loopback), and how to print it without credentials.
 */

/** The clients' own rule, so that the CLI and the client it drives agree. */
export { isLoopbackHost } from "../core/options.js";

/** The URL without user info, query or fragment: what the runner prints. */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}
