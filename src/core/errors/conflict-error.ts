/** An `ApiError` for 409: a business rule refused the request in the resource's current state. */
import { ApiError } from "./api-error.js";

export class ConflictError extends ApiError {
  override name = "ConflictError";
}
