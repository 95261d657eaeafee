/**
 * Every error specwright throws, all `SpecwrightError`s; `instanceof` works across all three vendors,
 * `isSpecwrightError()` across copies of the package and realms too.
 */
export { SpecwrightError, isSpecwrightError } from "./specwright-error.js";
export { ApiError, type ApiErrorDetails } from "./api-error.js";
export { AuthenticationError } from "./authentication-error.js";
export { ConfigurationError } from "./configuration-error.js";
export { ConflictError } from "./conflict-error.js";
export { NetworkError } from "./network-error.js";
export { NotFoundError } from "./not-found-error.js";
export { PermissionDeniedError } from "./permission-denied-error.js";
export { RateLimitError } from "./rate-limit-error.js";
export { RedirectError } from "./redirect-error.js";
export { ResponseTooLargeError } from "./response-too-large-error.js";
export { ServerError } from "./server-error.js";
export { TimeoutError } from "./timeout-error.js";
export { ValidationError } from "./validation-error.js";
