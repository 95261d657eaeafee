/**
 * Turns an openapi-fetch error result into the typed error for its status, with the vendor's code,
 * type and message parsed by the vendor's own parser, and the client's own credential scrubbed out.
 */
import { exchangeOf, redactorOf } from "../exchange.js";
import { MAX_ERROR_BODY_BYTES } from "../policy-options.js";
import type { VendorErrorFields, VendorProfile } from "../vendor.js";
import { ApiError, type ApiErrorDetails } from "./api-error.js";
import { AuthenticationError } from "./authentication-error.js";
import { ConflictError } from "./conflict-error.js";
import { NotFoundError } from "./not-found-error.js";
import { PermissionDeniedError } from "./permission-denied-error.js";
import { RateLimitError } from "./rate-limit-error.js";
import { ServerError } from "./server-error.js";
import { scrubError } from "./scrub.js";
import { ValidationError } from "./validation-error.js";

const UNKNOWN_VENDOR: VendorProfile = { name: "The server", parseError: () => ({}) };

/** What every ApiError says about its response: who answered, to what, with which request id. */
function detailsOf(response: Response, body: unknown, fields: VendorErrorFields, vendor: VendorProfile, request: string | undefined): ApiErrorDetails {
  return {
    vendor: vendor.name,
    status: response.status,
    code: fields.code,
    type: fields.type,
    vendorMessage: fields.message,
    requestId: response.headers.get("x-request-id") ?? undefined,
    body,
    request: request ?? "the request",
  };
}

/** A 2xx whose body is not the JSON it should be: an ApiError that keeps the (bounded) text. */
export function invalidJsonError(response: Response, text: string): ApiError {
  const info = exchangeOf(response);
  const fields = { code: "invalid_json_response", message: "the response body is not valid JSON" };
  return scrubError(
    new ApiError(detailsOf(response, text.slice(0, MAX_ERROR_BODY_BYTES), fields, info?.vendor ?? UNKNOWN_VENDOR, info?.request)),
    redactorOf(response),
  );
}

export function errorFromResult(result: { error?: unknown; response: Response }): ApiError {
  return scrubError(typedError(result), redactorOf(result.response));
}

function typedError(result: { error?: unknown; response: Response }): ApiError {
  const { response } = result;
  const info = exchangeOf(response);
  const vendor = info?.vendor ?? UNKNOWN_VENDOR;
  let fields: VendorErrorFields = {};
  try {
    fields = vendor.parseError(result.error);
  } catch {
    // A parser must never hide the error it was asked to describe.
  }
  const details = detailsOf(response, result.error, fields, vendor, info?.request);
  const status = response.status;
  if (status === 401 || (status === 403 && fields.unauthenticated === true)) return new AuthenticationError(details);
  if (status === 403) return new PermissionDeniedError(details);
  if (status === 404) return new NotFoundError(details);
  if (status === 409) return new ConflictError(details);
  if (status === 429) return new RateLimitError({ ...details, retryAfterMs: info?.retryAfterMs });
  if (status === 400 || status === 422) return new ValidationError(details);
  if (status >= 500) return new ServerError(details);
  return new ApiError(details);
}
