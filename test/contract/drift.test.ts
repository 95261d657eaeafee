// The drift analysis on its own: responses handed to the collector as a live run's observe hook would
// hand them (bodies from a real onet mock, then tampered), and what the report, the drift file and the
// reporters make of them: each kind of drift at the spec's place for it, with its severity.
import { XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { caseProblems, checkResponse, classifyResponse } from "../../src/contract/check-response.js";
import { createDriftCollector } from "../../src/contract/drift/collector.js";
import { driftFails } from "../../src/contract/drift/findings.js";
import { withOpenEnums } from "../../src/contract/drift/open-enums.js";
import { locate, operationPointer } from "../../src/contract/drift/pointers.js";
import { DRIFT_LIMITS, type DriftFinding, type DriftReport } from "../../src/contract/drift/types.js";
import { formatDriftFile } from "../../src/contract/drift/yaml.js";
import { reporters } from "../../src/contract/report/reporters/index.js";
import type { Observation } from "../../src/contract/types.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import type { ApiName } from "../../src/spec/apis.js";
import { getOperations } from "../../src/spec/operations.js";
import { passingCases, reportOf, resultOf } from "../cli/fixtures.js";

const ORGANIZATION = "/components/schemas/Organization";
const LIST_ORGANIZATIONS = "/paths/~1v1~1organizations/get";
const HEADERS = { "content-type": "application/json", "x-request-id": "req_1" };

let mock: MockServer;
/** listOrganizations' 200 body as the onet mock sends it: at least two organizations. */
let organizations: Record<string, unknown>[];

beforeAll(async () => {
  mock = await startMock("onet");
  const response = await fetch(`${mock.url}/v1/organizations`, { headers: { authorization: "Bearer sk-onetsolutions-drift" } });
  organizations = (await response.json()) as Record<string, unknown>[];
});
afterAll(() => mock.close());

function observation(operationId: string, statusCode: number, body: unknown, headers: Record<string, string> = HEADERS): Observation {
  return { operationId, statusCode, headers, body: typeof body === "string" ? body : JSON.stringify(body) };
}

function driftOf(api: ApiName, observations: Observation[], options: { strict?: boolean; limits?: Partial<typeof DRIFT_LIMITS> } = {}): DriftReport {
  const collector = createDriftCollector(api, { ...DRIFT_LIMITS, ...options.limits });
  for (const one of observations) collector.observe(one);
  return collector.report({ strict: options.strict ?? false });
}

/** The organizations, each changed by `change` (a copy). */
function tampered(change: (organization: Record<string, unknown>, index: number) => void): Record<string, unknown>[] {
  return organizations.map((organization, index) => {
    const copy = structuredClone(organization);
    change(copy, index);
    return copy;
  });
}

function only(report: DriftReport, severity: DriftFinding["severity"]): DriftFinding[] {
  return report.findings.filter((finding) => finding.severity === severity);
}

describe("where a place of the bundle is written in the spec", () => {
  it("is the component a $ref'd part was copied from, else where the part sits", () => {
    const operation = getOperations("onet").byId("listOrganizations");
    const schema = operation.object.responses["200"]!.content!["application/json"]!.schema!;
    expect(operationPointer(operation)).toBe(LIST_ORGANIZATIONS);
    expect(locate("onet", schema.items, `${LIST_ORGANIZATIONS}/responses/200/content/application~1json/schema/items`)).toBe(ORGANIZATION);
    expect(locate("onet", operation.object.responses["404"], `${LIST_ORGANIZATIONS}/responses/404`)).toBe("/components/responses/NotFound");
    // The inline array is no component; a bare `{ type: string }` could equal one by chance and stays put.
    expect(locate("onet", schema, "/here")).toBe("/here");
    expect(locate("onet", { type: "string" }, "/there")).toBe("/there");
  });
});

describe("a clean server", () => {
  it("drifts only by what it never sent, which fails nothing, even with --strict", () => {
    const report = driftOf(
      "onet",
      [
        observation("listOrganizations", 200, organizations),
        observation(
          "listOrganizations",
          200,
          tampered((organization) => delete organization.support_plan),
        ),
      ],
      { strict: true },
    );
    expect(report.counts).toMatchObject({ failure: 0, warning: 0 });
    for (const finding of report.findings) expect(["never-seen", "missing-header"]).toContain(finding.kind);
    expect(driftFails(report)).toBe(false);
  });
});

describe("a drifting server's listOrganizations answers", () => {
  it("an undeclared field is a warning at its component's properties, with its type and a value", () => {
    const report = driftOf("onet", [
      observation(
        "listOrganizations",
        200,
        tampered((organization) => (organization.newField = "surprise")),
      ),
    ]);
    expect(report.findings).toContainEqual({
      kind: "undeclared-field",
      severity: "warning",
      pointer: `${ORGANIZATION}/properties/newField`,
      operationId: "listOrganizations",
      status: 200,
      seen: { count: organizations.length, types: ["string"], values: ['"surprise"'] },
      suggestion: expect.stringContaining('declare the property "newField" (string)'),
    });
    expect(report.counts).toMatchObject({ failure: 0, warning: 1 });
    expect(driftFails(report)).toBe(false);
    expect(driftFails({ ...report, strict: true })).toBe(true);
  });

  it("a required field left out is a failure, saying in how many of the objects it was", () => {
    const report = driftOf("onet", [
      observation(
        "listOrganizations",
        200,
        tampered((organization, index) => index === 0 && delete organization.name),
      ),
    ]);
    const finding = report.findings.find((candidate) => candidate.pointer === `${ORGANIZATION}/properties/name`);
    expect(finding).toMatchObject({
      kind: "missing-required",
      severity: "failure",
      operationId: "listOrganizations",
      status: 200,
      seen: { present: organizations.length - 1, of: organizations.length },
    });
    expect(report.counts.warning).toBe(0);
  });

  it("an undocumented status is a failure at the operation's responses, with the body cut short", () => {
    const body = { detail: "I'm a teapot", filler: "x".repeat(500) };
    const report = driftOf("onet", [observation("listOrganizations", 418, body), observation("listOrganizations", 418, body)]);
    expect(report.findings).toHaveLength(1);
    const [finding] = report.findings;
    expect(finding).toMatchObject({
      kind: "undocumented-status",
      severity: "failure",
      pointer: `${LIST_ORGANIZATIONS}/responses/418`,
      status: 418,
      seen: { count: 2, contentTypes: ["application/json"] },
    });
    const shown = (finding!.seen.bodies as string[])[0]!;
    expect(shown).toMatch(/^\{"detail":"I'm a teapot","filler":"x+…$/);
    expect(shown).toHaveLength(DRIFT_LIMITS.valueChars + 1);
    // A status only the catch-all `default` covers is just as undocumented.
    expect(getOperations("onet").byId("listOrganizations").object.responses.default).toBeDefined();
    expect(driftOf("onet", [observation("listOrganizations", 500, {})]).findings[0]).toMatchObject({
      kind: "undocumented-status",
      pointer: `${LIST_ORGANIZATIONS}/responses/500`,
    });
  });

  it("an enum value the spec does not list is a warning at the enum, with the values seen", () => {
    const report = driftOf("onet", [
      observation(
        "listOrganizations",
        200,
        tampered((organization, index) => (organization.organization_type = index === 0 ? "enterprise" : "personal")),
      ),
    ]);
    expect(only(report, "warning")).toEqual([
      expect.objectContaining({
        kind: "undocumented-enum-value",
        pointer: `${ORGANIZATION}/properties/organization_type/enum`,
        seen: { count: 1, values: ['"enterprise"'] },
      }),
    ]);
    expect(report.counts.failure).toBe(0);
  });

  it("a value of another type is a failure at the type", () => {
    const report = driftOf("onet", [
      observation(
        "listOrganizations",
        200,
        tampered((organization) => (organization.project_count = "many")),
      ),
    ]);
    expect(only(report, "failure")).toEqual([
      expect.objectContaining({
        kind: "type-mismatch",
        pointer: `${ORGANIZATION}/properties/project_count/type`,
        seen: { count: organizations.length, types: ["string"], values: ['"many"'] },
      }),
    ]);
  });

  it("an optional field no object had is info (never seen); one some objects had is nothing", () => {
    const none = driftOf("onet", [
      observation(
        "listOrganizations",
        200,
        tampered((organization) => delete organization.support_plan),
      ),
    ]);
    expect(none.findings).toContainEqual(
      expect.objectContaining({
        kind: "never-seen",
        severity: "info",
        pointer: `${ORGANIZATION}/properties/support_plan`,
        seen: { present: 0, of: organizations.length },
      }),
    );
    const some = driftOf("onet", [
      observation(
        "listOrganizations",
        200,
        tampered((organization, index) => index === 0 && delete organization.support_plan),
      ),
    ]);
    expect(some.findings.map((finding) => finding.pointer)).not.toContain(`${ORGANIZATION}/properties/support_plan`);
  });

  it("a required header left out is a failure; the values of headers are never reported", () => {
    const secret = "sk-onetsolutions-never-in-a-report";
    const report = driftOf("onet", [
      observation("listOrganizations", 200, organizations, {
        "content-type": "application/json",
        authorization: `Bearer ${secret}`,
        "set-cookie": `session=${secret}`,
      }),
    ]);
    expect(only(report, "failure")).toEqual([
      expect.objectContaining({
        kind: "missing-header",
        pointer: `${LIST_ORGANIZATIONS}/responses/200/headers/x-request-id`,
        seen: { present: 0, of: 1, required: true },
      }),
    ]);
    expect(JSON.stringify(report)).not.toContain("never-in-a-report");
  });

  it("the same drift of a shared component in two operations is one finding, naming both", () => {
    const report = driftOf("onet", [
      observation("listOrganizations", 404, { detail: "Not found.", trace: "t1" }),
      observation("getDomain", 404, { detail: "Not found.", trace: 2 }),
    ]);
    const [finding] = only(report, "warning");
    expect(finding).toMatchObject({
      kind: "undeclared-field",
      operationId: "listOrganizations",
      status: 404,
      also: ["getDomain 404"],
      seen: { count: 2, types: ["string", "integer"] },
    });
    expect(finding!.pointer).toMatch(/^\/components\/schemas\/\w+\/properties\/trace$/);
  });
});

describe("composed and closed schemas (cloudplans)", () => {
  it("an undeclared field in a oneOf body is placed in the branch the body matches", () => {
    const report = driftOf("cloudplans", [observation("billingUpdate", 200, { status: 200, response: "https://billing.example/p/1", extra: true })]);
    expect(only(report, "warning")).toEqual([
      expect.objectContaining({ kind: "undeclared-field", pointer: "/components/schemas/BillingLinkResponse/properties/extra" }),
    ]);
  });

  it("an undeclared field where the schema says additionalProperties: false is a failure", () => {
    const report = driftOf("cloudplans", [observation("addOrganizationUser", 200, { status: 200, extra: 1 })]);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ kind: "undeclared-field", severity: "failure", pointer: "/components/schemas/StatusResponse/properties/extra" }),
    );
  });
});

