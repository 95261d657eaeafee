/**
 * The OnetSolutions mock: `Authorization: Bearer <token>` (a JWT or an `sk-onetsolutions-` key), one
 * state per account (access.ts), scopes checked per operation, DRF error bodies, and the 17 handlers.
 */
import type { operations } from "../../../generated/onet/schema.js";
import type { Principal, VendorMock } from "../types.js";
import { accountOf } from "./access.js";
import { onetErrors, onetGenericErrors, renderOnetError } from "./errors.js";
import { onetHandlers } from "./handlers/index.js";
import { onetSeed } from "./seed.js";
import { createOnetState, type OnetState } from "./state.js";

export const onetMock: VendorMock<OnetState, operations> = {
  api: "onet",
  createState: (_principal: Principal, now, seed) => createOnetState(now, seed),
  fixtures: (seed) => onetSeed(seed).fixtures,
  // As DRF's authenticators do: no Bearer credential at all is "not provided" (the generic 401); a
  // Bearer credential that is not a token the API knows is "Invalid token.".
  authenticate(headers) {
    const presented = /^Bearer (.+)$/.exec(headers.authorization ?? "")?.[1];
    if (presented === undefined) return undefined;
    const token = /^\S+$/.test(presented) ? presented : undefined;
    const tenant = token === undefined ? undefined : accountOf(token);
    if (tenant === undefined || token === undefined) throw onetErrors.invalidToken();
    return { tenant, credential: token };
  },
  errors: onetGenericErrors,
  renderError: renderOnetError,
  handlers: onetHandlers,
};
