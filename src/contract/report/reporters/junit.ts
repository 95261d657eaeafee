/**
 * The JUnit XML report for CI: a `<testsuites>` with one `<testsuite>` per API and one `<testcase>` per
 * case (classname `<api>.<operationId>`), plus, against the mock, a failing `coverage <status>` case
 * per pair not exercised, a skipped one per allowlisted pair and a failing `allowlist <status>` case
 * per stale entry, so that CI shows the gaps where it shows the failures. A live run's drift goes to
 * the suite's `<system-out>` and `drift.*` properties, and with --strict to a failing `drift` case.
 * Every `<testcase>` has a `time` in seconds, measured (0 where no request was made); a suite's is its
 * run's wall-clock time.
 */
import { driftFails } from "../../drift/findings.js";
import { formatDrift } from "../../drift/format.js";
import { SEVERITIES } from "../../drift/types.js";
import { caseLabel, type ApiResult, type Reporter } from "./types.js";

interface TestCase {
  classname: string;
  name: string;
  /** Measured; 0 for what is judged without a request (coverage gaps, allowlist entries, drift) or never ran. */
  durationMs: number;
  failure?: { message: string; type: string; detail?: string };
  skipped?: string;
}

export const junitReporter: Reporter = (results) => {
  const suites = results.map((result) => ({ result, cases: testCases(result) }));
  const count = (cases: readonly TestCase[]) => ({
    tests: cases.length,
    failures: cases.filter((test) => test.failure).length,
    skipped: cases.filter((test) => test.skipped !== undefined).length,
  });
  const all = count(suites.flatMap((suite) => suite.cases));
  // A suite's time is its run's wall-clock time: negative cases run a few at a time, so their sum is more.
  const suiteMs = ({ result, cases }: (typeof suites)[number]) => result.report.durationMs ?? cases.reduce((total, test) => total + test.durationMs, 0);
  const totalMs = suites.reduce((total, suite) => total + suiteMs(suite), 0);
  const lines = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="specwright contract" tests="${all.tests}" failures="${all.failures}" errors="0" skipped="${all.skipped}" time="${seconds(totalMs)}">`,
  ];
  for (const suite of suites) {
    const { result, cases } = suite;
    const own = count(cases);
    lines.push(
      `  <testsuite name="${attribute(result.report.api)}" tests="${own.tests}" failures="${own.failures}" errors="0" skipped="${own.skipped}" time="${seconds(suiteMs(suite))}">`,
    );
    lines.push("    <properties>");
    for (const [name, value] of properties(result)) lines.push(`      <property name="${attribute(name)}" value="${attribute(value)}"/>`);
    lines.push("    </properties>");
    for (const test of cases) lines.push(...testCase(test));
    // Drift warnings and info are no test's outcome: they go to the suite's output.
    if (result.drift) lines.push(`    <system-out>${text(formatDrift(result.drift).join("\n"))}</system-out>`);
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return `${lines.join("\n")}\n`;
};

function testCases(result: ApiResult): TestCase[] {
  const api = result.report.api;
  const cases: TestCase[] = result.report.cases.map((test) => {
    const base = {
      classname: `${api}.${test.operationId}`,
      name: `${test.kind === "dredd" ? "dredd " : ""}${caseLabel(test)}`,
      durationMs: test.durationMs ?? 0,
    };
    if (test.outcome === "fail") {
      const message = `${test.realStatus ? `got ${test.realStatus}: ` : ""}${test.message ?? "failed"}`;
      return { ...base, failure: { message, type: test.kind, detail: `${test.method} ${test.path}\n${message}` } };
    }
    if (test.outcome === "skip") return { ...base, skipped: test.message ?? "skipped" };
    return base;
  });
  const { verdict } = result;
  if (verdict.enforced) {
    for (const pair of verdict.notExercised) {
      const [operationId, status] = pair.split(" ");
      cases.push({
        classname: `${api}.${operationId}`,
        name: `coverage ${status}`,
        durationMs: 0,
        failure: { message: `${pair}: documented but not exercised against the mock, and not in the allowlist`, type: "coverage" },
      });
    }
  }
  for (const { pair, reason } of verdict.allowlisted) {
    const [operationId, status] = pair.split(" ");
    cases.push({ classname: `${api}.${operationId}`, name: `coverage ${status}`, durationMs: 0, skipped: `allowlisted: ${reason}` });
  }
  for (const entry of verdict.stale) {
    cases.push({
      classname: `${api}.${entry.operationId}`,
      name: `allowlist ${entry.status}`,
      durationMs: 0,
      failure: { message: `stale allowlist entry: ${entry.operationId} ${entry.status} was exercised; remove it`, type: "allowlist" },
    });
  }
  // With --strict, drift warnings fail the run: CI shows that as a failing case.
  if (result.drift && driftFails(result.drift)) {
    const warnings = result.drift.findings.filter((finding) => finding.severity === "warning");
    cases.push({
      classname: `${api}.drift`,
      name: "drift warnings (--strict)",
      durationMs: 0,
      failure: {
        message: `${result.drift.counts.warning} drift warning(s)`,
        type: "drift",
        detail: warnings.map((finding) => `${finding.kind} ${finding.operationId} ${finding.status}: ${finding.pointer}`).join("\n"),
      },
    });
  }
  return cases;
}

function testCase(test: TestCase): string[] {
  const open = `    <testcase classname="${attribute(test.classname)}" name="${attribute(test.name)}" time="${seconds(test.durationMs)}"`;
  if (test.failure) {
    return [
      `${open}>`,
      `      <failure message="${attribute(test.failure.message)}" type="${attribute(test.failure.type)}">${text(test.failure.detail ?? test.failure.message)}</failure>`,
      "    </testcase>",
    ];
  }
  if (test.skipped !== undefined) return [`${open}>`, `      <skipped message="${attribute(test.skipped)}"/>`, "    </testcase>"];
  return [`${open}/>`];
}

function properties(result: ApiResult): [string, string][] {
  const { coverage, report } = result;
  return [
    ["target", report.target],
    ["server", result.server],
    ["operations", `${coverage.operations.exercised}/${coverage.operations.documented}`],
    ["pairs", `${coverage.pairs.exercised}/${coverage.pairs.documented}`],
    ["schemaValidated", String(coverage.schemaValidated)],
    ["negative", `${coverage.negative.passed}/${coverage.negative.run}`],
    ["generated", `${coverage.property.passed}/${coverage.property.run}`],
    ...(result.drift ? SEVERITIES.map((severity): [string, string] => [`drift.${severity}`, String(result.drift!.counts[severity])]) : []),
  ];
}

/** JUnit's `time`: seconds as a decimal, to the millisecond (what the JUnit schema and CI tools read). */
function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/**
 * XML 1.0 allows neither most control characters nor lone surrogates, even escaped: they become U+FFFD.
 * The `u` flag makes `\p{Cs}` match only unpaired surrogates.
 */
function legal(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids, matched on purpose to replace them.
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/gu, "\uFFFD");
}

function text(value: string): string {
  return legal(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Attribute values also escape quotes, and whitespace that attribute normalization would flatten. */
function attribute(value: string): string {
  return text(value).replace(/"/g, "&quot;").replace(/'/g, "&apos;").replace(/\t/g, "&#9;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;");
}
