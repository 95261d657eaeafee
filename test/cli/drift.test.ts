// The drift report of a live run, end to end: `specwright contract onet --base-url` against a real mock
// behind a proxy that makes it drift (a field added, a required field dropped, an undocumented status,
// an enum value the spec does not list). The report, the console and drift-onet.yaml name each at its
// place in the spec with its severity; warnings fail the run only with --strict, failures always.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { DriftReport } from "../../src/contract/drift/types.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { startBrokenProxy, type Tamper } from "../helpers/broken-proxy.js";
import { runCli, type CliRun } from "./cli.js";

// The onet mock accepts any `sk-onetsolutions-` key; this one must never show up in any output.
const TOKEN = "sk-onetsolutions-drift-Hq72sLx9Pe4c";
const ORGANIZATION = "/components/schemas/Organization";
const scratch = mkdtempSync(join(tmpdir(), "specwright-drift-"));
// A few seconds each; generous for a loaded 2-core CI machine.
const LONG = 120_000;

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock("onet");
});
afterAll(() => mock.close());
beforeEach(() => mock.reset());

interface Outcome {
  run: CliRun;
  drift: DriftReport;
  /** drift-onet.yaml, parsed: pointer to entry. */
  file: Record<string, { kind: string; severity: string; operationId: string; status: number; seen: Record<string, unknown>; suggestion: string }>;
  fileText: string;
  failed: number;
}

/** One live run of listOrganizations (no generated requests) through a proxy that tampers with its answers. */
async function liveRun(name: string, tamper: Tamper, ...extra: string[]): Promise<Outcome> {
  const proxy = await startBrokenProxy("onet", mock.url, tamper);
  try {
    const output = join(scratch, name, "contract.json");
    const run = await runCli(["contract", "onet", "--base-url", proxy.url, "--only", "listOrganizations", "--runs", "0", "--output", output, ...extra], {
      env: { ONET_TOKEN: TOKEN },
    });
    expect(run.stderr).not.toContain("could not complete");
    const report = JSON.parse(readFileSync(output, "utf8")) as { apis: { failed: number; drift: DriftReport }[] };
    const driftFile = join(scratch, name, "drift-onet.yaml");
    expect(run.stderr).toContain(`drift report written to ${driftFile}`);
    const fileText = readFileSync(driftFile, "utf8");
    for (const text of [run.stdout, run.stderr, fileText, readFileSync(output, "utf8")]) expect(text).not.toContain(TOKEN);
    return { run, drift: report.apis[0]!.drift, file: parse(fileText) as Outcome["file"], fileText, failed: report.apis[0]!.failed };
  } finally {
    await proxy.close();
  }
}

/** Changes every organization of a 200 listOrganizations body. */
function organizations(change: (organization: Record<string, unknown>) => void): Tamper {
  return ({ operationId, status, body }) => {
    if (operationId !== "listOrganizations" || status !== 200 || !Array.isArray(body)) return undefined;
    for (const organization of body as Record<string, unknown>[]) change(organization);
    return { body };
  };
}

const addsFieldAndEnumValue = organizations((organization) => Object.assign(organization, { newField: `echo ${TOKEN}`, organization_type: "enterprise" }));

