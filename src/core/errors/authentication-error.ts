/**
 * An `ApiError` for 401: the credential is missing, wrong or expired; get a new one. Also for a 403
 * whose body says so (the vendor's parser sets `unauthenticated`): some servers answer a missing token
 * with 403. A valid credential that may not do something is a `PermissionDeniedError`.
 */
import { ApiError } from "./api-error.js";

export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
}
