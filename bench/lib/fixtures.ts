/** The one call every client benchmark makes: Commet's Get add-on (`GET /addons/{id}`), and its answer. */
import type { components } from "../../generated/commet/schema.js";

export const API_KEY = "ck_sandbox_bench";
export const ADDON_ID = "priority-support";
/** Where @commet/node sends its requests (it has no base URL option). */
export const COMMET_ORIGIN_PREFIX = "https://commet.co/api/v1";
/** The base path of the spec's server, which the loopback servers keep. */
export const BASE_PATH = "/api/v1";

/** The spec's own example of an add-on (the body Prism answers with), as the fixed reply. */
export const ADDON_RESPONSE: components["schemas"]["AddonResponse"] = {
  success: true,
  data: {
    id: "adn_7Hq2LmZp4Rt9VxKc",
    name: "Priority support",
    slug: "priority-support",
    description: "Replies within one business hour.",
    basePrice: 2900,
    consumptionModel: "boolean",
    featureCode: "priority_support",
    featureName: "Priority support",
    includedUnits: null,
    overageRate: null,
    creditCost: null,
    createdAt: "2026-07-20T10:15:22Z",
    updatedAt: "2026-07-20T10:15:22Z",
    object: "addon",
    livemode: false,
  },
};
