/** `specwright/cloudplans`: a typed client for the Cloud Plans console API. */
export { createCloudPlansClient } from "./client.js";
export type { CloudPlansClient, CloudPlansClientOptions, CloudPlansThrowingClient } from "./client.js";
// BillingUpdateRequest below is billingUpdate's (an action with its fields) and wins over the spec's
// schema of that name (the raw body), which is CloudPlansComponents["schemas"]["BillingUpdateRequest"].
export type {
  BillingAction,
  BillingUpdate,
  BillingUpdateData,
  BillingUpdateInit,
  BillingUpdateRequest,
  BillingUpdateResult,
  BillingUpdateSuccess,
} from "./billing.js";
export type { CloudPlansPaths } from "./types.js";
export type { paths as CloudPlansRawPaths, components as CloudPlansComponents, operations as CloudPlansOperations } from "../../generated/cloudplans/schema.js";
/** The spec's component schemas under their own names (generated/cloudplans/names.ts), e.g. `import type { PlanDetail } from "specwright/cloudplans"`. */
export type * from "../../generated/cloudplans/names.js";
export * from "../core/index.js";
