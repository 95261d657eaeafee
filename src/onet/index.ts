/** `specwright/onet`: a typed client for the OnetSolutions API. */
export { createOnetClient, ONET_BASE_URL } from "./client.js";
export type { OnetClient, OnetClientOptions, OnetThrowingClient } from "./client.js";
export { paginate, type OnetPagePath, type OnetListItem, type OnetPaginateInit } from "./paginate.js";
export type { paths as OnetPaths, components as OnetComponents, operations as OnetOperations } from "../../generated/onet/schema.js";
export * from "../core/index.js";
export { waitForTask, isTaskFinished, type OnetTaskRef, type WaitForTaskOptions } from "./tasks.js";
