/**
 * Who may call what: the user behind a token, the organization a request names, and the role policy,
 * read from the spec (each operation's `x-cloudplans-roles.allowed`, i.e. the docs' role table).
 */
import type { operations } from "../../../generated/cloudplans/schema.js";
import { getOperations, type Operation } from "../../spec/operations.js";
import type { MockContext, MockHandler, MockReply } from "../types.js";
import { cloudplansErrors } from "./errors.js";
import { SEED_TOKENS } from "./seed.js";
import type { CloudPlansState, MemberRecord, OrganizationRecord, Role } from "./state.js";

type Context = MockContext<CloudPlansState>;
export type OperationId = keyof operations;
/** The operations that act on one organization; the others need only a valid token. */
export type OrgOperationId = Exclude<OperationId, "listOrganizations" | "createOrganization">;

export interface OrgAccess {
  /** The caller's e-mail. */
  caller: string;
  organization: OrganizationRecord;
  /** The caller's membership: active, with a role the operation allows. */
  member: MemberRecord;
}

export type CallerHandler = (context: Context, caller: string) => MockReply;
export type OrgHandler = (context: Context, access: OrgAccess) => MockReply;

const TOKENS = new Map(SEED_TOKENS.map((entry) => [entry.token, entry]));

/** Whether a token logs anyone in: a seeded one that has not expired. Whom it logs in as depends on the seed (the state's `users`). */
export function isSeedToken(token: string): boolean {
  const entry = TOKENS.get(token);
  return entry !== undefined && !entry.expired;
}

function rolesOf(operation: Operation): readonly Role[] {
  const allowed = (operation.object as { "x-cloudplans-roles"?: { allowed?: unknown } })["x-cloudplans-roles"]?.allowed;
  if (!Array.isArray(allowed)) throw new Error(`cloudplans spec: ${operation.operationId} has no x-cloudplans-roles.allowed`);
  return allowed as Role[];
}

/** The roles each operation allows, by operationId. */
export const ALLOWED_ROLES: ReadonlyMap<string, readonly Role[]> = new Map(
  getOperations("cloudplans").operations.map((operation) => [operation.operationId, rolesOf(operation)]),
);

type OrgIdSource = "query" | "body" | "query, then body";

/** Where each operation names its organization (`org_id`). */
export const ORG_ID_SOURCE: Record<OrgOperationId, OrgIdSource | ((context: Context) => OrgIdSource)> = {
  // (#31) The docs put org_id in a query table on this POST; its body is undocumented, so either may carry it.
  updateOrganization: "query, then body",
  describeBilling: "query",
  listBillingHistory: "query",
  // getpaymentlink sends org_id and quantity in the query, the other three actions a body (the spec's table).
  billingUpdate: (context) => (context.query.action === "getpaymentlink" ? "query" : "body"),
  listOrganizationUsers: "query",
  addOrganizationUser: "body",
  updateOrganizationUser: "body",
  removeOrganizationUser: "body",
  listCredentials: "query",
  createCredential: "body",
  listPlans: "query",
  describePlan: "query",
  createPlan: "body",
  updatePlan: "body",
  addResourceToPlan: "body",
};

function callerOf(context: Context): string {
  const caller = context.state.users.get(context.principal.credential);
  // authenticate() let only these tokens through.
  if (caller === undefined) throw new Error("cloudplans mock: an authenticated token with no user");
  return caller;
}

function orgIdOf(context: Context, source: OrgIdSource): string {
  const fromBody = () => (context.body !== null && typeof context.body === "object" ? (context.body as Record<string, unknown>).org_id : undefined);
  const value = source === "query" ? context.query.org_id : source === "body" ? fromBody() : (context.query.org_id ?? fromBody());
  if (typeof value !== "string" || value === "") {
    throw cloudplansErrors.invalid("org_id", `is required (${source === "query, then body" ? "in the query or the body" : `in the ${source}`})`);
  }
  return value;
}

/** For the operations that need only a valid token. */
export function forCaller(handler: CallerHandler): MockHandler<CloudPlansState> {
  return (context) => handler(context, callerOf(context));
}

/**
 * For the operations on one organization: it must exist and have the caller as an active member whose
 * role the operation allows.
 */
export function inOrganization(operationId: OrgOperationId, handler: OrgHandler): MockHandler<CloudPlansState> {
  const allowed = ALLOWED_ROLES.get(operationId);
  if (!allowed) throw new Error(`cloudplans spec: no operation ${operationId}`);
  const source = ORG_ID_SOURCE[operationId];
  return (context) => {
    const caller = callerOf(context);
    const orgId = orgIdOf(context, typeof source === "function" ? source(context) : source);
    const organization = context.state.organizations.get(orgId);
    const member = organization?.members.find((candidate) => candidate.email === caller);
    // An organization the caller is not in answers like one that does not exist, so ids cannot be probed.
    if (!organization || !member) throw cloudplansErrors.notFound(`No organization ${orgId}.`);
    if (member.state !== "active") throw cloudplansErrors.forbidden(`${caller} is inactive in ${orgId}; inactive users cannot use the organization.`);
    if (!allowed.includes(member.role)) {
      throw cloudplansErrors.forbidden(`The ${member.role} role may not call ${operationId} (allowed: ${allowed.join(", ")}).`);
    }
    return handler(context, { caller, organization, member });
  };
}
