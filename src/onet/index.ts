/** `specwright/onet`: a typed client for the OnetSolutions API. */
export { createOnetClient, ONET_BASE_URL } from "./client.js";
export type { OnetClient, OnetClientOptions, OnetThrowingClient } from "./client.js";
export { paginate, type OnetPagePath, type OnetListItem, type OnetPaginateInit } from "./paginate.js";
export type { paths as OnetPaths, components as OnetComponents, operations as OnetOperations } from "../../generated/onet/schema.js";
/** The spec's component schemas under their own names (generated/onet/names.ts), e.g. `import type { WebHosting } from "specwright/onet"`. */
export type * from "../../generated/onet/names.js";
export * from "../core/index.js";
// Where a schema's name is also one of the library's own exports, the library's keeps it: the spec's
// `ValidationError` schema (a 400 body's field map) is `OnetComponents["schemas"]["ValidationError"]`.
export { ValidationError } from "../core/index.js";
export { waitForTask, isTaskFinished, type OnetTaskRef, type WaitForTaskOptions } from "./tasks.js";
