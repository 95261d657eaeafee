/** Every OnetSolutions operation's handler, by operationId, each behind DRF's checks (access.ts). */
import type { operations } from "../../../../generated/onet/schema.js";
import type { HandlerRegistry } from "../../types.js";
import { guardAll } from "../access.js";
import type { OnetState } from "../state.js";
import { computeHandlers } from "./compute.js";
import { domainHandlers } from "./domains.js";
import { hostingHandlers } from "./hosting.js";
import { organizationHandlers } from "./organizations.js";

const handlers: HandlerRegistry<operations, OnetState> = {
  ...computeHandlers,
  ...hostingHandlers,
  ...domainHandlers,
  ...organizationHandlers,
};

export const onetHandlers = guardAll(handlers);
