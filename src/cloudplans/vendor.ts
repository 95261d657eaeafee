/**
 * Cloud Plans as data for the core: the error envelope the spec assumes, `{ status, error, message }`.
 * No idempotency key is documented, so no POST (subscription changes included) is ever retried.
 */
import { stringField, type VendorProfile } from "../core/vendor.js";

export const cloudplansVendor: VendorProfile = {
  name: "Cloud Plans",
  parseError(body) {
    return { code: stringField(body, "error"), message: stringField(body, "message") };
  },
};
