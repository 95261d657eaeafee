/**
 * What a failed fetch says, in one line: fetch's own message is always "fetch failed"; the reason
 * (refused, reset, closed, a TLS error) and its code are on its `cause`.
 * E.g. "fetch failed: connect ECONNREFUSED 127.0.0.1:9 (ECONNREFUSED)".
 */
export function describeCause(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = (error as { cause?: unknown }).cause;
  if (!inner || typeof inner !== "object") return error.message;
  const message = inner instanceof Error && inner.message && inner.message !== error.message ? `: ${inner.message}` : "";
  const code = causeCode(error);
  return `${error.message}${message}${code !== undefined ? ` (${code})` : ""}`;
}

/** The system or undici code of a failed fetch (ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET, a TLS code), from its cause. */
export function causeCode(error: unknown): string | undefined {
  const inner = error !== null && typeof error === "object" ? (error as { cause?: unknown }).cause : undefined;
  if (!inner || typeof inner !== "object" || !("code" in inner)) return undefined;
  const code = (inner as { code: unknown }).code;
  return code === undefined || code === null ? undefined : String(code);
}

/**
 * The most specific words of a failed fetch, the cause's ("connect ECONNREFUSED 127.0.0.1:9") rather
 * than fetch's own "fetch failed", with the query string of any URL in them cut: it may carry a token.
 */
export function causeMessage(error: unknown): string {
  if (!(error instanceof Error)) return withoutQueries(String(error));
  const inner = (error as { cause?: unknown }).cause;
  const words = inner instanceof Error && inner.message ? inner.message : error.message;
  return withoutQueries(words);
}

function withoutQueries(text: string): string {
  return text.replace(/(\b[a-z][a-z\d+.-]*:\/\/[^\s?#]*)\?[^\s#]*/gi, "$1");
}
