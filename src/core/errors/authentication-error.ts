/** An `ApiError` for 401 and 403: the credential is missing, wrong, expired, or not allowed to do this. */
import { ApiError } from "./api-error.js";

export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
}
