// The clean-up: what a run created is found from the spec's `x-cleanup` links, what the run undid
// itself is settled, a revocation that restores the state it found is not redone, what cannot be
// removed is reported as left behind, and Ctrl-C still removes what the run created.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCommetClient } from "../../src/commet/index.js";
import { createCleanupTracker } from "../../src/contract/cleanup/tracker.js";
import { undoLinks } from "../../src/contract/cleanup/undo.js";
import { setUpFetch } from "../../src/contract/scenarios/drivers.js";
import { contractFetch } from "../../src/contract/fresh-connection.js";
import { formatFixtures } from "../../src/contract/fixtures.js";
import { scenarios } from "../../src/contract/scenarios/index.js";
import type { ContractTarget } from "../../src/contract/types.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { createOnetClient } from "../../src/onet/index.js";
import { getOperations } from "../../src/spec/operations.js";
import { startBrokenProxy } from "../helpers/broken-proxy.js";
import { startCli } from "../cli/cli.js";

describe("the spec's clean-up links", () => {
  it("say what undoes each create and activation, with where its values come from", () => {
    const commet = getOperations("commet");
    const linksOf = (api: "commet" | "onet", operationId: string, status: string) =>
      undoLinks(api, getOperations(api).byId(operationId), status).map((link) => [
        link.operation.operationId,
        link.parameters.map((parameter) => `${parameter.in}.${parameter.name}=${parameter.expression}`),
      ]);
    expect(linksOf("commet", "createAddon", "200")).toEqual([["deleteAddon", ["path.id=$response.body#/data/id"]]]);
    expect(linksOf("commet", "activateAddon", "200")).toEqual([["deactivateAddon", ["path.id=$request.path.id", "path.addonId=$request.body#/addonId"]]]);
    expect(linksOf("commet", "createFeature", "200")).toEqual([["deleteFeature", ["path.code=$response.body#/data/code"]]]);
    expect(linksOf("onet", "cancelWebHosting", "200")[0]![0]).toBe("revokeWebHostingCancellation");
    expect(undoLinks("commet", commet.byId("createAddon"), "409")).toEqual([]);
  });
});

describe("a tracker fed by the drivers' client, against a Commet mock", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock("commet");
  });
  afterAll(() => mock.close());

  function tracked() {
    const base: ContractTarget = { api: "commet", baseUrl: mock.url, credentials: scenarios.commet.mockCredentials };
    const cleanup = createCleanupTracker("commet", base, scenarios.commet.perRequestHeaders);
    const client = createCommetClient({
      apiKey: "ck_sandbox_contract",
      baseUrl: mock.url,
      retries: 0,
      fetch: setUpFetch("commet", { ...base, observe: cleanup.observe }, contractFetch),
    });
    return { cleanup, client };
  }

  it("removes what was created, newest first, and nothing the run removed itself", async () => {
    const { cleanup, client } = tracked();
    const kept = await client.POST("/features/manage", { body: { name: "Kept", code: "tracker_kept", type: "boolean" } });
    const gone = await client.POST("/features/manage", { body: { name: "Gone", code: "tracker_gone", type: "boolean" } });
    const addon = await client.POST("/addons", { body: { name: "Kept add-on", basePrice: 100, featureId: kept.data!.data.code, consumptionModel: "boolean" } });
    await client.DELETE("/features/{code}/manage", { params: { path: { code: gone.data!.data.code } } });
    expect(cleanup.pending).toBe(2);
    const report = await cleanup.run();
    // The add-on first: its feature cannot go while the add-on uses it.
    expect(report.removed).toEqual([`deleteAddon id=${addon.data!.data.id}`, "deleteFeature code=tracker_kept"]);
    expect(report.leftBehind).toEqual([]);
    expect((await client.GET("/features/{code}", { params: { path: { code: "tracker_kept" } } })).response.status).toBe(404);
  });

  it("reports what the server refuses to remove as left behind", async () => {
    const { cleanup, client } = tracked();
    const feature = await client.POST("/features/manage", { body: { name: "Stuck", code: "tracker_stuck", type: "boolean" } });
    // An add-on made outside the run's sight keeps the feature in use.
    const outside = createCommetClient({ apiKey: "ck_sandbox_contract", baseUrl: mock.url, retries: 0 });
    await outside.POST("/addons", { body: { name: "Outside", basePrice: 100, featureId: feature.data!.data.code, consumptionModel: "boolean" } });
    const report = await cleanup.run();
    expect(report.removed).toEqual([]);
    expect(report.leftBehind).toEqual([expect.stringMatching(/^deleteFeature code=tracker_stuck: got 409 .*feature_in_use/)]);
  });
});

