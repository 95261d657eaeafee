/** The Organization operations: the caller's organizations, creating one, renaming one. */
import type { operations } from "../../../../generated/cloudplans/schema.js";
import type { HandlerGroup, MockContext, MockReply } from "../../types.js";
import { forCaller, inOrganization, type OrgAccess } from "../access.js";
import { cloudplansErrors } from "../errors.js";
import { resourcesInUse } from "../limits.js";
import type { CloudPlansState } from "../state.js";
import { newId, ok } from "../views.js";

type Context = MockContext<CloudPlansState>;

/** The docs give Create Organization no body field, so an organization needs a name of its own. */
const DEFAULT_ORGANIZATION_NAME = "New organization";

const asRecord = (body: unknown): Record<string, unknown> =>
  body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

function listOrganizations({ state }: Context, caller: string): MockReply {
  // Membership is what lists an organization; an inactive member still belongs to it (it only cannot use it).
  const organizations = [...state.organizations.values()].flatMap((organization) => {
    const member = organization.members.find((candidate) => candidate.email === caller);
    if (!member) return [];
    return [{ org_id: organization.id, org_name: organization.name, role: member.role, owner: organization.owner, resources: resourcesInUse(organization) }];
  });
  return ok({ data: { organizations } });
}

function createOrganization({ state, body }: Context, caller: string): MockReply {
  // The body is undocumented and free-form (#21); a non-empty `name` is honoured so that callers can tell organizations apart.
  const name = asRecord(body).name;
  let id = newId("org-");
  while (state.organizations.has(id)) id = newId("org-");
  state.organizations.set(id, {
    id,
    name: typeof name === "string" && name.trim() !== "" ? name : DEFAULT_ORGANIZATION_NAME,
    owner: caller,
    members: [{ email: caller, role: "owner", state: "active" }],
    // Not documented for a new organization: nothing required until an owner asks for it.
    mfa: { view: false, create: false, update: false, delete: false, usersmgmt: false },
    // A new organization starts on the free tier.
    subscription: null,
    invoices: [],
    credentials: [],
    plans: [],
  });
  return ok({ response: { id } });
}

function updateOrganization({ body }: Context, { organization }: OrgAccess): MockReply {
  // The body is undocumented: `name` is the one setting the API shows, so it is the one that changes.
  const { name } = asRecord(body);
  if (name !== undefined) {
    if (typeof name !== "string" || name.trim() === "") throw cloudplansErrors.invalid("name", "must be a non-empty string");
    organization.name = name;
  }
  return ok();
}

export const organizationHandlers = {
  listOrganizations: forCaller(listOrganizations),
  createOrganization: forCaller(createOrganization),
  updateOrganization: inOrganization("updateOrganization", updateOrganization),
} satisfies HandlerGroup<operations, CloudPlansState>;
