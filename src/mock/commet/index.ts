/**
 * The Commet mock: `x-api-key` auth (any `ck_` key; `ck_sandbox_` keys share the sandbox, other keys
 * the live data), its handlers, the cancel and pay control routes, its webhooks (webhooks/), and the
 * work a billing period's end brings, done on the mock's clock before every request (lifecycle.ts). Each
 * tenant starts with the plan catalogue (see plans.ts) and, for a seed other than 0, one paying
 * customer (see seed.ts).
 */
import { MockError } from "../mock-error.js";
import type { VendorMock } from "../types.js";
import { commetControl } from "./control.js";
import { commetErrors, renderCommetError } from "./errors.js";
import { commetHandlers, type ServedOperations } from "./handlers/index.js";
import { settleCommet } from "./lifecycle.js";
import { commetSeed } from "./seed.js";
import { createCommetState, type CommetState } from "./state.js";
import { commetWebhooks } from "./webhooks/profile.js";

export const commetMock: VendorMock<CommetState, ServedOperations> = {
  api: "commet",
  createState: (principal, now, seed) => createCommetState(principal.tenant === "live", now, seed),
  fixtures: (seed) => commetSeed(seed).fixtures,
  authenticate(headers) {
    const key = headers["x-api-key"];
    if (!key || !/^ck_[A-Za-z0-9_]+$/.test(key)) return undefined;
    return { tenant: key.startsWith("ck_sandbox_") ? "sandbox" : "live", credential: key };
  },
  errors: commetErrors,
  renderError: renderCommetError,
  handlers: commetHandlers,
  settle: settleCommet,
  idempotency: {
    header: "Idempotency-Key",
    // Every write the docs give an idempotencyKey option, removeQuota included (its DELETE carries a body).
    operations: [
      "createAddon",
      "updateAddon",
      "activateAddon",
      "createFeature",
      "updateFeature",
      "createCustomer",
      "updateCustomer",
      "createSubscription",
      "cancelSubscription",
      "uncancelSubscription",
      "reactivateSubscription",
      "changePlan",
      "previewPlanChange",
      "trackUsage",
      "checkUsage",
      "setUsage",
      "addQuota",
      "setQuota",
      "removeQuota",
    ],
    mismatch: () => new MockError(409, "idempotency_key_mismatch", "This Idempotency-Key was already used with a different request."),
    inProgress: () => new MockError(409, "idempotency_in_progress", "A request with this Idempotency-Key is still being processed; retry shortly."),
  },
  control: commetControl,
  webhooks: commetWebhooks,
};
