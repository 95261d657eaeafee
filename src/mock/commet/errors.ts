/** The Commet error envelope and the mock's choice of status for each generic failure. */
import { MockError } from "../mock-error.js";
import type { GenericErrors } from "../types.js";
import type { FieldError } from "../../spec/validator.js";

/** Error `type` by code, from Commet's error reference; unknown codes fall back by status. */
const TYPE_BY_CODE: Record<string, string> = {
  validation_error: "validation_error",
  invalid_json: "validation_error",
  payload_too_large: "validation_error",
  limit_exceeded: "billing_error",
  unauthorized: "authentication_error",
  forbidden: "authentication_error",
  not_found: "not_found_error",
  addon_not_found: "not_found_error",
  feature_not_found: "not_found_error",
  subscription_not_found: "not_found_error",
  customer_not_found: "not_found_error",
  plan_not_found: "not_found_error",
  feature_already_exists: "conflict_error",
  addon_has_activations: "conflict_error",
  addon_already_active: "conflict_error",
  subscription_not_active: "conflict_error",
  no_payment_method: "conflict_error",
  feature_in_use: "conflict_error",
  already_has_active_subscription: "conflict_error",
  subscription_already_canceled: "conflict_error",
  no_prices_configured: "conflict_error",
  duplicate: "conflict_error",
  idempotency_key_mismatch: "conflict_error",
  idempotency_in_progress: "conflict_error",
  addon_not_active: "billing_error",
  charge_failed: "billing_error",
  payment_failed: "billing_error",
  feature_not_in_plan: "billing_error",
  feature_disabled: "billing_error",
  included_limit_reached: "billing_error",
  insufficient_credits: "billing_error",
  insufficient_balance: "billing_error",
  no_active_subscription: "not_found_error",
  not_scheduled_for_cancellation: "conflict_error",
  invalid_subscription_status: "conflict_error",
  already_scheduled: "conflict_error",
  plan_unavailable: "conflict_error",
  one_time_subscription_not_cancelable: "conflict_error",
  charge_in_progress: "conflict_error",
  plan_change_scheduled: "validation_error",
  plans_not_in_same_group: "validation_error",
  no_change_requested: "validation_error",
  free_plan_change_not_supported: "validation_error",
  rate_limited: "rate_limit_error",
  internal_error: "internal_error",
  // Only the mock's control routes answer 405.
  method_not_allowed: "validation_error",
};

const TYPE_BY_STATUS: Record<number, string> = {
  400: "validation_error",
  401: "authentication_error",
  402: "billing_error",
  403: "authentication_error",
  404: "not_found_error",
  409: "conflict_error",
  429: "rate_limit_error",
};

export function renderCommetError(error: MockError): unknown {
  return {
    success: false,
    error: {
      type: TYPE_BY_CODE[error.code] ?? TYPE_BY_STATUS[error.status] ?? "internal_error",
      code: error.code,
      message: error.message,
      ...(error.extra.param !== undefined ? { param: error.extra.param } : {}),
      details: error.extra.details ?? null,
      doc_url: `https://commet.co/docs/api-reference/2026-07-11/errors/${error.code}.md`,
    },
  };
}

const INJECTED: Record<number, [code: string, message: string]> = {
  429: ["rate_limited", "Too many requests"],
  500: ["internal_error", "Internal server error"],
};

export const commetErrors: GenericErrors = {
  unauthorized: () => new MockError(401, "unauthorized", "Missing or invalid API key. Send a Commet key (ck_…) in the x-api-key header."),
  routeNotFound: (path) => new MockError(404, "not_found", `No endpoint at ${path}`),
  invalidJson: () => new MockError(400, "invalid_json", "The request body is not valid JSON."),
  validation: (location, errors: FieldError[]) => {
    const first = errors[0];
    const param = first?.field || undefined;
    const where = location === "body" ? "" : ` (${location})`;
    return new MockError(400, "validation_error", `${param ?? "request"}${where}: ${first?.message ?? "is invalid"}`, {
      ...(param ? { param } : {}),
      details: errors,
    });
  },
  injected: (status) => {
    const [code, message] = INJECTED[status] ?? [status >= 500 ? "internal_error" : "validation_error", `Injected error ${status}`];
    return new MockError(status, code, message);
  },
  internal: () => new MockError(500, "internal_error", "Internal server error"),
  // 400 billing_error: an account limit, as a billing platform words a plan's quota; 400 is documented
  // for every operation and, unlike 429 (documented too), clients do not retry it: waiting frees nothing.
  full: (message) => new MockError(400, "limit_exceeded", message),
};
