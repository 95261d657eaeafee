/**
 * The Cloud Plans mock: `Authorization: Bearer <token>` with the seeded long-term tokens, one world
 * shared by all of them, the role policy of the spec, the `{status, error, message}` error envelope,
 * the 17 handlers and the checkout control route that stands in for Stripe (control.ts).
 */
import type { operations } from "../../../generated/cloudplans/schema.js";
import type { VendorMock } from "../types.js";
import { isSeedToken } from "./access.js";
import { cloudplansControl } from "./control.js";
import { cloudplansGenericErrors, renderCloudPlansError } from "./errors.js";
import { cloudplansHandlers } from "./handlers/index.js";
import { CLOUDPLANS_TENANT, cloudplansSeed } from "./seed.js";
import { createCloudPlansState, type CloudPlansState } from "./state.js";

export const cloudplansMock: VendorMock<CloudPlansState, operations> = {
  api: "cloudplans",
  createState: (_principal, _now, seed) => createCloudPlansState(seed),
  fixtures: (seed) => cloudplansSeed(seed).fixtures,
  authenticate(headers) {
    const token = /^Bearer (\S+)$/i.exec(headers.authorization ?? "")?.[1];
    // Who the user is and which organizations they may use is the guard's business (it needs the state); here only the token counts.
    return token !== undefined && isSeedToken(token) ? { tenant: CLOUDPLANS_TENANT, credential: token } : undefined;
  },
  errors: cloudplansGenericErrors,
  renderError: renderCloudPlansError,
  handlers: cloudplansHandlers,
  control: cloudplansControl,
};
