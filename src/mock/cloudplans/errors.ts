/**
 * The Cloud Plans error envelope (`{status, error, message, details?}`, the spec's assumed
 * ErrorResponse) and the mock's choice of status and code for each failure.
 */
import { MockError } from "../mock-error.js";
import type { GenericErrors } from "../types.js";
import type { FieldError } from "../../spec/validator.js";

/** The spec's codes by status (ErrorResponse.error); statuses it does not list fall back by class. */
const CODE_BY_STATUS: Record<number, string> = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  429: "rate_limited",
};

const codeFor = (status: number): string => CODE_BY_STATUS[status] ?? (status >= 500 ? "internal_error" : "invalid_request");

/** The business errors the handlers raise. */
export const cloudplansErrors = {
  /** A request the server cannot act on; `field` is the dotted path of the field at fault, `message` follows its name. */
  invalid: (field: string, message: string) => new MockError(400, "invalid_request", `${field} ${message}`, { details: [{ field, message }] }),
  forbidden: (message: string) => new MockError(403, "forbidden", message),
  notFound: (message: string, field?: string) => new MockError(404, "not_found", message, field === undefined ? {} : { details: [{ field, message }] }),
  conflict: (message: string) => new MockError(409, "conflict", message),
};

export function renderCloudPlansError(error: MockError): unknown {
  return {
    status: error.status,
    error: error.code,
    message: error.message,
    ...(error.extra.details !== undefined ? { details: error.extra.details } : {}),
  };
}

const MESSAGES: Record<number, string> = {
  429: "Too many requests.",
  500: "Something went wrong on our side.",
};

export const cloudplansGenericErrors: GenericErrors = {
  unauthorized: () => new MockError(401, "unauthorized", "The token is missing, unknown or expired."),
  routeNotFound: (path) => new MockError(404, "not_found", `No endpoint at ${path}.`),
  invalidJson: () => new MockError(400, "invalid_request", "The request body is not valid JSON.", { details: [{ field: "", message: "is not valid JSON" }] }),
  validation: (location, errors: FieldError[]) => {
    const first = errors[0];
    const where = location === "body" ? "" : ` (${location})`;
    return new MockError(400, "invalid_request", `${first?.field || location}${where} ${first?.message ?? "is invalid"}`, { details: errors });
  },
  injected: (status) => new MockError(status, codeFor(status), MESSAGES[status] ?? `Injected error ${status}.`),
  internal: () => new MockError(500, "internal_error", MESSAGES[500]!),
  // 400 invalid_request: the only error status (with 401) every operation documents; Create
  // organization documents neither 403 nor 409, which the free-tier limits use where they can.
  full: (message) => new MockError(400, "invalid_request", message),
};
