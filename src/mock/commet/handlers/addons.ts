/** The add-on operations: the catalogue, activation on a subscription (with its prorated charge) and deactivation. */
import type { components, operations } from "../../../../generated/commet/schema.js";
import { MockError } from "../../mock-error.js";
import type { HandlerGroup, MockContext } from "../../types.js";
import { proratedCharge } from "../billing.js";
import { newId } from "../ids.js";
import { ACTIVE_STATUSES, activeSubscriptionOf, findAddon, findCustomer, findFeature, findSubscription, liveAddons, planOf } from "../lookup.js";
import { page } from "../paging.js";
import { chargeCard } from "../payment-method.js";
import type { AddonRecord, CommetState } from "../state.js";
import { ok, toActiveAddon, toAddon } from "../views.js";
import { applyPresent } from "../../patch.js";
import { customerStateChanged } from "../webhooks/customer-state.js";
import { addonActivated, addonDeactivated } from "../webhooks/events.js";

type Schemas = components["schemas"];
type Context = MockContext<CommetState>;

/** Lowercase name, runs of other characters become "-"; a taken slug gets -2, -3, ... */
function uniqueSlug(state: CommetState, name: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "addon";
  const taken = new Set(liveAddons(state).map((addon) => addon.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
  return slug;
}

const listAddons = ({ state, query }: Context) => page(liveAddons(state), query, (addon) => toAddon(state, addon));

const getAddon = ({ state, params }: Context) => ok(toAddon(state, findAddon(state, params.id!, "id")));

function createAddon({ state, body, now }: Context) {
  const input = body as Schemas["CreateAddonRequest"];
  const feature = findFeature(state, input.featureId, "featureId");
  if (liveAddons(state).some((addon) => addon.featureId === feature.id)) {
    throw new MockError(409, "feature_already_exists", `Feature "${feature.code}" is already assigned to an add-on.`, { param: "featureId" });
  }
  const at = now.toISOString();
  const addon: AddonRecord = {
    id: newId("adn"),
    seq: state.nextSeq++,
    name: input.name,
    slug: uniqueSlug(state, input.name),
    description: input.description ?? null,
    basePrice: input.basePrice,
    consumptionModel: input.consumptionModel,
    featureId: feature.id,
    includedUnits: input.includedUnits ?? null,
    overageRate: input.overageRate ?? null,
    creditCost: input.creditCost ?? null,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
  };
  state.addons.set(addon.id, addon);
  return ok(toAddon(state, addon));
}

function updateAddon({ state, params, body, now }: Context) {
  const addon = findAddon(state, params.id!, "id");
  const input = body as Schemas["UpdateAddonRequest"];
  // Only the documented fields change; other keys are ignored (x-assumed in the spec).
  applyPresent(addon, input, ["name", "description", "basePrice", "includedUnits", "overageRate"]);
  addon.updatedAt = now.toISOString();
  return ok(toAddon(state, addon));
}

function deleteAddon({ state, params, now }: Context) {
  const addon = findAddon(state, params.id!, "id");
  const active = [...state.activations.values()].some((activation) => activation.addonId === addon.id && activation.status === "active");
  if (active) throw new MockError(409, "addon_has_activations", "The add-on is active on at least one subscription; deactivate it first.", { param: "id" });
  addon.deletedAt = now.toISOString();
  return ok({ id: addon.id, deleted: true, object: "addon", livemode: state.livemode });
}

function listActiveAddons({ state, query }: Context) {
  const customer = findCustomer(state, query.customerId as string, "customerId");
  const subscription = activeSubscriptionOf(state, customer);
  if (!subscription) return ok([]);
  const data = [...state.activations.values()]
    .filter((activation) => activation.subscriptionId === subscription.id && activation.status === "active")
    .map((activation) => toActiveAddon(state, activation));
  return ok(data);
}

function activateAddon({ state, params, body, now, emit }: Context) {
  const subscription = findSubscription(state, params.id!);
  const { addonId } = body as Schemas["ActivateAddonRequest"];
  const addon = findAddon(state, addonId, "addonId", false);
  if (!ACTIVE_STATUSES.has(subscription.status)) {
    throw new MockError(409, "subscription_not_active", `The subscription is ${subscription.status}; add-ons need an active or trialing one.`, { param: "id" });
  }
  const key = `${subscription.id}/${addon.id}`;
  const existing = state.activations.get(key);
  if (existing?.status === "active")
    throw new MockError(409, "addon_already_active", "This add-on is already active on this subscription.", { param: "addonId" });
  const planModel = planOf(state, subscription).consumptionModel;
  if (addon.consumptionModel !== "boolean" && addon.consumptionModel !== planModel) {
    throw new MockError(
      400,
      "validation_error",
      `A ${addon.consumptionModel} add-on cannot be added to a ${planModel ?? "free"} plan; only boolean add-ons fit any plan.`,
      { param: "addonId", details: [{ field: "addonId", message: "consumption model differs from the plan's" }] },
    );
  }
  const charge = proratedCharge(addon.basePrice, subscription.period, now);
  chargeCard(state.customers.get(subscription.customerId)!.metadata, charge, "The prorated charge was declined; nothing was activated.");
  // Reactivation reuses the (subscription, add-on) record.
  state.activations.set(key, { subscriptionId: subscription.id, addonId: addon.id, status: "active", activatedAt: now.toISOString(), deactivatedAt: null });
  emit(addonActivated(state, subscription, addon, charge));
  emit(customerStateChanged(state, state.customers.get(subscription.customerId)!, "addon_activated"));
  return ok({ addonId: addon.id, status: "active", proratedCharge: charge, object: "subscription", livemode: state.livemode });
}

function deactivateAddon({ state, params, now, emit }: Context) {
  const subscription = findSubscription(state, params.id!);
  const addon = findAddon(state, params.addonId!, "addonId", false);
  const activation = state.activations.get(`${subscription.id}/${addon.id}`);
  if (activation?.status !== "active") throw new MockError(400, "addon_not_active", "This add-on is not active on this subscription.", { param: "addonId" });
  activation.status = "inactive";
  activation.deactivatedAt = now.toISOString();
  emit(addonDeactivated(state, subscription, addon));
  emit(customerStateChanged(state, state.customers.get(subscription.customerId)!, "addon_deactivated"));
  return ok({ id: subscription.id, status: "inactive", deactivatedAt: activation.deactivatedAt, object: "subscription", livemode: state.livemode });
}

export const addonHandlers = {
  listAddons,
  getAddon,
  createAddon,
  updateAddon,
  deleteAddon,
  listActiveAddons,
  activateAddon,
  deactivateAddon,
} satisfies HandlerGroup<operations, CommetState>;
