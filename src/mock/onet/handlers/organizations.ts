/** The organization operations: the organizations the caller belongs to. */
import type { operations } from "../../../../generated/onet/schema.js";
import type { HandlerGroup, MockContext, MockReply } from "../../types.js";
import type { OnetState } from "../state.js";
import { ok, toOrganization } from "../views.js";

type Context = MockContext<OnetState>;

function listOrganizations({ state }: Context): MockReply {
  const visible = [...state.organizations.values()].filter((organization) => organization.member);
  // "ordered by organization name" (by code point, as the database collation would for ASCII names).
  visible.sort((a, b) => (a.profile.name < b.profile.name ? -1 : a.profile.name > b.profile.name ? 1 : 0));
  return ok(visible.map((organization) => toOrganization(state, organization)));
}

export const organizationHandlers = { listOrganizations } satisfies HandlerGroup<operations, OnetState>;
