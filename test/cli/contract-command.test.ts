// `specwright contract` against the embedded mock: the table on the console, and the report file in
// each format (JSON at reports/contract.json by default, JUnit XML that validates, text), one API and
// a couple of operations at a time to keep it quick.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli.js";

const scratch = mkdtempSync(join(tmpdir(), "specwright-contract-cli-"));
const QUICK = ["--only", "listWebHosting,cancelWebHosting", "--runs", "1"];

/** The counts of the closing line: `contract: N passed, N failed, N skipped…`. */
function closingCounts(console: string): { passed: number; failed: number; skipped: number } {
  const match = /contract: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(console);
  if (!match) throw new Error(`no closing line in:\n${console}`);
  return { passed: Number(match[1]), failed: Number(match[2]), skipped: Number(match[3]) };
}

describe("specwright contract against the mock", () => {
  it("prints the table and writes reports/contract.json (relative to the working directory) by default", async () => {
    const cwd = mkdtempSync(join(scratch, "default-"));
    // With Node's warnings on: dredd's padLevels warning is filtered where dredd is loaded.
    const run = await runCli(["contract", "onet", ...QUICK], { cwd, env: { NODE_OPTIONS: undefined } });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("Warning");
    expect(run.stdout).toMatch(/^onet: contract against the mock at http:\/\/127\.0\.0\.1:\d+\n/);
    expect(run.stdout).toMatch(/\n  listWebHosting +GET +\d+\/\d+ +1 run, all passed +200 ok, 400 ok, 401 ok, 403 ok, 404 ok, 429 ok\n/);
    expect(run.stdout).toMatch(
      /operations 2\/2, \(operation, status\) pairs 12\/12, responses schema-validated \d+, negative \d+ run\/\d+ passed, generated 1 run × 2 operations, all passed \(seed 20261121\); \d+ passed, 0 failed, 0 skipped/,
    );
    expect(run.stdout).toMatch(/: OK\n$/);
    expect(run.stderr).toContain("json report written to reports/contract.json");
    const report = JSON.parse(readFileSync(join(cwd, "reports/contract.json"), "utf8")) as {
      ok: boolean;
      passed: number;
      apis: { api: string; passed: number; failed: number; verdict: { enforced: boolean; notExercised: string[]; stale: unknown[] } }[];
    };
    expect(report.ok).toBe(true);
    // What .ci/run reads.
    expect(
      report.apis.map(({ api, failed, verdict }) => ({
        api,
        failed,
        verdict: { enforced: verdict.enforced, notExercised: verdict.notExercised, stale: verdict.stale },
      })),
    ).toEqual([{ api: "onet", failed: 0, verdict: { enforced: true, notExercised: [], stale: [] } }]);
    expect(report.apis[0]!.passed).toBe(closingCounts(run.stdout).passed);
  });

  it("--reporter junit --output FILE writes valid JUnit XML with one testcase per case", async () => {
    const output = join(scratch, "nested", "contract.xml");
    const run = await runCli(["contract", "onet", ...QUICK, "--reporter", "junit", "--output", output]);
    expect(run.code).toBe(0);
    const xml = readFileSync(output, "utf8");
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["testsuite", "testcase"].includes(name) }).parse(
      xml,
    ) as {
      testsuites: {
        tests: string;
        failures: string;
        time: string;
        testsuite: { name: string; time: string; testcase: { classname: string; name: string; time: string; failure?: unknown }[] }[];
      };
    };
    const [suite] = parsed.testsuites.testsuite;
    expect(parsed.testsuites.testsuite).toHaveLength(1);
    expect(suite!.name).toBe("onet");
    const counts = closingCounts(run.stdout);
    expect(suite!.testcase).toHaveLength(counts.passed + counts.failed + counts.skipped);
    expect(Number(parsed.testsuites.tests)).toBe(suite!.testcase.length);
    expect(parsed.testsuites.failures).toBe("0");
    // The clean-up takes back the cancellation the run requested, outside --only's scope if need be.
    expect(new Set(suite!.testcase.map((test) => test.classname))).toEqual(
      new Set(["onet.listWebHosting", "onet.cancelWebHosting", "onet.revokeWebHostingCancellation"]),
    );
    expect(suite!.testcase.map((test) => test.name)).toEqual(expect.arrayContaining(["dredd 200", "dredd 429"]));
    for (const kind of ["negative 4xx[", "property no 5xx"]) expect(suite!.testcase.some((test) => test.name.startsWith(kind))).toBe(true);
    // Every case carries its measured time in seconds; each request took some, and none the whole run.
    const times = suite!.testcase.map((test) => Number(test.time));
    for (const test of suite!.testcase) expect(test.time, test.name).toMatch(/^\d+\.\d{3}$/);
    for (const kind of ["dredd ", "negative ", "cleanup "])
      expect(
        suite!.testcase.some((test) => test.name.startsWith(kind) && Number(test.time) > 0),
        kind,
      ).toBe(true);
    expect(Math.max(...times)).toBeLessThanOrEqual(Number(suite!.time));
    expect(Number(suite!.time)).toBeGreaterThan(0);
    expect(parsed.testsuites.time).toBe(suite!.time);
  });

  it("--output - puts the report alone on stdout, and the table on stderr; --reporter text writes the table", async () => {
    const json = await runCli(["contract", "onet", ...QUICK, "--output", "-"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, apis: [{ api: "onet", failed: 0 }] });
    expect(json.stderr).toContain("onet: contract against the mock");

    const output = join(scratch, "contract.txt");
    const text = await runCli(["contract", "onet", ...QUICK, "--reporter", "text", "--output", output]);
    expect(text.code).toBe(0);
    const table = readFileSync(output, "utf8");
    expect(table).toMatch(/^onet: contract against the mock at /);
    expect(table).toContain("pairs 12/12");
    expect(existsSync(join(scratch, "reports"))).toBe(false);
  });
});
