/** The Commet add-on operations and their business rules, over the in-memory state. */
import { randomBytes } from "node:crypto";
import type { components } from "../../../generated/commet/schema.js";
import { MockError } from "../mock-error.js";
import type { MockContext, MockHandler, MockReply } from "../types.js";
import type { AddonRecord, CommetState, SubscriptionRecord } from "./state.js";

type Schemas = components["schemas"];
type Context = MockContext<CommetState>;

const DAY_MS = 24 * 60 * 60 * 1000;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

function newId(prefix: string): string {
  return `${prefix}_${[...randomBytes(16)].map((byte) => BASE62[byte % 62]).join("")}`;
}

const ok = (data: unknown, extra: Record<string, unknown> = {}): MockReply => ({ status: 200, body: { success: true, data, ...extra } });

function liveAddons(state: CommetState): AddonRecord[] {
  return [...state.addons.values()].filter((addon) => addon.deletedAt === null);
}

function toAddon(state: CommetState, addon: AddonRecord): Schemas["Addon"] {
  const feature = state.features.get(addon.featureId)!;
  return {
    id: addon.id,
    name: addon.name,
    slug: addon.slug,
    description: addon.description,
    basePrice: addon.basePrice,
    consumptionModel: addon.consumptionModel,
    featureCode: feature.code,
    featureName: feature.name,
    includedUnits: addon.includedUnits,
    overageRate: addon.overageRate,
    creditCost: addon.creditCost,
    createdAt: addon.createdAt,
    updatedAt: addon.updatedAt,
    object: "addon",
    livemode: state.livemode,
  };
}

/** By public ID first, then by slug, among add-ons that are not deleted. */
function findAddon(state: CommetState, idOrSlug: string, param: string, allowSlug = true): AddonRecord {
  const live = liveAddons(state);
  const addon = live.find((candidate) => candidate.id === idOrSlug) ?? (allowSlug ? live.find((candidate) => candidate.slug === idOrSlug) : undefined);
  if (!addon) throw new MockError(404, "addon_not_found", `No add-on ${JSON.stringify(idOrSlug)}.`, { param });
  return addon;
}

function findSubscription(state: CommetState, id: string): SubscriptionRecord {
  const subscription = state.subscriptions.get(id);
  if (!subscription) throw new MockError(404, "subscription_not_found", `No subscription ${JSON.stringify(id)}.`, { param: "id" });
  return subscription;
}

/** Lowercase name, runs of other characters become "-"; a taken slug gets -2, -3, ... */
function uniqueSlug(state: CommetState, name: string): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "") || "addon";
  const taken = new Set(liveAddons(state).map((addon) => addon.slug));
  let slug = base;
  for (let n = 2; taken.has(slug); n += 1) slug = `${base}-${n}`;
  return slug;
}

/** Cursors are opaque to callers: base64url of the last item's sequence number. */
function encodeCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ seq })).toString("base64url");
}

function decodeCursor(cursor: string): number {
  try {
    const { seq } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { seq: unknown };
    if (typeof seq === "number" && Number.isInteger(seq) && seq > 0) return seq;
  } catch {
    // fall through to the error below
  }
  throw new MockError(400, "validation_error", "cursor is not a cursor returned by this API.", { param: "cursor", details: [{ field: "cursor", message: "invalid cursor" }] });
}

/** round half up of basePrice x whole days remaining / days in the period (the documented $50 x 20/31 = $32.26). */
export function proratedCharge(basePrice: number, subscription: SubscriptionRecord, now: Date): number {
  const totalDays = Math.round((subscription.periodEnd.getTime() - subscription.periodStart.getTime()) / DAY_MS);
  const daysRemaining = Math.max(0, Math.floor((subscription.periodEnd.getTime() - now.getTime()) / DAY_MS));
  if (totalDays <= 0) return 0;
  return Math.floor((basePrice * daysRemaining) / totalDays + 0.5);
}

function listAddons({ state, query }: Context): MockReply {
  const limit = query.limit as number;
  const after = typeof query.cursor === "string" ? decodeCursor(query.cursor) : Number.POSITIVE_INFINITY;
  const newestFirst = liveAddons(state)
    .filter((addon) => addon.seq < after)
    .sort((a, b) => b.seq - a.seq);
  const page = newestFirst.slice(0, limit);
  const hasMore = newestFirst.length > limit;
  const last = page.at(-1);
  return ok(
    page.map((addon) => toAddon(state, addon)),
    { hasMore, ...(hasMore && last ? { nextCursor: encodeCursor(last.seq) } : {}) },
  );
}

function getAddon({ state, params }: Context): MockReply {
  return ok(toAddon(state, findAddon(state, params.id!, "id")));
}

