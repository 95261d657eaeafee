/** The contract scenario of each API. */
import type { ApiName } from "../../spec/apis.js";
import { cloudplansScenario } from "./cloudplans.js";
import { commetScenario } from "./commet.js";
import { onetScenario } from "./onet.js";
import type { Scenario } from "../types.js";

export const scenarios: Record<ApiName, Scenario<unknown>> = {
  commet: commetScenario as unknown as Scenario<unknown>,
  onet: onetScenario as unknown as Scenario<unknown>,
  cloudplans: cloudplansScenario as unknown as Scenario<unknown>,
};
