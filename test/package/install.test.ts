// The packed package installs cleanly in a scratch project: `npm pack` → `npm install <tarball>` →
// a consumer file that imports `specwright/commet`, `/onet`, `/cloudplans` and `/mock` type-checks
// (strict, NodeNext, the package's declarations checked too) and runs under plain Node, each client
// making one typed call against a started mock. Needs the built `dist/` (`npm test` builds first);
// without it the test is skipped locally and fails in CI. A release check, like `npm run package:check`
// beside it in CI: it runs in the exhaustive run (`npm run test:full`, CI; test/helpers/exhaustive.ts).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { EXHAUSTIVE } from "../helpers/exhaustive.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const built = existsSync(join(root, "dist/src/commet/index.js"));
const inCi = Boolean(process.env.CI || process.env.SPECWRIGHT_CI_REPORT);
const repoPkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { devDependencies: Record<string, string> };

const CONSUMER = `import { createCommetClient, ApiError } from "specwright/commet";
import { createOnetClient } from "specwright/onet";
import { createCloudPlansClient } from "specwright/cloudplans";
import { startMock, type MockServer } from "specwright/mock";

const mocks: MockServer[] = [];
async function start(api: "commet" | "onet" | "cloudplans"): Promise<string> {
  const mock = await startMock(api);
  mocks.push(mock);
  return mock.url;
}

try {
  const commet = createCommetClient({ apiKey: "ck_sandbox_install", baseUrl: await start("commet") });
  const addons = await commet.GET("/addons", { params: { query: { limit: 10 } } });
  const addonCount: number | undefined = addons.data?.data.length;

  const onet = createOnetClient({ token: "sk-onetsolutions-install", baseUrl: await start("onet") });
  const organizations = await onet.GET("/v1/organizations");
  const organizationNames: string[] = (organizations.data ?? []).map((organization) => organization.name);

  const cloudplans = createCloudPlansClient({ token: "cp-test-owner", baseUrl: await start("cloudplans") });
  const list = await cloudplans.GET("/v1/organizations/list");
  const orgIds: string[] = list.data?.data.organizations.map((organization) => organization.org_id) ?? [];

  const missing = await commet.GET("/addons/{id}", { params: { path: { id: "no-such-addon" } } });

  console.log(JSON.stringify({ addonCount, organizationNames, orgIds, missingStatus: missing.response.status, apiError: typeof ApiError }));
} finally {
  await Promise.all(mocks.map((mock) => mock.close()));
}

/** Never called: the types must refuse it. */
export function misuse(commet: ReturnType<typeof createCommetClient>) {
  // @ts-expect-error: the path parameter is "id", so "addonId" is refused
  return commet.GET("/addons/{id}", { params: { path: { addonId: "x" } } });
}
`;

describe.skipIf(!EXHAUSTIVE || (!built && !inCi))("the packed package in a scratch project", () => {
  const scratch = mkdtempSync(join(tmpdir(), "specwright-install-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("installs from the tarball, type-checks the three clients and the mock, and runs them", () => {
    expect(built, "dist/ is missing: run `npm run build` before the tests").toBe(true);
    const run = (command: string, args: string[], cwd: string) => execFileSync(command, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

    // --ignore-scripts: `npm test` has just built dist/; prepack would build it again.
    const [packed] = JSON.parse(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch], root)) as { filename: string }[];
    const project = join(scratch, "project");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "specwright-consumer", private: true, type: "module" }, null, 2));
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify(
        {
          compilerOptions: {
            target: "ES2022",
            module: "NodeNext",
            moduleResolution: "NodeNext",
            strict: true,
            // Check the package's own declaration files as well, not only their use.
            skipLibCheck: false,
            types: ["node"],
            outDir: "out",
          },
          files: ["consumer.ts"],
        },
        null,
        2,
      ),
    );
    writeFileSync(join(project, "consumer.ts"), CONSUMER);
    run(
      "npm",
      [
        "install",
        join(scratch, packed!.filename),
        `@types/node@${repoPkg.devDependencies["@types/node"]}`,
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
      ],
      project,
    );

    // The installed package holds what a user needs and resolves by name, from the scratch project.
    expect(existsSync(join(project, "node_modules/specwright/dist/src/mock/index.d.ts"))).toBe(true);
    expect(existsSync(join(project, "node_modules/specwright/src"))).toBe(false);
    expect(existsSync(join(project, "node_modules/specwright/test"))).toBe(false);

    // This repository's TypeScript, on the scratch project: its modules resolve from the scratch node_modules.
    try {
      run(join(root, "node_modules/.bin/tsc"), ["-p", join(project, "tsconfig.json")], project);
    } catch (error) {
      const { stdout, stderr } = error as { stdout: string; stderr: string };
      throw new Error(`tsc failed in the scratch project:\n${stdout}${stderr}`);
    }
    const output = run(process.execPath, [join(project, "out/consumer.js")], project);
    expect(JSON.parse(output)).toEqual({
      addonCount: 0,
      organizationNames: expect.arrayContaining(["Atelier Lumiere SAS"]),
      orgIds: ["org-acme"],
      missingStatus: 404,
      apiError: "function",
    });
  }, 300_000);
});
