// The flows are plain Arazzo: another runner, Redocly's `respect` (which also checks every response
// against the OpenAPI document), runs each API's flows.arazzo.yaml against a seeded mock and passes,
// with the same fixtures a specwright run gets and the credential through Respect's `x-security`.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFlows } from "../../src/contract/flows/document.js";
import { scenarios } from "../../src/contract/scenarios/index.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { API_NAMES, type ApiName } from "../../src/spec/apis.js";
import { ROOT } from "../cli/cli.js";

const run = promisify(execFile);

/** The credential as the flows' `x-security` inputs name it. */
function credentialInput(api: ApiName): string {
  const headers = scenarios[api].mockCredentials;
  return api === "commet" ? `apiKey=${headers["x-api-key"]}` : `token=${(headers.Authorization ?? "").replace(/^Bearer /, "")}`;
}

describe.each(API_NAMES)("redocly respect runs the %s flows", (api) => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock(api, { seed: 7 });
  });
  afterAll(() => mock.close());

  it("against a seeded mock, every workflow passing", async () => {
    const workflows = getFlows(api).workflows;
    const declared = new Set(workflows.flatMap((workflow) => Object.keys(workflow.inputs?.properties ?? {})));
    const inputs = Object.entries(mock.fixtures().values)
      .filter(([name]) => declared.has(name))
      .map(([name, value]) => `${name}=${value}`);
    if (declared.has("runId")) inputs.push("runId=respect1");
    const args = [
      "respect",
      join("specs", api, "flows.arazzo.yaml"),
      "-S",
      `${api}=${mock.url}`,
      ...[credentialInput(api), ...inputs].flatMap((input) => ["--input", input]),
    ];
    const { stdout } = await run(join(ROOT, "node_modules", ".bin", "redocly"), args, { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });
    expect(stdout).toContain(`Workflows: ${workflows.length} passed, ${workflows.length} total`);
    // Every step passed: "Steps: 11 passed, 11 total" (a failure adds ", 1 failed").
    expect(stdout).toMatch(/Steps: (\d+) passed, \1 total/);
  }, 60_000);
});
