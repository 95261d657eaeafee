/** Every Commet operation's handler, by operationId. */
import type { MockHandler } from "../../types.js";
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

export const commetHandlers: Record<string, MockHandler<CommetState>> = {
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
