/** `specwright/cloudplans`: a typed client for the Cloud Plans console API. */
export { createCloudPlansClient } from "./client.js";
export type { CloudPlansClient, CloudPlansClientOptions, CloudPlansThrowingClient } from "./client.js";
export type { BillingAction, BillingUpdate, BillingUpdateData, BillingUpdateInit, BillingUpdateRequest, BillingUpdateResult, BillingUpdateSuccess } from "./billing.js";
export type { CloudPlansPaths } from "./types.js";
export type { paths as CloudPlansRawPaths, components as CloudPlansComponents, operations as CloudPlansOperations } from "../../generated/cloudplans/schema.js";
export * from "../core/index.js";
