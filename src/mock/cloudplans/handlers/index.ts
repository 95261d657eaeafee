/** The 17 Cloud Plans operations, each behind its guard (access.ts): a valid token, and for most an organization and a role. */
import type { operations } from "../../../../generated/cloudplans/schema.js";
import type { HandlerRegistry } from "../../types.js";
import type { CloudPlansState } from "../state.js";
import { billingHandlers } from "./billing.js";
import { credentialHandlers } from "./credentials.js";
import { organizationHandlers } from "./organizations.js";
import { planHandlers } from "./plans.js";
import { userHandlers } from "./users.js";

export const cloudplansHandlers: HandlerRegistry<operations, CloudPlansState> = {
  ...organizationHandlers,
  ...billingHandlers,
  ...userHandlers,
  ...credentialHandlers,
  ...planHandlers,
};