describe("mutual undos (a cancellation and its revocation), against an OnetSolutions mock", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock("onet");
  });
  afterAll(() => mock.close());

  it("restore the state the run found: nothing when it cancelled and revoked, the cancellation when it revoked one", async () => {
    const values = mock.fixtures().values;
    const path = { organization_id: values.organization_id!, project_id: values.project_id!, id: values.hosting_id! };
    const base: ContractTarget = { api: "onet", baseUrl: mock.url, credentials: scenarios.onet.mockCredentials };
    const cancel = "/v1/organizations/{organization_id}/projects/{project_id}/hosting/{id}/cancel" as const;
    const revoke = "/v1/organizations/{organization_id}/projects/{project_id}/hosting/{id}/revoke-cancellation" as const;
    const clientFor = (observe: ContractTarget["observe"]) =>
      createOnetClient({ token: "sk-onetsolutions-contract", baseUrl: mock.url, retries: 0, fetch: setUpFetch("onet", { ...base, observe }, contractFetch) });

    // The run cancels and revokes: the account is as it was, and nothing is left to do.
    const first = createCleanupTracker("onet", base);
    const run = clientFor(first.observe);
    expect((await run.POST(cancel, { params: { path } })).response.status).toBe(200);
    expect((await run.POST(revoke, { params: { path } })).response.status).toBe(200);
    expect(first.pending).toBe(0);

    // The account had a cancellation; the run revokes it: the clean-up requests it again.
    const outside = clientFor(undefined);
    expect((await outside.POST(cancel, { params: { path } })).response.status).toBe(200);
    const second = createCleanupTracker("onet", base);
    const again = clientFor(second.observe);
    expect((await again.POST(revoke, { params: { path } })).response.status).toBe(200);
    expect((await second.run()).removed).toEqual([`cancelWebHosting organization_id=${path.organization_id} project_id=${path.project_id} id=${path.id}`]);
    // Cancelled again: a second cancellation is refused.
    expect((await outside.POST(cancel, { params: { path } })).response.status).toBe(400);
  });
});

describe("Ctrl-C during a live run with --allow-writes", () => {
  let mock: MockServer;
  let proxy: { url: string; close(): Promise<void> };
  const scratch = mkdtempSync(join(tmpdir(), "specwright-sigint-"));
  beforeAll(async () => {
    mock = await startMock("commet", { seed: 11 });
    proxy = await startBrokenProxy("commet", mock.url, () => undefined);
  });
  afterAll(async () => {
    await proxy.close();
    await mock.close();
  });

  it("stops sending cases, removes what the run created, and exits 130", async () => {
    const client = createCommetClient({ apiKey: "ck_sandbox_contract", baseUrl: mock.url, retries: 0 });
    const features = async () => (await client.GET("/features")).data!.data.map((feature) => feature.code).sort();
    const addons = async () => (await client.GET("/addons", { params: { query: { limit: 100 } } })).data!.data.map((addon) => addon.id).sort();
    const before = { features: await features(), addons: await addons() };
    const fixtures = join(scratch, "fixtures.json");
    writeFileSync(fixtures, formatFixtures(mock.fixtures()));
    const cli = startCli(
      ["contract", "commet", "--base-url", proxy.url, "--allow-writes", "--fixtures", fixtures, "--runs", "0", "--output", join(scratch, "report.json")],
      {
        env: { COMMET_API_KEY: "ck_sandbox_contract" },
      },
    );
    // Interrupt once the run has created something of its own. A hang guard: dredd parses the spec
    // first, which on a busy 2-core machine took over 150 s.
    const deadline = Date.now() + 600_000;
    const created = async () => (await client.GET("/features/{code}", { params: { path: { code: "contract_fixture" } } })).response.status === 200;
    while (!(await created())) {
      if (Date.now() > deadline) throw new Error(`the run created nothing; stderr: ${cli.output().stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    cli.child.kill("SIGINT");
    const run = await cli.done;
    expect(run.stderr).toContain("interrupted: no new requests; removing what the run created");
    expect(run.code).toBe(130);
    expect({ features: await features(), addons: await addons() }).toEqual(before);
  }, 720_000);
});
