// A read-only live run against an account it does not know: ids come from --fixtures or from the
// lists the spec links them from, never from the spec's examples; what neither gives is a skip that
// names the fixture to add; only reads are sent.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFixturesFile } from "../../src/cli/fixtures-file.js";
import { UsageError } from "../../src/cli/usage-error.js";
import { createCommetClient } from "../../src/commet/index.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { startBrokenProxy } from "../helpers/broken-proxy.js";
import { exhaustively } from "../helpers/exhaustive.js";
import { runCli } from "./cli.js";

const KEY = "ck_sandbox_live_fixtures";
const scratch = mkdtempSync(join(tmpdir(), "specwright-fixtures-"));
const READS = "listAddons,getAddon,listFeatures,getFeature,listCustomers,getCustomer,listActiveAddons,getSubscription";

interface Report {
  apis: { failed: number; cases: { operationId: string; status: string; kind: string; outcome: string; message?: string }[] }[];
}

/** A run of the read operations through a proxy that counts the methods sent. */
async function readOnlyRun(
  mock: MockServer,
  extra: string[] = [],
): Promise<{ report: Report; methods: string[]; paths: string[]; code: number | null; stderr: string }> {
  const methods: string[] = [];
  const paths: string[] = [];
  const proxy = await startBrokenProxy(
    "commet",
    mock.url,
    () => undefined,
    (method, path) => {
      methods.push(method);
      paths.push(path);
    },
  );
  try {
    const output = join(scratch, `run-${Math.random().toString(36).slice(2)}.json`);
    const run = await runCli(["contract", "commet", "--base-url", proxy.url, "--only", READS, "--runs", "0", "--output", output, ...extra], {
      env: { COMMET_API_KEY: KEY },
    });
    return { report: JSON.parse(readFileSync(output, "utf8")) as Report, methods, paths, code: run.code, stderr: run.stderr };
  } finally {
    await proxy.close();
  }
}

const dreddCase = (report: Report, operationId: string, status: string) =>
  report.apis[0]!.cases.find((result) => result.operationId === operationId && result.status === status && result.kind === "dredd");

describe("a read-only live run against an account holding data of its own", () => {
  let mock: MockServer;
  const ids: { addon?: string; customer?: string } = {};
  beforeAll(async () => {
    mock = await startMock("commet");
    const client = createCommetClient({ apiKey: KEY, baseUrl: mock.url, retries: 0 });
    const feature = await client.POST("/features/manage", { body: { code: "live_seats", name: "Seats", type: "boolean" } });
    ids.addon = (await client.POST("/addons", { body: { name: "More seats", basePrice: 100, featureId: feature.data!.data.id, consumptionModel: "boolean" } }))
      .data!.data.id;
    ids.customer = (await client.POST("/customers", { body: { email: "ann@example.com" } })).data!.data.id;
  });
  afterAll(() => mock.close());

  it("reads each listed thing by the id its list gave, sends only reads, and fails nothing", async () => {
    const { report, methods, paths, code } = await readOnlyRun(mock);
    expect(code).toBe(0);
    expect(report.apis[0]!.failed).toBe(0);
    expect(new Set(methods)).toEqual(new Set(["GET"]));
    for (const [operationId, status] of [
      ["getAddon", "200"],
      ["getFeature", "200"],
      ["getCustomer", "200"],
      ["listActiveAddons", "200"],
    ] as const) {
      expect(dreddCase(report, operationId, status)?.outcome, `${operationId} ${status}`).toBe("pass");
    }
    expect(paths).toContain(`/api/v1/addons/${ids.addon}`);
    expect(paths).toContain(`/api/v1/active-addons?customerId=${ids.customer}`);
    expect(paths.some((path) => path.includes("adn_7Hq2LmZp4Rt9VxKc"))).toBe(false);
    // No subscription to list: the case says which fixture would let it run.
    expect(dreddCase(report, "getSubscription", "200")).toMatchObject({
      outcome: "skip",
      message: expect.stringContaining('add "id" (or operations.getSubscription.id) to --fixtures'),
    });
  }, 300_000);

  it("takes a fixture over what it could discover", async () => {
    const file = join(scratch, "fixtures.json");
    writeFileSync(file, JSON.stringify({ operations: { getAddon: { id: "adn_fromfixture0001" } } }));
    const { report, paths } = await readOnlyRun(mock, ["--fixtures", file]);
    expect(paths).toContain("/api/v1/addons/adn_fromfixture0001");
    // An id that names nothing in the account is a real 404: the run says so.
    expect(dreddCase(report, "getAddon", "200")).toMatchObject({ outcome: "fail" });
  }, 300_000);
});

describe("--fixtures refuses a file it cannot use, before anything is sent", () => {
  const url = "http://127.0.0.1:9/api/v1";
  const REFUSALS: [string, string, RegExp][] = [
    ["not JSON", "{", /--fixtures .* is not JSON/],
    ["a list", "[1]", /expected a JSON object of parameter names to values/],
    ["a value that is not a string", '{"organization_id": {"a": 1}}', /organization_id: expected a string/],
    ["an operation the API does not have", '{"operations": {"getAdon": {"id": "x"}}}', /operations\.getAdon: no such operation in commet/],
    ["a parameter the operation does not have", '{"operations": {"getAddon": {"code": "x"}}}', /operations\.getAddon\.code: getAddon has no parameter code/],
  ];
  const fileWith = (text: string) => {
    const file = join(scratch, `bad-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, text);
    return file;
  };

  // Each reason where the file is read, as the usage error the CLI prints with exit code 2; the CLI is
  // started for the first, and for every one in the exhaustive run (test/helpers/exhaustive.ts).
  it.each(REFUSALS)("%s", (_, text, message) => {
    const file = fileWith(text);
    expect(() => readFixturesFile(file, "commet")).toThrow(UsageError);
    expect(() => readFixturesFile(file, "commet")).toThrow(message);
  });

  it.each(exhaustively(REFUSALS))("%s, from the CLI", async (_, text, message) => {
    const run = await runCli(["contract", "commet", "--base-url", url, "--fixtures", fileWith(text)], { env: { COMMET_API_KEY: KEY } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it("and is refused without --base-url", async () => {
    const run = await runCli(["contract", "commet", "--fixtures", "f.json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--fixtures names ids in a live account (--base-url)");
  });
});
