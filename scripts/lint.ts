/**
 * `npm run lint`: Redocly's recommended rules over every spec in redocly.yaml. Redocly exits 0 on
 * warnings; this project allows none, so any problem fails the run.
 */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { API_NAMES } from "../src/spec/apis.js";

const root = resolve(import.meta.dirname, "..");
const redocly = join(root, "node_modules", ".bin", "redocly");

let failed = false;
// One API per call: with several, Redocly's JSON output is several documents back to back.
for (const api of API_NAMES) {
  const json = spawnSync(redocly, ["lint", api, "--format", "json"], { cwd: root, encoding: "utf8" });
  const report = JSON.parse(json.stdout) as { totals: { errors: number; warnings: number } };
  const { errors, warnings } = report.totals;
  if (errors + warnings > 0) {
    // Show the problems in the readable format.
    spawnSync(redocly, ["lint", api, "--format", "stylish"], { cwd: root, stdio: "inherit" });
    console.error(`lint: ${api}: ${errors} error(s), ${warnings} warning(s); the project allows none.`);
    failed = true;
  } else {
    console.log(`lint: ${api}: passes Redocly's recommended rules (0 errors, 0 warnings).`);
  }
}
process.exit(failed ? 1 : 0);
