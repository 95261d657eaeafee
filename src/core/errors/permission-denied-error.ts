/**
 * An `ApiError` for 403: the credential is valid but not allowed to do this (a missing role or scope,
 * a protected resource). A new token will not help; another role will. Not an `AuthenticationError`,
 * so that "log in again" and "ask for access" can be told apart without reading `status`.
 */
import { ApiError } from "./api-error.js";

export class PermissionDeniedError extends ApiError {
  override name = "PermissionDeniedError";
}