describe("bounds", () => {
  it("keeps at most the findings limit, counting the rest", () => {
    const report = driftOf(
      "onet",
      [
        observation(
          "listOrganizations",
          200,
          tampered((organization) => Object.assign(organization, { a: 1, b: 2, c: 3, d: 4, e: 5 })),
        ),
      ],
      { limits: { findings: 2 } },
    );
    expect(report.findings).toHaveLength(2);
    expect(report.omitted).toBeGreaterThanOrEqual(3);
    expect(report.counts.warning).toBe(5);
  });

  it("cuts values short, keeps a few distinct ones, and walks a bounded number of bodies", () => {
    const long = driftOf(
      "onet",
      [
        observation(
          "listOrganizations",
          200,
          tampered((organization, index) => (organization.newField = `${index}${"y".repeat(10_000)}`)),
        ),
      ],
      { limits: { values: 1 } },
    );
    const values = long.findings[0]!.seen.values as string[];
    expect(values).toHaveLength(1);
    expect(values[0]!.length).toBeLessThanOrEqual(DRIFT_LIMITS.valueChars + 1);
    const later = driftOf(
      "onet",
      [
        observation("listOrganizations", 200, organizations),
        observation(
          "listOrganizations",
          200,
          tampered((organization) => (organization.late = 1)),
        ),
      ],
      { limits: { bodiesPerPair: 1 } },
    );
    expect(later.counts.warning).toBe(0);
  });

  it("does not walk deeper than the depth limit", () => {
    const deep = tampered((organization) => (organization.newField = 1));
    expect(driftOf("onet", [observation("listOrganizations", 200, deep)], { limits: { depth: 0 } }).counts.warning).toBe(0);
    expect(driftOf("onet", [observation("listOrganizations", 200, deep)], { limits: { depth: 1 } }).counts.warning).toBe(1);
  });
});

