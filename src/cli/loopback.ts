/**
 * What the runner may say about a base URL and where it points: whether its host is loopback (plain
 * http and writes without `--yes` are only for loopback), and how to print it without credentials.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { isLoopbackHost } from "../core/options.js";

/** The clients' own rule, so that the CLI and the client it drives agree on literal hosts. */
export { isLoopbackHost };

/** `dns.promises.lookup` with `{ all: true }`, or a stand-in for tests. */
export type Lookup = (hostname: string, options: { all: true }) => Promise<{ address: string; family: number }[]>;

/**
 * Whether the host is loopback, resolving where the client's rule cannot say: a `*.localhost` name
 * counts only if every address it resolves to is loopback (an /etc/hosts line or a resolver can send
 * it anywhere). Any other name is remote without asking, as for the clients; a name that fails to
 * resolve is remote too.
 */
export async function resolvesToLoopback(hostname: string, lookup: Lookup = dnsLookup): Promise<boolean> {
  if (isLoopbackHost(hostname)) return true;
  if (!isLocalhostName(hostname)) return false;
  let addresses: { address: string; family: number }[];
  try {
    addresses = await lookup(hostname, { all: true });
  } catch {
    return false;
  }
  return addresses.length > 0 && addresses.every(isLoopbackAddress);
}

/** Through the URL parser, so that an address is judged in the form isLoopbackHost expects ("::1" → "[::1]"). */
function isLoopbackAddress({ address, family }: { address: string; family: number }): boolean {
  try {
    return isLoopbackHost(new URL(`http://${family === 6 ? `[${address}]` : address}`).hostname);
  } catch {
    // e.g. an IPv6 address with a zone ("fe80::1%eth0"): link-local, not loopback.
    return false;
  }
}

/** A name under `.localhost`, which the runner resolves before calling it loopback. */
export function isLocalhostName(hostname: string): boolean {
  return hostname.endsWith(".localhost");
}

/** The URL without user info, query or fragment: what the runner prints. */
export function displayUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}