describe("a live run's drift report", () => {
  it(
    "names an added field and an undocumented enum value as warnings, and exits 0",
    async () => {
      const { run, drift, file, fileText, failed } = await liveRun("warnings", addsFieldAndEnumValue);
      expect(failed).toBe(0);
      expect(drift).toMatchObject({ counts: { failure: 0, warning: 2 }, strict: false });
      expect(file[`${ORGANIZATION}/properties/newField`]).toMatchObject({
        kind: "undeclared-field",
        severity: "warning",
        operationId: "listOrganizations",
        status: 200,
        seen: { types: ["string"] },
      });
      // The server echoed the token in the new field: shown redacted, like everything else.
      expect(JSON.stringify(file[`${ORGANIZATION}/properties/newField`]!.seen.values)).toContain("[REDACTED]");
      expect(file[`${ORGANIZATION}/properties/organization_type/enum`]).toMatchObject({
        kind: "undocumented-enum-value",
        severity: "warning",
        seen: { values: ['"enterprise"'] },
      });
      expect(fileText).toMatch(/^# Drift of the onet API: .*\n# A proposal, not a patch: review each entry and apply it to the spec by hand/);
      expect(run.stdout).toContain(`WARNING undeclared-field listOrganizations 200: ${ORGANIZATION}/properties/newField`);
      expect(run.stdout).toContain(`WARNING undocumented-enum-value listOrganizations 200: ${ORGANIZATION}/properties/organization_type/enum: "enterprise"`);
      expect(run.stdout).toMatch(/: OK\n$/);
      expect(run.code).toBe(0);
    },
    LONG,
  );

  it(
    "fails on the same warnings with --strict, saying why",
    async () => {
      const { run, drift, file } = await liveRun("strict", addsFieldAndEnumValue, "--strict");
      expect(drift).toMatchObject({ counts: { failure: 0, warning: 2 }, strict: true });
      expect(Object.keys(file)).toEqual(expect.arrayContaining([`${ORGANIZATION}/properties/newField`, `${ORGANIZATION}/properties/organization_type/enum`]));
      expect(run.stdout).toMatch(/; 2 drift warning\(s\) under --strict: FAILED\n$/);
      expect(run.code).toBe(1);
    },
    LONG,
  );

  it(
    "names a dropped required field as a failure, and the run fails",
    async () => {
      const { run, drift, file, failed } = await liveRun(
        "missing",
        organizations((organization) => delete organization.name),
      );
      expect(failed).toBeGreaterThan(0);
      expect(drift.counts.failure).toBe(1);
      expect(file[`${ORGANIZATION}/properties/name`]).toMatchObject({
        kind: "missing-required",
        severity: "failure",
        operationId: "listOrganizations",
        status: 200,
        seen: { present: 0 },
      });
      expect(run.stdout).toContain(`FAILURE missing-required listOrganizations 200: ${ORGANIZATION}/properties/name: present in 0 of`);
      expect(run.code).toBe(1);
    },
    LONG,
  );

  it(
    "names an undocumented status as a failure at the operation's responses, and the run fails",
    async () => {
      const { run, drift, file, failed } = await liveRun("status", ({ operationId, status }) =>
        operationId === "listOrganizations" && status === 200 ? { status: 418, body: { detail: "I'm a teapot" } } : undefined,
      );
      expect(failed).toBeGreaterThan(0);
      expect(drift.findings.filter((finding) => finding.severity !== "info")).toEqual([
        expect.objectContaining({ kind: "undocumented-status", severity: "failure", pointer: "/paths/~1v1~1organizations/get/responses/418" }),
      ]);
      expect(file["/paths/~1v1~1organizations/get/responses/418"]).toMatchObject({
        kind: "undocumented-status",
        status: 418,
        seen: { bodies: ['{"detail":"I\'m a teapot"}'] },
      });
      expect(run.code).toBe(1);
    },
    LONG,
  );

  it(
    "of a server that keeps to the spec holds only never-seen entries, which fail nothing, even with --strict",
    async () => {
      // Within the spec: an optional field the server never sends.
      const { run, drift, file } = await liveRun(
        "clean",
        organizations((organization) => delete organization.support_plan),
        "--strict",
      );
      expect(drift).toMatchObject({ counts: { failure: 0, warning: 0, info: 1 }, strict: true });
      expect(file).toEqual({
        [`${ORGANIZATION}/properties/support_plan`]: expect.objectContaining({
          kind: "never-seen",
          severity: "info",
          operationId: "listOrganizations",
          status: 200,
          seen: { present: 0, of: expect.any(Number) },
        }),
      });
      expect(run.stdout).toContain("info: 1 declared field(s) or header(s) never seen");
      expect(run.stdout).toMatch(/: OK\n$/);
      expect(run.code).toBe(0);
    },
    LONG,
  );
});

describe("--strict", () => {
  it("is refused without --base-url, naming the option, before anything runs", async () => {
    const output = join(scratch, "refused", "contract.json");
    const run = await runCli(["contract", "onet", "--strict", "--output", output]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--strict");
    expect(run.stderr).toContain("--base-url");
    expect(existsSync(output)).toBe(false);
  });
});
