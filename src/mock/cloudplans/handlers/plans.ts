/** The Plans operations: list, describe, create and update plans, and add resources to them. */
import type { components, operations } from "../../../../generated/cloudplans/schema.js";
import type { HandlerGroup, MockContext, MockReply } from "../../types.js";
import { inOrganization, type OrgAccess } from "../access.js";
import { cloudplansErrors } from "../errors.js";
import { planLimit, resourceLimit, resourcesInUse } from "../limits.js";
import type { CloudPlansState, OrganizationRecord, PlanRecord } from "../state.js";
import { newId, ok, toPlanDetail, toPlanSummary } from "../views.js";

type Schemas = components["schemas"];
type Context = MockContext<CloudPlansState>;

/** Create Plan documents no default state; a plan is created to run. */
const DEFAULT_PLAN_STATE = "active";
/** A resource's status is not documented; the docs' examples show "active". */
const DEFAULT_RESOURCE_STATUS = "active";

function planOf(organization: OrganizationRecord, planId: string): PlanRecord {
  const plan = organization.plans.find((candidate) => candidate.id === planId);
  if (!plan) throw cloudplansErrors.notFound(`No plan ${planId} in ${organization.id}.`, "plan_id");
  return plan;
}

/** (#13) Requests send hours as integers; reads show them as strings, as the docs' examples do. */
function toSchedule(schedule: Schemas["PlanScheduleInput"], timezone: string): PlanRecord["schedule"] {
  return { start: String(schedule.start), duration: String(schedule.duration), timezone, days: [...schedule.days] };
}

function listPlans(_: Context, { organization }: OrgAccess): MockReply {
  return ok({ plans: organization.plans.map(toPlanSummary) });
}

function describePlan({ query }: Context, { organization }: OrgAccess): MockReply {
  return ok({ plan: toPlanDetail(planOf(organization, query.plan_id as string)) });
}

function createPlan({ body }: Context, { organization }: OrgAccess): MockReply {
  const input = body as Schemas["CreatePlanRequest"];
  const limit = planLimit(organization);
  if (organization.plans.length >= limit) {
    throw cloudplansErrors.conflict(`The free tier allows ${limit} plan and ${organization.id} has ${organization.plans.length}; subscribe to add more.`);
  }
  let id = newId("plan-");
  while (organization.plans.some((plan) => plan.id === id)) id = newId("plan-");
  organization.plans.push({
    id,
    name: input.name,
    description: input.description ?? "",
    // (#13) Create Plan sends the time zone beside the schedule; reads show it inside.
    schedule: toSchedule(input.schedule, input.timezone),
    resources: [],
    dependencies: false,
    state: input.state ?? DEFAULT_PLAN_STATE,
  });
  return ok();
}

function updatePlan({ body }: Context, { organization }: OrgAccess): MockReply {
  const input = body as Schemas["UpdatePlanRequest"];
  const plan = planOf(organization, input.plan_id);
  if (input.name !== undefined) plan.name = input.name;
  const timezone = input.updates?.timezone ?? plan.schedule.timezone;
  plan.schedule = input.updates?.schedule ? toSchedule(input.updates.schedule, timezone) : { ...plan.schedule, timezone };
  // (#14) Sent as "dependancy", shown as "dependencies".
  if (input.dependancy !== undefined) plan.dependencies = input.dependancy;
  if (input.state !== undefined) plan.state = input.state;
  return ok();
}

function addResourceToPlan({ body }: Context, { organization }: OrgAccess): MockReply {
  const input = body as Schemas["AddResourceToPlanRequest"];
  const plan = planOf(organization, input.plan_id);
  const { resource_id, resource_name, type, credential, status, ...extra } = input.resource;
  if (!organization.credentials.some((candidate) => candidate.id === credential)) {
    throw cloudplansErrors.notFound(`No credential ${credential} in ${organization.id}.`, "resource.credential");
  }
  if (plan.resources.some((resource) => resource.id === resource_id)) throw cloudplansErrors.conflict(`${resource_id} is already in plan ${plan.id}.`);
  const inUse = resourcesInUse(organization);
  const limit = resourceLimit(organization);
  if (inUse >= limit) {
    throw cloudplansErrors.conflict(
      organization.subscription
        ? `The subscription covers ${limit} resources; ${inUse} are in use.`
        : `The free tier allows ${limit} resources; ${inUse} are in use. Subscribe to add more.`,
    );
  }
  plan.resources.push({
    id: resource_id,
    resourceName: resource_name ?? extra.instanceName ?? resource_id,
    type,
    status: status ?? DEFAULT_RESOURCE_STATUS,
    credential,
    // The next position: `dependencies` runs the resources in this order.
    index: plan.resources.reduce((last, resource) => Math.max(last, resource.index), 0) + 1,
    extra: { ...extra },
  });
  return ok();
}

export const planHandlers = {
  listPlans: inOrganization("listPlans", listPlans),
  describePlan: inOrganization("describePlan", describePlan),
  createPlan: inOrganization("createPlan", createPlan),
  updatePlan: inOrganization("updatePlan", updatePlan),
  addResourceToPlan: inOrganization("addResourceToPlan", addResourceToPlan),
} satisfies HandlerGroup<operations, CloudPlansState>;
