/** Every Commet operation's handler, by operationId, but for the webhooks: the mock sends those. */
import type { operations, webhooks } from "../../../../generated/commet/schema.js";
import type { HandlerRegistry, WebhookOperationId } from "../../types.js";
import type { CommetState } from "../state.js";
import { addonHandlers } from "./addons.js";
import { cancellationHandlers } from "./cancellation.js";
import { customerHandlers } from "./customers.js";
import { featureAccessHandlers } from "./feature-access.js";
import { featureHandlers } from "./features.js";
import { planChangeHandlers } from "./plan-changes.js";
import { quotaHandlers } from "./quota.js";
import { subscriptionHandlers } from "./subscriptions.js";
import { usageHandlers } from "./usage.js";

/**
 * The operations with no handler: the spec's webhooks, which the generated `operations` hold beside the
 * API's. Commet sends them to the customer's endpoint; the mock sends them too (webhooks/), and a
 * request for one has no route. Each name must be a webhook's (`WebhookOperationId`).
 */
export const SENT_NOT_SERVED = [
  "addonActivatedWebhook",
  "addonDeactivatedWebhook",
  "customerCreatedWebhook",
  "customerUpdatedWebhook",
  "customerStateChangedWebhook",
  "subscriptionCreatedWebhook",
  "subscriptionActivatedWebhook",
  "subscriptionCanceledWebhook",
  "checkoutReadyWebhook",
  "trialCheckoutReadyWebhook",
] as const satisfies readonly WebhookOperationId<operations, webhooks>[];

/** The operations the mock serves: every other one of the spec. */
export type ServedOperations = Omit<operations, (typeof SENT_NOT_SERVED)[number]>;

export const commetHandlers: HandlerRegistry<ServedOperations, CommetState> = {
  ...addonHandlers,
  ...featureHandlers,
  ...customerHandlers,
  ...subscriptionHandlers,
  ...cancellationHandlers,
  ...planChangeHandlers,
  ...featureAccessHandlers,
  ...usageHandlers,
  ...quotaHandlers,
};
