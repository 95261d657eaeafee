/** The compute operations: an instance's metadata, add-ons and reactivation, its console session and tasks, and deleting an image. */
import { randomUUID } from "node:crypto";
import type { components, operations } from "../../../../generated/onet/schema.js";
import { applyPresent } from "../../patch.js";
import type { HandlerGroup, MockContext, MockReply } from "../../types.js";
import { onetErrors } from "../errors.js";
import { inScope, scopeOf } from "../lookup.js";
import { splitPayment, toCents } from "../money.js";
import { placeOrder } from "../orders.js";
import type { InstanceRecord, OnetState } from "../state.js";
import { created, ok, sizeOf, toAddonActivationOrder, toInstance, toInstanceTask } from "../views.js";

type Schemas = components["schemas"];
type Context = MockContext<OnetState>;

const ACTIVATION_DEFAULT_CYCLE = "monthly";

function startTask(state: OnetState, instance: InstanceRecord, taskType: string, parameters: unknown, now: Date): void {
  const id = randomUUID();
  state.tasks.set(id, { id, instanceId: instance.id, taskType, parameters, createdAt: now });
  instance.lastTaskId = id;
}

function replaceInstance({ state, params, body, now }: Context): MockReply {
  const instance = inScope(state.instances.get(params.id!), scopeOf(state, params));
  const input = body as Schemas["InstanceUpdateRequest"];
  // DRF CharFields refuse blanks unless told otherwise; a description may be blank.
  const blank = (["name", "hostname"] as const).filter((field) => typeof input[field] === "string" && input[field].trim() === "");
  if (blank.length > 0) throw onetErrors.fields(Object.fromEntries(blank.map((field) => [field, ["This field may not be blank."]])));
  // Only the metadata changes; size_id, location_id, image_id, vpc_id, os_name and billing_cycle are ignored.
  applyPresent(instance, input, ["name", "description", "tags"]);
  if (input.hostname !== undefined && input.hostname !== instance.hostname) {
    instance.hostname = input.hostname;
    startTask(state, instance, "change_hostname", { hostname: input.hostname }, now);
  }
  return ok(toInstance(state, instance));
}

function activateInstanceAddon({ state, params, body, now }: Context): MockReply {
  const scope = scopeOf(state, params);
  const instance = inScope(state.instances.get(params.id!), scope);
  const input = body as Schemas["AddonActivateRequest"];
  const cycle = input.billing_cycle ?? ACTIVATION_DEFAULT_CYCLE;
  // The addon's id, or the size-addon link's id (`available_addons[].id`).
  const matches = (link: Schemas["SizeAddon"]) => link.addon.id === input.addon_id || link.id === input.addon_id;
  const known = state.catalogue.sizes.flatMap((size) => size.available_addons).find(matches);
  if (!known) throw onetErrors.field("addon_id", `Invalid pk "${input.addon_id}" - object does not exist.`);
  const size = sizeOf(state, instance.sizeId);
  const offer = size.available_addons.find((link) => matches(link) && link.is_active && link.addon.is_active);
  if (!offer) throw onetErrors.rule(`The addon "${known.addon.slug}" is not offered for the instance's size (${size.slug}).`);
  if (instance.status === "suspended") throw onetErrors.rule("This instance is suspended; reactivate it before adding addons.");
  if (instance.activeAddonIds.includes(offer.addon.id)) throw onetErrors.rule(`The addon "${offer.addon.slug}" is already active on this instance.`);
  const price = offer.pricing_options.find((option) => option.billing_cycle === cycle && option.is_active);
  if (!price) throw onetErrors.field("billing_cycle", `The addon "${offer.addon.slug}" has no ${cycle} price for size ${size.slug}.`);
  const order = placeOrder(state, scope.organization, toCents(price.price), now, {
    kind: "addon",
    instanceId: instance.id,
    addonId: offer.addon.id,
    billingCycle: cycle,
  });
  instance.activeAddonIds.push(offer.addon.id);
  return created(toAddonActivationOrder(order));
}

function unsuspendInstance({ state, params, now }: Context): MockReply {
  const scope = scopeOf(state, params);
  const instance = inScope(state.instances.get(params.id!), scope);
  if (instance.status !== "suspended") throw onetErrors.rule("This instance is not suspended.");
  // The overdue amount is settled from credit first; a payment method covers the rest.
  const split = splitPayment(instance.overdueCents, scope.organization.creditCents);
  if (split.amountDueCents > 0 && scope.organization.paymentMethod === null) {
    throw onetErrors.rule("Reactivation needs enough account credit or an active payment method.");
  }
  scope.organization.creditCents -= split.creditAppliedCents;
  instance.overdueCents = 0;
  instance.status = "running";
  // "Upon successful reactivation, the instance will be started automatically."
  startTask(state, instance, "start_vps", {}, now);
  return ok(toInstance(state, instance));
}

function getConsoleSession({ state, params }: Context): MockReply {
  const instance = inScope(state.instances.get(params.id!), scopeOf(state, params));
  const session = state.consoleSessions.get(params.session_id!);
  if (!session || session.instanceId !== instance.id) throw onetErrors.notFound();
  // The page's example response is the Instance (spec: ConsoleSession, an open object).
  return ok(toInstance(state, instance));
}

function getComputeTask({ state, params, now }: Context): MockReply {
  const scope = scopeOf(state, params);
  const task = state.tasks.get(params.id!);
  inScope(task && state.instances.get(task.instanceId), scope);
  return ok(toInstanceTask(state, task!, now));
}

function getInstanceTask({ state, params, now }: Context): MockReply {
  const instance = inScope(state.instances.get(params.instance_id!), scopeOf(state, params));
  const task = state.tasks.get(params.id!);
  // A task of another instance is not found under this one.
  if (!task || task.instanceId !== instance.id) throw onetErrors.notFound();
  return ok(toInstanceTask(state, task, now));
}

function deleteImage({ state, params }: Context): MockReply {
  const scope = scopeOf(state, params);
  const image = state.images.get(params.id!);
  // Platform images exist for everyone, so refusing is more truthful than "not found".
  if (image?.visibility === "public") throw onetErrors.permissionDenied();
  inScope(image, scope);
  const users = [...state.instances.values()].filter((instance) => instance.imageId === image!.id && instance.status === "running");
  if (users.length > 0)
    throw onetErrors.rule(`This image is in use by running instances (${users.map((instance) => instance.name).join(", ")}) and cannot be deleted.`);
  state.images.delete(image!.id);
  return { status: 204 };
}

export const computeHandlers = {
  replaceInstance,
  activateInstanceAddon,
  unsuspendInstance,
  getConsoleSession,
  getComputeTask,
  getInstanceTask,
  deleteImage,
} satisfies HandlerGroup<operations, OnetState>;
