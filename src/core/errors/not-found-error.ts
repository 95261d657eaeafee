/** An `ApiError` for 404: the resource (or the route) does not exist, or is not visible to the caller. */
import { ApiError } from "./api-error.js";

export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}
