/** The Organization Users operations: list, add, edit and remove the users of an organization. */
import type { components, operations } from "../../../../generated/cloudplans/schema.js";
import type { HandlerGroup, MockContext, MockReply } from "../../types.js";
import { inOrganization, type OrgAccess } from "../access.js";
import { cloudplansErrors } from "../errors.js";
import type { CloudPlansState, MemberRecord, OrganizationRecord, Role } from "../state.js";
import { ok } from "../views.js";

type Schemas = components["schemas"];
type Context = MockContext<CloudPlansState>;

/** The roles a user can be given: all but owner, which only the organization's first user holds. */
export const ASSIGNABLE_ROLES: readonly Role[] = ["admin", "billing", "planner", "viewer"];

/** The console adds a user inactive until someone activates it (Users → Add). */
const DEFAULT_USER_STATE = "inactive";

function assignableRole(role: string): Role {
  const found = ASSIGNABLE_ROLES.find((candidate) => candidate === role);
  if (!found) throw cloudplansErrors.invalid("role", `must be one of ${ASSIGNABLE_ROLES.join(", ")} (the owner is the organization's first user)`);
  return found;
}

// E-mail addresses identify users; their case does not.
const emailOf = (userId: string): string => userId.toLowerCase();

function memberOf(organization: OrganizationRecord, email: string): MemberRecord {
  const member = organization.members.find((candidate) => candidate.email === email);
  if (!member) throw cloudplansErrors.notFound(`${email} is not a user of ${organization.id}.`, "user_id");
  return member;
}

function notTheOwner(organization: OrganizationRecord, member: MemberRecord, toDo: string): void {
  if (member.role === "owner") throw cloudplansErrors.conflict(`${member.email} is the owner of ${organization.id}, who cannot be ${toDo}.`);
}

function listOrganizationUsers(_: Context, { organization }: OrgAccess): MockReply {
  return ok({ users: organization.members.map(({ email, role, state }) => ({ email, role, state })), mfa: { ...organization.mfa } });
}

function addOrganizationUser({ body }: Context, { organization }: OrgAccess): MockReply {
  const input = body as Schemas["AddOrganizationUserRequest"];
  const role = assignableRole(input.role);
  const email = emailOf(input.user_id);
  if (organization.members.some((member) => member.email === email)) throw cloudplansErrors.conflict(`${email} is already a user of ${organization.id}.`);
  organization.members.push({ email, role, state: input.state ?? DEFAULT_USER_STATE });
  return ok();
}

function updateOrganizationUser({ body }: Context, { organization }: OrgAccess): MockReply {
  const input = body as Schemas["UpdateOrganizationUserRequest"];
  const role = input.role === undefined ? undefined : assignableRole(input.role);
  const member = memberOf(organization, emailOf(input.user_id));
  notTheOwner(organization, member, "given another role or state");
  if (role !== undefined) member.role = role;
  if (input.state !== undefined) member.state = input.state;
  return ok();
}

function removeOrganizationUser({ body }: Context, { organization }: OrgAccess): MockReply {
  const input = body as Schemas["RemoveOrganizationUserRequest"];
  const member = memberOf(organization, emailOf(input.user_id));
  notTheOwner(organization, member, "removed");
  organization.members.splice(organization.members.indexOf(member), 1);
  return ok();
}

export const userHandlers = {
  listOrganizationUsers: inOrganization("listOrganizationUsers", listOrganizationUsers),
  addOrganizationUser: inOrganization("addOrganizationUser", addOrganizationUser),
  updateOrganizationUser: inOrganization("updateOrganizationUser", updateOrganizationUser),
  removeOrganizationUser: inOrganization("removeOrganizationUser", removeOrganizationUser),
} satisfies HandlerGroup<operations, CloudPlansState>;