describe("an undocumented enum value in a response's check", () => {
  const operation = getOperations("onet").byId("listOrganizations");
  const reply = (body: unknown) => ({ statusCode: 200, headers: HEADERS, body: JSON.stringify(body) });

  it("fails a mock run's case, and is only a warning on a live run", () => {
    const real = reply(
      tampered((organization, index) => {
        if (index === 0) organization.organization_type = "enterprise";
      }),
    );
    expect(checkResponse(operation, real)).toHaveLength(1);
    expect(caseProblems({}, operation, real)).toHaveLength(1);
    expect(classifyResponse(operation, real)).toEqual({ failures: [], warnings: checkResponse(operation, real) });
    expect(caseProblems({ live: true }, operation, real)).toEqual([]);
  });

  it("leaves every other problem a failure on a live run", () => {
    const real = reply(
      tampered((organization, index) => index === 0 && Object.assign(organization, { organization_type: "enterprise", project_count: "many" })),
    );
    const { failures, warnings } = classifyResponse(operation, real);
    expect(failures).toEqual([expect.stringContaining("project_count")]);
    expect(warnings).toEqual([expect.stringContaining("organization_type")]);
  });

  it("opens enums only where they are keywords, not a property of that name, and once per schema", () => {
    const schema = { type: "object", properties: { enum: { type: "string", enum: ["a"] } }, items: { enum: [1] } };
    const open = withOpenEnums(schema);
    expect(open).toEqual({ type: "object", properties: { enum: { type: "string" } }, items: {} });
    expect(withOpenEnums(schema)).toBe(open);
  });
});

