/** `specwright/commet`: a typed client for the Commet API. */
export { createCommetClient, COMMET_BASE_URL, COMMET_API_VERSION } from "./client.js";
export type { CommetClient, CommetClientOptions, CommetThrowingClient } from "./client.js";
export { paginate, type CommetCursorPath, type CommetListItem, type CommetPaginateInit } from "./paginate.js";
export { verifyWebhook, parseWebhook, WebhookVerificationError, COMMET_WEBHOOK_EVENT_NAMES } from "./webhooks.js";
export type {
  CommetWebhookEvent,
  CommetWebhookEventName,
  CommetWebhookEventOf,
  CommetWebhookPayload,
  VerifyWebhookParams,
  WebhookVerificationReason,
} from "./webhooks.js";
export type { paths as CommetPaths, components as CommetComponents, operations as CommetOperations } from "../../generated/commet/schema.js";
/** The spec's component schemas under their own names (generated/commet/names.ts), e.g. `import type { Addon } from "specwright/commet"`. */
export type * from "../../generated/commet/names.js";
export * from "../core/index.js";
// Where a schema's name is also one of the library's own exports, the library's keeps it: the spec's
// `ApiError` schema (the error object inside `ErrorResponse`) is `CommetComponents["schemas"]["ApiError"]`.
export { ApiError } from "../core/index.js";
