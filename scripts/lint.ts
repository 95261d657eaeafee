/**
 * `npm run lint`: Redocly's recommended rules over every spec in redocly.yaml. Redocly exits 0 on
 * warnings; this project allows none, so any problem fails the run.
 */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const redocly = join(root, "node_modules", ".bin", "redocly");

const json = spawnSync(redocly, ["lint", "--format", "json"], { cwd: root, encoding: "utf8" });
const report = JSON.parse(json.stdout) as { totals: { errors: number; warnings: number; ignored: number } };
const { errors, warnings } = report.totals;
if (errors + warnings > 0) {
  // Show the problems in the readable format before failing.
  spawnSync(redocly, ["lint", "--format", "stylish"], { cwd: root, stdio: "inherit" });
  console.error(`lint: ${errors} error(s), ${warnings} warning(s); the project allows none.`);
  process.exit(1);
}
console.log("lint: every spec passes Redocly's recommended rules (0 errors, 0 warnings).");
