/**
 * OnetSolutions as data for the core: Django REST Framework errors, `{ "detail": "…" }` or a field
 * map `{ "field": ["message", …] }`. No idempotency key is documented, so no POST is ever retried.
 */
import type { VendorProfile } from "../core/vendor.js";

export const onetVendor: VendorProfile = {
  name: "OnetSolutions",
  parseError(body) {
    // Not JSON (an HTML page from a proxy): nothing to parse; the text stays on the error's body.
    if (body === null || typeof body !== "object" || Array.isArray(body)) return {};
    const record = body as Record<string, unknown>;
    if (typeof record.detail === "string") return { message: record.detail };
    const fields = Object.entries(record).filter(([, messages]) => Array.isArray(messages));
    if (fields.length === 0) return {};
    return {
      code: "invalid",
      type: "validation",
      message: fields.map(([field, messages]) => `${field}: ${(messages as unknown[]).map(String).join(" ")}`).join("; "),
    };
  },
};
