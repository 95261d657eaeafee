// The three reporters over reports built from the spec: the text table (rows, totals, FAIL, NOT
// EXERCISED, ALLOWLISTED and STALE lines), the JSON document .ci/run reads, and JUnit XML that stays
// valid whatever the failure messages contain.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { parseAllowlist } from "../../src/contract/report/allowlist.js";
import { reporters } from "../../src/contract/report/reporters/index.js";
import type { CaseResult } from "../../src/contract/report/results.js";
import { getOperations } from "../../src/spec/operations.js";
import { passingCases, reportOf, resultOf } from "./fixtures.js";

const NASTY = `expected <a> & "b" but got 'c'\n\ttab\u0000nul\u0007bell ]]> \ud800 lone surrogate`;

function generated(operationId: string, kind: "negative" | "property", outcome: CaseResult["outcome"], variant: string): CaseResult {
  const operation = getOperations("onet").byId(operationId);
  return {
    kind,
    operationId,
    method: operation.method.toUpperCase(),
    path: operation.path,
    status: kind === "negative" ? "4xx" : "no 5xx",
    variant,
    outcome,
    schemaValidated: outcome === "pass",
    ...(outcome === "fail" ? { message: NASTY, realStatus: 500 } : {}),
    // As the property pass reports one: a case per operation standing for all its runs.
    ...(kind === "property" ? { generated: { runs: 25, ...(outcome === "fail" ? { failedAt: 3 } : {}) } } : {}),
  };
}

/** onet with one failing dredd case, one unexercised pair, one allowlisted pair, one stale entry, and generated cases. */
function mixed() {
  const cases = passingCases("onet")
    .filter((result) => !(result.operationId === "listWebHosting" && ["429", "404"].includes(result.status)))
    .map((result) =>
      result.operationId === "setDomainPrivacy" && result.status === "404"
        ? { ...result, outcome: "fail" as const, realStatus: 200, schemaValidated: false, message: NASTY }
        : result,
    );
  cases.push(
    generated("listWebHosting", "negative", "pass", "query.page below minimum"),
    generated("listWebHosting", "negative", "fail", "query.page not an integer"),
    generated("listWebHosting", "property", "pass", "25 runs"),
    generated("getDomain", "property", "skip", "25 runs"),
  );
  const allowlist = parseAllowlist(
    [
      { api: "onet", operationId: "listWebHosting", status: "404", reason: "needs a real outage" },
      { api: "onet", operationId: "cancelWebHosting", status: "200", reason: "was hard once" },
    ],
    "list.json",
  );
  return resultOf(reportOf("onet", cases), allowlist);
}