function createAddon({ state, body, now }: Context): MockReply {
  const input = body as Schemas["CreateAddonRequest"];
  const feature = state.features.get(input.featureId) ?? [...state.features.values()].find((candidate) => candidate.code === input.featureId);
  if (!feature) throw new MockError(404, "feature_not_found", `No feature ${JSON.stringify(input.featureId)}.`, { param: "featureId" });
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

function updateAddon({ state, params, body, now }: Context): MockReply {
  const addon = findAddon(state, params.id!, "id");
  const input = body as Schemas["UpdateAddonRequest"];
  // Only the documented fields change; other keys are ignored (x-assumed in the spec).
  if (input.name !== undefined) addon.name = input.name;
  if (input.description !== undefined) addon.description = input.description;
  if (input.basePrice !== undefined) addon.basePrice = input.basePrice;
  if (input.includedUnits !== undefined) addon.includedUnits = input.includedUnits;
  if (input.overageRate !== undefined) addon.overageRate = input.overageRate;
  addon.updatedAt = now.toISOString();
  return ok(toAddon(state, addon));
}

function deleteAddon({ state, params, now }: Context): MockReply {
  const addon = findAddon(state, params.id!, "id");
  const active = [...state.activations.values()].some((activation) => activation.addonId === addon.id && activation.status === "active");
  if (active) throw new MockError(409, "addon_has_activations", "The add-on is active on at least one subscription; deactivate it first.", { param: "id" });
  addon.deletedAt = now.toISOString();
  return ok({ id: addon.id, deleted: true, object: "addon", livemode: state.livemode });
}

function listActiveAddons({ state, query }: Context): MockReply {
  const reference = query.customerId as string;
  const customer =
    state.customers.get(reference) ?? [...state.customers.values()].find((candidate) => candidate.externalId === reference);
  if (!customer) throw new MockError(404, "customer_not_found", `No customer ${JSON.stringify(reference)}.`, { param: "customerId" });
  const subscription = [...state.subscriptions.values()].find(
    (candidate) => candidate.customerId === customer.id && (candidate.status === "active" || candidate.status === "trialing"),
  );
  if (!subscription) return ok([]);
  const data = [...state.activations.values()]
    .filter((activation) => activation.subscriptionId === subscription.id && activation.status === "active")
    .map((activation) => {
      const addon = state.addons.get(activation.addonId)!;
      const feature = state.features.get(addon.featureId)!;
      return {
        slug: addon.slug,
        name: addon.name,
        basePrice: addon.basePrice,
        featureCode: feature.code,
        featureName: feature.name,
        featureType: feature.type,
        consumptionModel: addon.consumptionModel,
        activatedAt: activation.activatedAt,
        object: "addon",
        livemode: state.livemode,
      } satisfies Schemas["ActiveAddon"];
    });
  return ok(data);
}

function activateAddon({ state, params, body, now }: Context): MockReply {
  const subscription = findSubscription(state, params.id!);
  const { addonId } = body as Schemas["ActivateAddonRequest"];
  const addon = findAddon(state, addonId, "addonId", false);
  if (subscription.status !== "active" && subscription.status !== "trialing") {
    throw new MockError(409, "subscription_not_active", `The subscription is ${subscription.status}; add-ons need an active or trialing one.`, { param: "id" });
  }
  const key = `${subscription.id}/${addon.id}`;
  const existing = state.activations.get(key);
  if (existing?.status === "active") throw new MockError(409, "addon_already_active", "This add-on is already active on this subscription.", { param: "addonId" });
  if (addon.consumptionModel !== "boolean" && addon.consumptionModel !== subscription.plan.consumptionModel) {
    throw new MockError(
      400,
      "validation_error",
      `A ${addon.consumptionModel} add-on cannot be added to a ${subscription.plan.consumptionModel ?? "free"} plan; only boolean add-ons fit any plan.`,
      { param: "addonId", details: [{ field: "addonId", message: "consumption model differs from the plan's" }] },
    );
  }
  const charge = proratedCharge(addon.basePrice, subscription, now);
  if (charge > 0) {
    if (subscription.paymentMethod === null) throw new MockError(409, "no_payment_method", "The subscription has no payment method to charge.", { param: "id" });
    if (subscription.paymentMethod === "declining_card") throw new MockError(402, "charge_failed", "The prorated charge was declined; nothing was activated.");
    state.charges.push({ subscriptionId: subscription.id, addonId: addon.id, amount: charge, at: now.toISOString() });
  }
  // Reactivation reuses the (subscription, add-on) record.
  state.activations.set(key, { subscriptionId: subscription.id, addonId: addon.id, status: "active", activatedAt: now.toISOString(), deactivatedAt: null });
  return ok({ addonId: addon.id, status: "active", proratedCharge: charge, object: "subscription", livemode: state.livemode });
}

function deactivateAddon({ state, params, now }: Context): MockReply {
  const subscription = findSubscription(state, params.id!);
  const addon = findAddon(state, params.addonId!, "addonId", false);
  const activation = state.activations.get(`${subscription.id}/${addon.id}`);
  if (activation?.status !== "active") throw new MockError(400, "addon_not_active", "This add-on is not active on this subscription.", { param: "addonId" });
  activation.status = "inactive";
  activation.deactivatedAt = now.toISOString();
  return ok({ id: subscription.id, status: "inactive", deactivatedAt: activation.deactivatedAt, object: "subscription", livemode: state.livemode });
}

export const commetHandlers: Record<string, MockHandler<CommetState>> = {
  listAddons,
  getAddon,
  createAddon,
  updateAddon,
  deleteAddon,
  listActiveAddons,
  activateAddon,
  deactivateAddon,
};
