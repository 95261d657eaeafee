/**
 * `npm run contract`: for each API, start a fresh mock server and run the contract against it.
 * Prints the coverage table, writes reports/contract.json and exits 1 on any failure or gap.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { API_NAMES, isApiName, type ApiName } from "../src/spec/apis.js";
import { startMock } from "../src/mock/index.js";
import { runContract, type ContractReport } from "../src/contract/run.js";
import { scenarios } from "../src/contract/scenarios.js";
import { coverageOf, formatReport } from "../src/contract/report.js";

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith("-"));
const unknown = requested.filter((name) => !isApiName(name));
if (unknown.length > 0) {
  console.error(`unknown API: ${unknown.join(", ")} (known: ${API_NAMES.join(", ")})`);
  process.exit(2);
}
const apis = (requested.length > 0 ? requested : [...API_NAMES]) as ApiName[];
const verbose = process.argv.includes("--verbose");

const reports: ContractReport[] = [];
let ok = true;
for (const api of apis) {
  const mock = await startMock(api);
  try {
    const scenario = scenarios[api];
    const report = await runContract(scenario, { api, baseUrl: mock.url, credentials: scenario.mockCredentials, controlUrl: mock.controlUrl }, { verbose });
    reports.push(report);
    console.log(formatReport(report));
    if (report.failed > 0 || coverageOf(report).missing.length > 0) ok = false;
  } finally {
    await mock.close();
  }
}
mkdirSync("reports", { recursive: true });
writeFileSync("reports/contract.json", JSON.stringify(reports, null, 2));
const passed = reports.reduce((sum, report) => sum + report.passed, 0);
const failed = reports.reduce((sum, report) => sum + report.failed, 0);
console.log(`contract: ${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
