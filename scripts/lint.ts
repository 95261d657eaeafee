/**
 * `npm run lint`: Redocly's recommended rules over every spec in redocly.yaml and every API's declared
 * flows (specs/<api>/flows.arazzo.yaml, Arazzo). Redocly exits 0 on warnings; this project allows
 * none, so any problem fails the run.
 */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { API_NAMES } from "../src/spec/apis.js";

const root = resolve(import.meta.dirname, "..");
const redocly = join(root, "node_modules", ".bin", "redocly");

let failed = false;
// One document per call: with several, Redocly's JSON output is several documents back to back.
for (const target of API_NAMES.flatMap((api) => [api, `specs/${api}/flows.arazzo.yaml`])) {
  const json = spawnSync(redocly, ["lint", target, "--format", "json"], { cwd: root, encoding: "utf8" });
  const report = JSON.parse(json.stdout) as { totals: { errors: number; warnings: number } };
  const { errors, warnings } = report.totals;
  if (errors + warnings > 0) {
    // Show the problems in the readable format.
    spawnSync(redocly, ["lint", target, "--format", "stylish"], { cwd: root, stdio: "inherit" });
    console.error(`lint: ${target}: ${errors} error(s), ${warnings} warning(s); the project allows none.`);
    failed = true;
  } else {
    console.log(`lint: ${target}: passes Redocly's recommended rules (0 errors, 0 warnings).`);
  }
}
process.exit(failed ? 1 : 0);
