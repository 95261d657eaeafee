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
  const code = "code" in inner && (inner as { code: unknown }).code !== undefined ? ` (${String((inner as { code: unknown }).code)})` : "";
  return `${error.message}${message}${code}`;
}
