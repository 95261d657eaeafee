/**
 * OnetSolutions as data for the core: Django REST Framework errors, `{ "detail": "…" }` or a field
 * map `{ "field": ["message", …] }`. No idempotency key is documented, so no POST is ever retried.
 */
import { stringField, type VendorProfile } from "../core/vendor.js";

/**
 * DRF's words for a refused credential (NotAuthenticated, AuthenticationFailed, TokenAuthentication's
 * "Invalid token…", simplejwt's "Given token not valid…" and its `code`s). DRF sends them with 403
 * instead of 401 when its first authenticator issues no challenge (the spec's Unauthorized response
 * says some deployments do): they still mean "get a new token", not "ask for access".
 */
const UNAUTHENTICATED_DETAIL =
  /^(Authentication credentials were not provided|Incorrect authentication credentials|Invalid token|Given token not valid|Token is invalid or expired)/;
const UNAUTHENTICATED_CODES = new Set(["not_authenticated", "authentication_failed", "token_not_valid", "bad_authorization_header"]);

export const onetVendor: VendorProfile = {
  name: "OnetSolutions",
  parseError(body) {
    // Not JSON (an HTML page from a proxy): nothing to parse; the text stays on the error's body.
    if (body === null || typeof body !== "object" || Array.isArray(body)) return {};
    const record = body as Record<string, unknown>;
    if (typeof record.detail === "string") {
      const code = stringField(record, "code");
      const unauthenticated = UNAUTHENTICATED_DETAIL.test(record.detail) || (code !== undefined && UNAUTHENTICATED_CODES.has(code));
      return { code, message: record.detail, ...(unauthenticated ? { unauthenticated } : {}) };
    }
    const fields = Object.entries(record).filter(([, messages]) => Array.isArray(messages));
    if (fields.length === 0) return {};
    return {
      code: "invalid",
      type: "validation",
      message: fields.map(([field, messages]) => `${field}: ${(messages as unknown[]).map(String).join(" ")}`).join("; "),
    };
  },
};
