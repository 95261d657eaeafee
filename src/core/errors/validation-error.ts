/** An `ApiError` for 400 and 422: the server refused the request's parameters or body. */
import { ApiError } from "./api-error.js";

export class ValidationError extends ApiError {
  override name = "ValidationError";
}
