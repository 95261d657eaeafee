/** What the core needs to know about a vendor: data and error parsing only, no mechanism. */
export interface VendorErrorFields {
  code?: string | undefined;
  type?: string | undefined;
  message?: string | undefined;
  /**
   * The body says the credential itself was refused (missing, wrong, expired): a 403 that says so is
   * an `AuthenticationError`, not a `PermissionDeniedError`. For servers that answer 403 to a missing
   * token (Django REST Framework does, when its first authenticator sends no challenge).
   */
  unauthenticated?: boolean | undefined;
}

export interface VendorProfile {
  /** As it appears in error messages, e.g. "Commet". */
  name: string;
  /**
   * The request header the vendor documents as an idempotency key. A POST or PATCH carrying it may be
   * retried; without one (or for a vendor without any), a POST or PATCH is never retried.
   */
  idempotencyHeader?: string;
  /** Methods whose requests the client gives an idempotency key when the caller did not (needs `idempotencyHeader`). */
  autoIdempotencyKey?: readonly string[];
  /** Reads the vendor's error body (parsed JSON, or the raw text when it was not JSON). */
  parseError(body: unknown): VendorErrorFields;
}

/** Safe field access for error parsers: the body is whatever the server sent. */
export function stringField(value: unknown, key: string): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const field = (value as Record<string, unknown>)[key];
  return typeof field === "string" ? field : undefined;
}
