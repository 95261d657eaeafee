// `specwright mock <api> --seed N --print-fixtures FILE`: the served account is the seed's (the same one
// `startMock(api, { seed: N })` serves in any process), the file holds its fixtures in the format
// `contract --fixtures` reads, and a bad --seed or an empty --print-fixtures is a usage error naming it.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatFixtures, parseFixtures } from "../../src/contract/fixtures.js";
import { CLOUDPLANS_TOKENS, cloudplansSeed } from "../../src/mock/cloudplans/seed.js";
import { IDS, onetSeed } from "../../src/mock/onet/seed.js";
import { firstLine, runCli, startCli } from "./cli.js";

const scratch = mkdtempSync(join(tmpdir(), "specwright-mock-seed-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function stop(cli: ReturnType<typeof startCli>): Promise<void> {
  cli.child.kill("SIGTERM");
  expect((await cli.done).code).toBe(0);
}

describe("specwright mock --seed --print-fixtures", () => {
  it("writes the seeded account's fixtures before printing the URL, and serves that account", async () => {
    const file = join(scratch, "onet.json");
    const cli = startCli(["mock", "onet", "--seed", "1234", "--print-fixtures", file]);
    const url = await firstLine(cli);
    try {
      const text = readFileSync(file, "utf8");
      // The same account in this process: seeds are deterministic across processes.
      expect(text).toBe(formatFixtures(onetSeed(1234).fixtures));
      const fixtures = parseFixtures(JSON.parse(text));
      expect(fixtures.values.organization_id).not.toBe(IDS.organization);
      const headers = { Authorization: "Bearer sk-onetsolutions-cli" };
      const organizations = (await (await fetch(`${url}/v1/organizations`, { headers })).json()) as { id: string }[];
      expect(organizations.map((organization) => organization.id)).toContain(fixtures.values.organization_id);
      const domain = await fetch(
        `${url}/v1/organizations/${fixtures.values.organization_id}/projects/${fixtures.values.project_id}/domains/${fixtures.operations.getDomain!.id}`,
        { headers },
      );
      expect(domain.status).toBe(200);
    } finally {
      await stop(cli);
    }
  });

  it("serves the seed's Cloud Plans world: the owner's token lists the organization of the fixtures", async () => {
    const cli = startCli(["mock", "cloudplans", "--seed", "77"]);
    const url = await firstLine(cli);
    try {
      const response = await fetch(`${url}/v1/organizations/list?action=list`, { headers: { Authorization: `Bearer ${CLOUDPLANS_TOKENS.owner}` } });
      const body = (await response.json()) as { data: { organizations: { org_id: string }[] } };
      expect(body.data.organizations.map((organization) => organization.org_id)).toContain(cloudplansSeed(77).fixtures.values.org_id);
      expect(body.data.organizations.map((organization) => organization.org_id)).not.toContain("org-acme");
    } finally {
      await stop(cli);
    }
  });

  it("prints seed 0's fixtures (the spec's example ids) without --seed", async () => {
    const file = join(scratch, "default.json");
    const cli = startCli(["mock", "onet", "--print-fixtures", file]);
    await firstLine(cli);
    await stop(cli);
    expect(parseFixtures(JSON.parse(readFileSync(file, "utf8"))).values.organization_id).toBe(IDS.organization);
  });

  it("exits 1, naming the option and the file, when the file cannot be written", async () => {
    const run = await runCli(["mock", "commet", "--print-fixtures", join(scratch, "missing", "dir", "f.json")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--print-fixtures: cannot write .*missing\/dir\/f\.json/);
    expect(run.stdout).toBe("");
  });

  it.each([
    [["--seed", "abc"], /mock: --seed must be an integer from 0 to 9007199254740991, not "abc"/],
    [["--seed=-1"], /mock: --seed must be an integer from 0/],
    [["--seed", "1.5"], /mock: --seed must be an integer/],
    [["--seed", "9007199254740992"], /mock: --seed must be an integer/],
    [["--seed"], /--seed/],
    [["--print-fixtures", " "], /mock: --print-fixtures must not be empty/],
  ])("%j is a usage error that names the option", async (args, message) => {
    const run = await runCli(["mock", "onet", ...args]);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
  });
});
