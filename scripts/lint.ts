/**
 * `npm run lint`: Biome (format and lint rules, biome.jsonc) over the TypeScript, then Redocly's
 * recommended rules over every spec in redocly.yaml and every API's declared flows
 * (specs/<api>/flows.arazzo.yaml, Arazzo). Both exit 0 on warnings; this project allows none, so any
 * problem fails the run. `npx biome check --write .` fixes the formatting.
 */
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { API_NAMES } from "../src/spec/apis.js";

const root = resolve(import.meta.dirname, "..");
const redocly = join(root, "node_modules", ".bin", "redocly");
const biome = join(root, "node_modules", ".bin", "biome");

let failed = false;
const code = spawnSync(biome, ["ci", "--error-on-warnings", "--reporter=summary", "."], { cwd: root, stdio: "inherit" });
if (code.status === 0) console.log("lint: TypeScript: formatted, and passes Biome's rules (0 errors, 0 warnings).");
else {
  console.error("lint: TypeScript: Biome found problems (above); `npx biome check --write .` fixes the formatting.");
  failed = true;
}
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
