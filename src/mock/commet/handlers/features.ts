/** The feature catalogue: list, get, create, update and delete, with unique codes and names. */
import type { components, operations } from "../../../../generated/commet/schema.js";
import { MockError } from "../../mock-error.js";
import type { HandlerGroup, MockContext } from "../../types.js";
import { newId } from "../ids.js";
import { findFeature, liveAddons, liveFeatures } from "../lookup.js";
import type { CommetState, FeatureRecord } from "../state.js";
import { ok, toFeature } from "../views.js";
import { applyPresent } from "../../patch.js";

type Schemas = components["schemas"];
type Context = MockContext<CommetState>;

/** Codes and names are unique among features that are not deleted (`feature_already_exists` covers both). */
function refuseTaken(state: CommetState, field: "code" | "name", value: string, except?: FeatureRecord): void {
  const taken = liveFeatures(state).some((feature) => feature !== except && feature[field] === value);
  if (taken) throw new MockError(409, "feature_already_exists", `A feature with the ${field} ${JSON.stringify(value)} already exists.`, { param: field });
}

/** Why the feature cannot be deleted, if something uses it. */
function usedBy(state: CommetState, feature: FeatureRecord): string | undefined {
  const plans = state.plans.filter((plan) => plan.features.some((included) => included.code === feature.code)).map((plan) => plan.code);
  if (plans.length > 0) return `the plan${plans.length > 1 ? "s" : ""} ${plans.join(", ")}`;
  const addon = liveAddons(state).find((candidate) => candidate.featureId === feature.id);
  return addon ? `the add-on ${JSON.stringify(addon.slug)}` : undefined;
}

const listFeatures = ({ state }: Context) =>
  ok(
    liveFeatures(state)
      .sort((a, b) => b.seq - a.seq)
      .map((feature) => toFeature(state, feature)),
  );

const getFeature = ({ state, params }: Context) => ok(toFeature(state, findFeature(state, params.code!, "code")));

function createFeature({ state, body, now }: Context) {
  const input = body as Schemas["CreateFeatureRequest"];
  refuseTaken(state, "code", input.code);
  refuseTaken(state, "name", input.name);
  const at = now.toISOString();
  const feature: FeatureRecord = {
    id: newId("feat"),
    seq: state.nextSeq++,
    code: input.code,
    name: input.name,
    type: input.type,
    description: input.description ?? null,
    unitName: input.unitName ?? null,
    createdAt: at,
    updatedAt: at,
    deletedAt: null,
  };
  state.features.set(feature.id, feature);
  return ok(toFeature(state, feature));
}

function updateFeature({ state, params, body, now }: Context) {
  const feature = findFeature(state, params.code!, "code");
  const input = body as Schemas["UpdateFeatureRequest"];
  if (input.name !== undefined) refuseTaken(state, "name", input.name, feature);
  // Code and type never change; other keys are ignored (x-assumed in the spec).
  applyPresent(feature, input, ["name", "description", "unitName"]);
  feature.updatedAt = now.toISOString();
  return ok(toFeature(state, feature));
}

function deleteFeature({ state, params, now }: Context) {
  const feature = findFeature(state, params.code!, "code");
  const user = usedBy(state, feature);
  if (user) throw new MockError(409, "feature_in_use", `Feature "${feature.code}" is used by ${user}; it cannot be deleted.`, { param: "code" });
  feature.deletedAt = now.toISOString();
  return ok({ id: feature.id, deleted: true, object: "feature", livemode: state.livemode });
}

export const featureHandlers = { listFeatures, getFeature, createFeature, updateFeature, deleteFeature } satisfies HandlerGroup<operations, CommetState>;
