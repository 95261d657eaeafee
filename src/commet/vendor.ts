/** Commet as data for the core: its idempotency header and its error envelope `{ success: false, error: { type, code, message } }`. */
import { stringField, type VendorProfile } from "../core/vendor.js";

export const commetVendor: VendorProfile = {
  name: "Commet",
  // Commet documents Idempotency-Key on its create, update and activate calls.
  idempotencyHeader: "Idempotency-Key",
  // Every write gets one, so that a lost reply can be retried without acting twice. DELETE too: Remove
  // quota is a DELETE that subtracts (not idempotent by method), and Commet lists idempotencyKey for it.
  autoIdempotencyKey: ["POST", "PUT", "DELETE"],
  parseError(body) {
    const error = body !== null && typeof body === "object" ? (body as { error?: unknown }).error : undefined;
    return { code: stringField(error, "code"), type: stringField(error, "type"), message: stringField(error, "message") };
  },
};