describe("the text reporter", () => {
  it("prints a row per operation with its statuses and generated counts, the totals, and every problem", () => {
    const text = reporters.text([mixed()]);
    expect(text).toMatch(/^onet: contract against the mock at http:\/\/127\.0\.0\.1:1\/api\n  operation +method +negative +generated +statuses\n/);
    for (const operation of getOperations("onet").operations)
      expect(text).toMatch(new RegExp(`\\n  ${operation.operationId} +${operation.method.toUpperCase()} `));
    expect(text).toMatch(/listWebHosting +GET +1\/2 FAIL +25 runs, all passed +200 ok, /);
    expect(text).toMatch(/getDomain +GET +- +skip +200 ok, /);
    expect(text).toMatch(/setDomainPrivacy .*404 FAIL/);
    expect(text).toMatch(
      /operations 17\/17, \(operation, status\) pairs 99\/102, responses schema-validated \d+, negative 2 run\/1 passed, generated 25 runs × 1 operation, all passed, 1 operation skipped; \d+ passed, 2 failed, 1 skipped/,
    );
    expect(text).toContain("FAIL setDomainPrivacy 404 (got 200): expected <a>");
    expect(text).toContain("FAIL listWebHosting negative 4xx[query.page not an integer] (got 500): ");
    expect(text).toContain("SKIP (skipped): getDomain 1 property");
    expect(text).toContain("NOT EXERCISED listWebHosting 429");
    expect(text).toContain("NOT EXERCISED setDomainPrivacy 404");
    expect(text).toContain("ALLOWLISTED listWebHosting 404: needs a real outage");
    expect(text).toContain("STALE ALLOWLIST ENTRY cancelWebHosting 200");
    expect(text.trimEnd().split("\n").at(-1)).toBe(
      "contract: 101 passed, 2 failed, 1 skipped; 2 (operation, status) pair(s) not exercised, 1 stale allowlist entry: FAILED",
    );
  });

  it("shows a variant case under its operation", () => {
    const cases = passingCases("cloudplans").map((result) =>
      result.operationId === "billingUpdate" && result.status === "200" ? { ...result, variant: "getpaymentlink" } : result,
    );
    expect(reporters.text([resultOf(reportOf("cloudplans", cases))])).toContain("200[getpaymentlink] ok");
  });

  it("says OK when every case passed and every pair was exercised", () => {
    expect(reporters.text([resultOf(reportOf("onet", passingCases("onet")))])).toMatch(/pairs 102\/102[\s\S]*contract: 102 passed, 0 failed, 0 skipped: OK\n$/);
  });

  /** onet's passing cases plus one property case per operation, with the run's seed and runs. */
  function withProperties(outcome: (operationId: string) => CaseResult["outcome"], runs = 25) {
    const properties = getOperations("onet").operations.map((operation) => ({
      ...generated(operation.operationId, "property", outcome(operation.operationId), `${runs} runs`),
      generated: { runs, ...(outcome(operation.operationId) === "fail" ? { failedAt: 3 } : {}) },
    }));
    return resultOf({ ...reportOf("onet", [...passingCases("onet"), ...properties]), generation: { seed: 7, runs } });
  }

  it("counts an operation's generated requests in runs, never as 1/1 beside them", () => {
    const text = reporters.text([withProperties(() => "pass")]);
    expect(text).toMatch(/\n  operation +method +negative +generated +statuses\n/);
    expect(text).toMatch(/\n  listWebHosting +GET +- +25 runs, all passed +200 ok, /);
    expect(text).toContain(", generated 25 runs × 17 operations, all passed (seed 7); ");
    expect(text).not.toMatch(/1\/1|17 run\/|\d+ run\/\d+ passed \(/);
    // The statuses column starts at the same place on every row.
    const rows = text.split("\n").filter((line) => / (GET|POST|PUT|DELETE) /.test(line));
    expect(new Set(rows.map((row) => row.search(/\d{3} ok/))).size).toBe(1);
  });

  it("says at which run an operation's generated requests failed, and how many operations failed", () => {
    const text = reporters.text([
      withProperties((operationId) => (operationId === "getDomain" ? "fail" : operationId === "listOrganizations" ? "skip" : "pass")),
    ]);
    expect(text).toMatch(/\n  getDomain +GET +- +FAIL at run 3 of 25 +200 ok, /);
    expect(text).toMatch(/\n  listOrganizations +GET +- +skip +200 ok/);
    expect(text).toContain(", generated 25 runs × 16 operations, 1 operation FAILED, 1 operation skipped (seed 7); ");
    expect(text).toContain("FAIL getDomain property no 5xx[25 runs] (got 500): ");
  });

  it("says when the generated requests were left out or all skipped", () => {
    expect(reporters.text([resultOf({ ...reportOf("onet", passingCases("onet")), generation: { seed: 7, runs: 0 } })])).toContain(
      ", generated requests off (--runs 0); ",
    );
    expect(reporters.text([withProperties(() => "skip")])).toContain(", generated requests: 17 operations skipped; ");
  });
});

describe("the JSON reporter", () => {
  it("gives totals that agree with the per-API verdicts, for a live run too", () => {
    const live = resultOf(
      reportOf(
        "onet",
        passingCases("onet").filter((result) => result.method === "GET"),
        "live",
      ),
    );
    const document = JSON.parse(reporters.json([live, mixed()])) as Record<string, any>;
    const listed = document.apis.reduce((total: number, api: { verdict: { notExercised: string[] } }) => total + api.verdict.notExercised.length, 0);
    expect(live.verdict.notExercised.length).toBeGreaterThan(50);
    expect(document.notExercised).toBe(listed);
    // Only the mock run's two gaps fail the run; the live run's are reported, not failures.
    expect(document.notExercisedFailing).toBe(2);
  });

  it("gives totals, and per API its counts, coverage, verdict and cases", () => {
    const document = JSON.parse(reporters.json([mixed(), resultOf(reportOf("commet", passingCases("commet")))])) as Record<string, any>;
    expect(document).toMatchObject({ ok: false, failed: 2, skipped: 1, notExercised: 2, staleAllowlistEntries: 1 });
    expect(document.apis.map((api: { api: string; ok: boolean }) => [api.api, api.ok])).toEqual([
      ["onet", false],
      ["commet", true],
    ]);
    expect(document.apis[0]).toMatchObject({
      target: "mock",
      failed: 2,
      coverage: { pairs: { exercised: 99, documented: 102 } },
      verdict: { enforced: true, notExercised: ["listWebHosting 429", "setDomainPrivacy 404"] },
    });
    expect(document.apis[0].cases).toHaveLength(reportOf("onet", passingCases("onet")).cases.length - 2 + 4);
  });
});

describe("the JUnit reporter", () => {
  const xml = reporters.junit([mixed(), resultOf(reportOf("commet", passingCases("commet")))]);
  const parsed = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "",
    isArray: (name) => ["testsuite", "testcase", "property"].includes(name),
  }).parse(xml) as {
    testsuites: {
      tests: string;
      failures: string;
      testsuite: {
        name: string;
        tests: string;
        failures: string;
        skipped: string;
        testcase: { classname: string; name: string; failure?: { message: string; "#text": string }; skipped?: { message: string } }[];
      }[];
    };
  };

  it("gives every testcase its measured time in seconds, and each suite its run's time", () => {
    const cases = passingCases("commet").map((result, i) => ({ ...result, durationMs: 1.5 + i }));
    const report = { ...reportOf("commet", cases), durationMs: 2_345.6 };
    const timed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["testsuite", "testcase"].includes(name) }).parse(
      reporters.junit([resultOf(report), mixed()]),
    ) as {
      testsuites: { time: string; testsuite: { time: string; testcase: { name: string; time: string }[] }[] };
    };
    const [commet, onet] = timed.testsuites.testsuite;
    expect(commet!.testcase.map((test) => test.time)).toEqual(cases.map((_, i) => ((1.5 + i) / 1000).toFixed(3)));
    expect(commet!.time).toBe("2.346");
    // Without a measured run time (and with unmeasured cases), a suite's time is what its cases add up to: 0 here.
    expect(onet!.time).toBe("0.000");
    for (const test of onet!.testcase) expect(test.time).toBe("0.000");
    expect(timed.testsuites.time).toBe("2.346");
  });

  it("is well-formed XML even with markup, quotes and control characters in the messages", () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the report must not carry these two control characters.
    expect(xml).not.toMatch(/[\u0000\u0007]/);
  });

  it("has one testsuite per API and one testcase per case, classname <api>.<operationId>", () => {
    const [onet, commet] = parsed.testsuites.testsuite;
    expect([onet!.name, commet!.name]).toEqual(["onet", "commet"]);
    const onetCases = mixed().report.cases.length;
    // Plus the coverage gaps: two pairs not exercised, one allowlisted (skipped), one stale entry.
    expect(onet!.testcase).toHaveLength(onetCases + 4);
    expect(Number(onet!.tests)).toBe(onetCases + 4);
    expect(commet!.testcase).toHaveLength(passingCases("commet").length);
    expect(onet!.testcase[0]!.classname).toMatch(/^onet\.\w+$/);
    expect(onet!.testcase.map((test) => test.name)).toContain("dredd 200");
  });

  it("marks failures (with the message, unescaped back) and skipped cases where they are", () => {
    const onet = parsed.testsuites.testsuite[0]!;
    const failures = onet.testcase.filter((test) => test.failure);
    expect(failures.map((test) => `${test.classname} ${test.name}`)).toEqual([
      "onet.setDomainPrivacy dredd 404",
      "onet.listWebHosting negative 4xx[query.page not an integer]",
      "onet.listWebHosting coverage 429",
      "onet.setDomainPrivacy coverage 404",
      "onet.cancelWebHosting allowlist 200",
    ]);
    expect(Number(onet.failures)).toBe(5);
    expect(failures[0]!.failure!.message).toContain(`got 200: expected <a> & "b" but got 'c'`);
    expect(onet.testcase.filter((test) => test.skipped).map((test) => `${test.name}: ${test.skipped!.message}`)).toEqual([
      "property no 5xx[25 runs]: skipped",
      "coverage 404: allowlisted: needs a real outage",
    ]);
    expect(Number(parsed.testsuites.failures)).toBe(5);
  });
});
