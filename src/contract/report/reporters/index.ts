/** The contract reporters by name, as `--reporter` picks them. */
import { jsonReporter } from "./json.js";
import { junitReporter } from "./junit.js";
import { textReporter } from "./text.js";
import type { Reporter } from "./types.js";

export type { ApiResult, Reporter } from "./types.js";
export { formatApi, formatSummary } from "./text.js";

export const reporters = { text: textReporter, json: jsonReporter, junit: junitReporter } satisfies Record<string, Reporter>;
