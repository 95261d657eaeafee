/** Every Commet operation's handler, by operationId. */
import type { MockHandler } from "../../types.js";
import type { CommetState } from "../state.js";
import { addonHandlers } from "./addons.js";
import { customerHandlers } from "./customers.js";
import { featureHandlers } from "./features.js";
import { subscriptionHandlers } from "./subscriptions.js";

export const commetHandlers: Record<string, MockHandler<CommetState>> = { ...addonHandlers, ...featureHandlers, ...customerHandlers, ...subscriptionHandlers };
