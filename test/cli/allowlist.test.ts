// The reviewed allowlist: checked strictly on load, it excuses only the unexercised pairs it names
// (with their reason), and an entry whose pair was exercised is stale and fails the run.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { AllowlistError, loadAllowlist, parseAllowlist } from "../../src/contract/report/allowlist.js";
import { ROOT, runCli } from "./cli.js";
import { passingCases, reportOf, resultOf } from "./fixtures.js";

const entry = { api: "onet", operationId: "listWebHosting", status: "200", reason: "the vendor's sandbox has no web hosting" };

describe("loading the allowlist", () => {
  it("accepts the repository's own file, which is reviewed and (every pair being exercised) empty", () => {
    expect(loadAllowlist(join(ROOT, "contract-allowlist.json"), true)).toEqual([]);
    expect(JSON.parse(readFileSync(join(ROOT, "contract-allowlist.json"), "utf8"))).toEqual([]);
  });

  it("accepts a well-formed entry", () => {
    expect(parseAllowlist([entry], "list.json")).toEqual([entry]);
  });

  it.each([
    [{ not: "a list" }, /expected a JSON array/],
    [["onet listWebHosting 200"], /list\.json\[0\]: expected an object/],
    [[{ ...entry, why: "extra" }], /list\.json\[0\]: unknown field "why"/],
    [[{ ...entry, reason: " " }], /reason must be a non-empty string/],
    [[{ api: "onet", operationId: "listWebHosting", status: "200" }], /reason must be a non-empty string/],
    [[{ ...entry, status: 200 }], /status must be a non-empty string/],
    [[{ ...entry, api: "stripe" }], /unknown API "stripe"/],
    [[{ ...entry, operationId: "listWebHostings" }], /onet has no operation "listWebHostings"/],
    [[{ ...entry, status: "418" }], /listWebHosting documents no status "418" \(it documents 200, /],
    [[{ ...entry, status: "default" }], /documents no status "default"/],
    [[entry, entry], /list\.json\[1\]: onet listWebHosting 200 is listed twice/],
  ])("refuses %j", (data, message) => {
    expect(() => parseAllowlist(data, "list.json")).toThrow(AllowlistError);
    expect(() => parseAllowlist(data, "list.json")).toThrow(message);
  });

  it("reports every problem of the file at once", () => {
    expect(() =>
      parseAllowlist(
        [
          { ...entry, why: 1 },
          { ...entry, api: "stripe" },
        ],
        "list.json",
      ),
    ).toThrow(/\[0\]: unknown field "why"\nlist\.json\[1\]: unknown API/);
  });

  it("treats a missing default file as empty, but a named one as an error", () => {
    const missing = join(mkdtempSync(join(tmpdir(), "specwright-allowlist-")), "none.json");
    expect(loadAllowlist(missing, false)).toEqual([]);
    expect(() => loadAllowlist(missing, true)).toThrow(/no such file/);
  });
});

describe("judging coverage against the allowlist", () => {
  const withoutListWebHosting200 = passingCases("onet").filter((result) => !(result.operationId === "listWebHosting" && result.status === "200"));

  it("passes a run that exercised every documented pair", () => {
    const result = resultOf(reportOf("onet", passingCases("onet")));
    expect(result.verdict).toMatchObject({ enforced: true, notExercised: [], allowlisted: [], stale: [] });
    expect(result.ok).toBe(true);
  });

  it("fails a run against the mock that left a documented pair unexercised", () => {
    const result = resultOf(reportOf("onet", withoutListWebHosting200));
    expect(result.verdict.notExercised).toEqual(["listWebHosting 200"]);
    expect(result.ok).toBe(false);
  });

  it("passes it when the allowlist excuses that pair, and keeps the reason", () => {
    const result = resultOf(reportOf("onet", withoutListWebHosting200), parseAllowlist([entry], "list.json"));
    expect(result.verdict.notExercised).toEqual([]);
    expect(result.verdict.allowlisted).toEqual([{ pair: "listWebHosting 200", reason: entry.reason }]);
    expect(result.ok).toBe(true);
  });

  it("fails a run where an allowlisted pair was exercised after all (a stale entry)", () => {
    const result = resultOf(reportOf("onet", passingCases("onet")), parseAllowlist([entry], "list.json"));
    expect(result.verdict.stale).toEqual([entry]);
    expect(result.ok).toBe(false);
  });

  it("does not count a failed case as exercising its pair", () => {
    const cases = passingCases("onet").map((result) =>
      result.operationId === "listWebHosting" && result.status === "200" ? { ...result, outcome: "fail" as const, message: "boom" } : result,
    );
    const result = resultOf(reportOf("onet", cases), parseAllowlist([entry], "list.json"));
    expect(result.verdict.stale).toEqual([]);
    expect(result.ok).toBe(false);
  });

  it("ignores other APIs' entries, and does not gate a live run on coverage", () => {
    const other = parseAllowlist([{ api: "commet", operationId: "listAddons", status: "200", reason: "another API" }], "list.json");
    expect(resultOf(reportOf("onet", passingCases("onet")), other).verdict.stale).toEqual([]);
    const live = resultOf(reportOf("onet", withoutListWebHosting200, "live"));
    expect(live.verdict).toMatchObject({ enforced: false, notExercised: ["listWebHosting 200"] });
    expect(live.ok).toBe(true);
  });
});

describe("the allowlist in a CLI run", () => {
  const scratch = mkdtempSync(join(tmpdir(), "specwright-allowlist-cli-"));

  it("exits 2 naming the problem when the file is invalid, before running anything", async () => {
    const file = join(scratch, "invalid.json");
    writeFileSync(file, JSON.stringify([{ ...entry, because: "typo" }]));
    const run = await runCli(["contract", "onet", "--allowlist", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown field "because"');
    expect(run.stderr).not.toContain("against a fresh mock");
  });

  it("exits 1 and names a stale entry (its pair was exercised against the mock)", async () => {
    const file = join(scratch, "stale.json");
    writeFileSync(file, JSON.stringify([entry]));
    const output = join(scratch, "stale-report.json");
    const run = await runCli(["contract", "onet", "--only", "listWebHosting", "--runs", "1", "--allowlist", file, "--output", output]);
    expect(run.stdout).toContain("STALE ALLOWLIST ENTRY listWebHosting 200: it was exercised; remove it from the allowlist");
    expect(run.stdout).toMatch(/1 stale allowlist entry: FAILED/);
    expect(run.code).toBe(1);
    const report = JSON.parse(readFileSync(output, "utf8")) as { ok: boolean; apis: { verdict: { stale: unknown[] } }[] };
    expect(report.ok).toBe(false);
    expect(report.apis[0]!.verdict.stale).toEqual([entry]);
  });
});
