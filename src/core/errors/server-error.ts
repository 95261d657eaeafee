/** An `ApiError` for 5xx, returned once the retry policy has given up (or may not retry the request). */
import { ApiError } from "./api-error.js";

export class ServerError extends ApiError {
  override name = "ServerError";
}