describe("the drift file", () => {
  const nasty = 'line\nbreak: "quoted" # not a comment \u0085\u2028 ]] {x}';

  it("is YAML: one entry per JSON pointer, under a comment saying it is a proposal to apply by hand", () => {
    const report = driftOf("onet", [
      observation(
        "listOrganizations",
        200,
        tampered((organization) => (organization.newField = nasty)),
      ),
      observation("listOrganizations", 418, { detail: nasty }),
    ]);
    const text = formatDriftFile("onet", "http://127.0.0.1:1/api (live, read-only)", report);
    expect(text).toMatch(/^# Drift of the onet API: .*\n# A proposal, not a patch: review each entry and apply it to the spec by hand/);
    const document = parse(text) as Record<string, Record<string, unknown>>;
    expect(Object.keys(document).sort()).toEqual(report.findings.map((finding) => finding.pointer).sort());
    expect(document[`${ORGANIZATION}/properties/newField`]).toEqual({
      kind: "undeclared-field",
      severity: "warning",
      operationId: "listOrganizations",
      status: 200,
      seen: { count: organizations.length, types: ["string"], values: [JSON.stringify(nasty)] },
      suggestion: expect.any(String),
    });
    expect(document[`${LIST_ORGANIZATIONS}/responses/418`]).toMatchObject({ kind: "undocumented-status", severity: "failure", status: 418 });
  });

  it("is an empty mapping when nothing drifted", () => {
    expect(parse(formatDriftFile("onet", "x", { findings: [], counts: { failure: 0, warning: 0, info: 0 }, omitted: 0, strict: false }))).toEqual({});
  });
});

describe("the reporters", () => {
  function live(strict: boolean) {
    const drift = {
      ...driftOf(
        "onet",
        [
          observation(
            "listOrganizations",
            200,
            tampered((organization, index) => index === 0 && Object.assign(organization, { newField: 1, organization_type: "enterprise" })),
          ),
        ],
        { strict },
      ),
      file: "reports/drift-onet.yaml",
    };
    const result = resultOf(reportOf("onet", passingCases("onet"), "live"));
    return { ...result, drift, ok: result.ok && !driftFails(drift) };
  }

  it("text: a drift block listing warnings, and under --strict a summary that says why the run failed", () => {
    const text = reporters.text([live(false)]);
    expect(text).toContain(
      "  drift: 0 failure(s), 2 warning(s), 0 info (warnings do not fail the run without --strict); proposed spec changes in reports/drift-onet.yaml",
    );
    expect(text).toContain(`    WARNING undeclared-field listOrganizations 200: ${ORGANIZATION}/properties/newField: `);
    expect(text).toContain(`    WARNING undocumented-enum-value listOrganizations 200: ${ORGANIZATION}/properties/organization_type/enum: "enterprise" (1×)`);
    expect(text).toMatch(/: OK\n$/);
    expect(reporters.text([live(true)])).toMatch(/; 2 drift warning\(s\) under --strict: FAILED\n$/);
  });

  it("JSON: the findings with their severity under apis[].drift", () => {
    const document = JSON.parse(reporters.json([live(false)])) as { ok: boolean; apis: { drift: DriftReport }[] };
    expect(document.ok).toBe(true);
    expect(document.apis[0]!.drift).toMatchObject({ counts: { failure: 0, warning: 2 }, strict: false, file: "reports/drift-onet.yaml" });
    expect(document.apis[0]!.drift.findings.map((finding) => [finding.kind, finding.severity])).toEqual([
      ["undeclared-field", "warning"],
      ["undocumented-enum-value", "warning"],
    ]);
  });

  it("JUnit: warnings in system-out and properties, a failing case only under --strict", () => {
    const lenient = reporters.junit([live(false)]);
    expect(XMLValidator.validate(lenient)).toBe(true);
    expect(lenient).toContain('<property name="drift.warning" value="2"/>');
    expect(lenient).toMatch(/<system-out>  drift: 0 failure\(s\), 2 warning\(s\)[^<]*WARNING undeclared-field/);
    expect(lenient).not.toContain("onet.drift");
    const strict = reporters.junit([live(true)]);
    expect(XMLValidator.validate(strict)).toBe(true);
    expect(strict).toMatch(/<testcase classname="onet\.drift" name="drift warnings \(--strict\)" time="0\.000">\s*<failure message="2 drift warning\(s\)"/);
  });
});
