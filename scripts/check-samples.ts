/**
 * `npm run samples`: every operation's TypeScript code sample (`x-codeSamples` in the specs) compiles
 * against the real client types, so a sample cannot drift from the API. Each sample becomes a module
 * in a scratch directory where `specwright/<api>` maps to `src/<api>/index.ts`, and one `tsc --noEmit`
 * with the project's compiler options checks them all. Exits 1 naming every operation whose sample is
 * missing or does not compile.
 *
 * Arguments limit the run to some APIs; `api=file.json` reads that API's bundle from another file
 * (default: generated/<api>/openapi.json, which `npm run generate:check` keeps in step with specs/).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { API_NAMES, isApiName, type ApiName } from "../src/spec/apis.js";
import { documentPath, type OpenApiDocument } from "../src/spec/document.js";
import { describeOperation, operationSamples, sampleProblem, SAMPLE_LANG, type OperationSamples } from "./samples.js";

const root = resolve(import.meta.dirname, "..");

const sources = new Map<ApiName, string>();
for (const arg of process.argv.slice(2)) {
  const [name = "", file] = arg.split("=", 2);
  if (!isApiName(name)) {
    console.error(`check-samples: unknown API ${JSON.stringify(name)} (known: ${API_NAMES.join(", ")})`);
    process.exit(2);
  }
  sources.set(name, file ? resolve(file) : documentPath(name));
}
if (sources.size === 0) for (const api of API_NAMES) sources.set(api, documentPath(api));

const problems: string[] = [];
const scratch = mkdtempSync(join(tmpdir(), "specwright-samples-"));
/** Scratch file (relative to the scratch dir) → the operation whose sample it holds. */
const files = new Map<string, { api: ApiName; operation: OperationSamples }>();
const counts: string[] = [];

try {
  for (const [api, file] of sources) {
    const document = JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument;
    const operations = operationSamples(document);
    mkdirSync(join(scratch, api));
    for (const operation of operations) {
      const problem = sampleProblem(api, operation);
      if (problem) {
        problems.push(`${api} ${describeOperation(operation)}: ${problem}`);
        continue;
      }
      const relative = `${api}/${operation.operationId}.ts`;
      writeFileSync(join(scratch, relative), operation.samples.find((sample) => sample.lang === SAMPLE_LANG)!.source);
      files.set(relative, { api, operation });
    }
    counts.push(`${api} ${operations.length}`);
  }

  // The samples are ES modules with top-level await, like a reader's own code.
  writeFileSync(join(scratch, "package.json"), JSON.stringify({ type: "module" }));
  writeFileSync(
    join(scratch, "tsconfig.json"),
    JSON.stringify({
      extends: join(root, "tsconfig.json"),
      compilerOptions: {
        noEmit: true,
        typeRoots: [join(root, "node_modules", "@types")],
        paths: { "specwright/*": [join(root, "src", "*", "index.ts")] },
      },
      files: [...files.keys()],
      // Only the samples and what they import: the inherited `include` would compile the whole project
      // again, which `npm run typecheck` does.
      include: [],
    }),
  );
  const tsc = spawnSync(join(root, "node_modules", ".bin", "tsc"), ["-p", join(scratch, "tsconfig.json"), "--pretty", "false"], {
    cwd: scratch,
    encoding: "utf8",
  });
  if (tsc.error) throw tsc.error;
  problems.push(...diagnostics(tsc.stdout + tsc.stderr));
  if (tsc.status !== 0 && problems.length === 0) problems.push(`tsc exited with ${tsc.status}:\n${tsc.stdout}${tsc.stderr}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(
    `check-samples: ${problems.length} problem(s) in the ${SAMPLE_LANG} samples (x-codeSamples); fix them in specs/<api>/openapi.yaml, then run \`npm run generate\`:\n`,
  );
  for (const problem of problems) console.error(`${problem}\n`);
  process.exit(1);
}
console.log(`check-samples: every operation's ${SAMPLE_LANG} sample compiles against the client (${counts.join(", ")}).`);

/** tsc's diagnostics, grouped per sample, each naming its operation and quoting the sample's own line. */
function diagnostics(output: string): string[] {
  const grouped = new Map<string, string[]>();
  let current: string[] | undefined;
  let quote: string | undefined;
  const flush = () => {
    if (current && quote !== undefined) current.push(`    | ${quote}`);
    quote = undefined;
  };
  for (const line of output.split("\n")) {
    const match = /^(.+?)\((\d+),(\d+)\): (error .*)$/.exec(line);
    if (!match) {
      // tsc continues a long message on indented lines.
      if (current && line.trim() !== "") current.push(`      ${line.trim()}`);
      continue;
    }
    flush();
    const [, file = "", lineNumber = "", column = "", message = ""] = match;
    const sample = files.get(file.replace(/\\/g, "/"));
    const key = sample
      ? `${sample.api} ${describeOperation(sample.operation)}: its ${SAMPLE_LANG} sample does not compile:`
      : `${file} (reached from a sample):`;
    current = grouped.get(key) ?? [];
    grouped.set(key, current);
    current.push(`  line ${lineNumber}:${column}: ${message}`);
    quote = sample?.operation.samples
      .find((s) => s.lang === SAMPLE_LANG)
      ?.source.split("\n")
      [Number(lineNumber) - 1]?.trim();
  }
  flush();
  return [...grouped].map(([key, lines]) => `${key}\n${lines.join("\n")}`);
}
