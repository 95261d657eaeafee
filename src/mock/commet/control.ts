/**
 * The mock's stand-in for Commet's "Cancel subscription" operation, which is outside the API this
 * project covers: `POST <controlUrl>/commet/cancel/<subscriptionId>` (optional JSON body
 * `{ "reason": "..." }`) cancels the subscription at once, so that tests can reach a canceled one.
 * Its add-ons stop with it. The answer is the canceled subscription in the API's envelope.
 */
import { MockError } from "../mock-error.js";
import type { ControlHandler } from "../types.js";
import { COMMET_TENANTS, type CommetState } from "./state.js";
import { ok, toSubscription } from "./views.js";

export const CANCEL_ROUTE = "cancel";

const cancelSubscription: ControlHandler<CommetState> = ({ method, segments, body, state, now }) => {
  if (method !== "POST") throw new MockError(405, "method_not_allowed", "Cancel a subscription with POST.");
  const [id = "", ...rest] = segments;
  // Subscription IDs are unique across tenants, so the ID alone says whose it is.
  const world = rest.length === 0 ? COMMET_TENANTS.map((tenant) => state(tenant)).find((candidate) => candidate?.subscriptions.has(id)) : undefined;
  const subscription = world?.subscriptions.get(id);
  if (!world || !subscription) throw new MockError(404, "subscription_not_found", `No subscription ${JSON.stringify(id)}.`);
  if (subscription.status === "canceled") throw new MockError(409, "subscription_already_canceled", "The subscription is already canceled.");
  const at = now.toISOString();
  const reason = body !== null && typeof body === "object" && typeof (body as { reason?: unknown }).reason === "string" ? (body as { reason: string }).reason : null;
  Object.assign(subscription, { status: "canceled", period: null, checkoutUrl: null, endDate: at, updatedAt: at, cancellation: { scheduledAt: at, reason, effectiveAt: at } });
  for (const activation of world.activations.values()) {
    if (activation.subscriptionId === id && activation.status === "active") Object.assign(activation, { status: "inactive", deactivatedAt: at });
  }
  return ok(toSubscription(world, subscription, now));
};

export const commetControl: Record<string, ControlHandler<CommetState>> = { [CANCEL_ROUTE]: cancelSubscription };
