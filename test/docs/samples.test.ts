// The specs' code samples (x-codeSamples): every operation has exactly one TypeScript sample that
// uses its API's client, and `npm run samples` (scripts/check-samples.ts) fails, naming the operation,
// when a sample no longer compiles against the client or is missing.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { API_NAMES } from "../../src/spec/apis.js";
import { documentPath, getDocument } from "../../src/spec/document.js";
import { getOperations } from "../../src/spec/operations.js";
import { operationSamples, sampleProblem, SAMPLE_LANG } from "../../scripts/samples.js";

const root = new URL("../../", import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), "specwright-samples-test-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe.each(API_NAMES)("%s code samples", (api) => {
  const operations = operationSamples(getDocument(api));

  it("cover every operation of the spec", () => {
    expect(operations.map((operation) => operation.operationId).sort()).toEqual(
      getOperations(api)
        .operations.map((operation) => operation.operationId)
        .sort(),
    );
  });

  it(`are exactly one ${SAMPLE_LANG} sample per operation, importing from "specwright/${api}"`, () => {
    const problems = operations.flatMap((operation) => {
      const problem = sampleProblem(api, operation);
      return problem ? [`${operation.operationId}: ${problem}`] : [];
    });
    expect(problems).toEqual([]);
    for (const operation of operations) {
      const [sample] = operation.samples.filter((candidate) => candidate.lang === SAMPLE_LANG);
      expect(sample?.label, operation.operationId).toBe("specwright");
    }
  });
});

describe("sampleProblem", () => {
  const operation = (samples: { lang: string; source: string }[]) => ({ operationId: "getAddon", method: "GET", path: "/addons/{id}", samples });

  it("names a missing, a doubled and a foreign sample", () => {
    expect(sampleProblem("commet", operation([]))).toMatch(/0 TypeScript samples/);
    const good = { lang: "TypeScript", source: 'import { createCommetClient } from "specwright/commet";\n' };
    expect(sampleProblem("commet", operation([good]))).toBeUndefined();
    expect(sampleProblem("commet", operation([good, good]))).toMatch(/2 TypeScript samples/);
    expect(sampleProblem("onet", operation([good]))).toMatch(/does not import from "specwright\/onet"/);
  });
});

describe("check-samples", () => {
  it("fails on a sample that no longer compiles and on a missing one, naming only those operations", () => {
    const bundle = JSON.parse(readFileSync(documentPath("commet"), "utf8")) as {
      paths: Record<string, Record<string, { "x-codeSamples"?: { source: string }[] }>>;
    };
    const create = bundle.paths["/addons"]!.post!["x-codeSamples"]![0]!;
    // A reader's typo the types must catch: the field is `featureId`.
    expect(create.source).toContain("featureId:");
    create.source = create.source.replace("featureId:", "featureID:");
    delete bundle.paths["/addons/{id}"]!.get!["x-codeSamples"];
    const broken = join(scratch, "commet.json");
    writeFileSync(broken, JSON.stringify(bundle));

    const run = spawnSync(join(root, "node_modules", ".bin", "tsx"), ["scripts/check-samples.ts", `commet=${broken}`], { cwd: root, encoding: "utf8" });

    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stderr).toContain("commet createAddon (POST /addons): its TypeScript sample does not compile");
    expect(run.stderr).toContain("featureID");
    expect(run.stderr).toContain("commet getAddon (GET /addons/{id}): has 0 TypeScript samples");
    // Every other sample of the spec still compiles, so no other operation is named.
    const named = [...run.stderr.matchAll(/^commet (\w+) \(/gm)].map((match) => match[1]);
    expect(named.sort()).toEqual(["createAddon", "getAddon"]);
  }, 300_000);
});
