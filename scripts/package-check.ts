/**
 * `npm run package:check`: the package as npm would publish it. Checks, on the built `dist/`:
 * 1. `dist/` is built from the sources: every `.js` has its source in `src/` or `generated/` (a file
 *    left behind by a deleted or moved source would be published) and its `.d.ts` beside it; the
 *    client bundles (`dist/clients/`, scripts/bundle-clients.ts) export exactly what tsc's modules
 *    of the same entries export, which their types describe, and share one copy of the error classes;
 * 2. the packed file list holds only what users need: `dist/`, `specs/`, `README.md`, `LICENSE` and
 *    `package.json`, and every `exports` target is in it;
 * 3. publint, strict (warnings fail), on the packed tarball;
 * 4. @arethetypeswrong/cli on the packed tarball, profile `esm-only`.
 * Packs with `--ignore-scripts` (the `prepack` build is not repeated: run `npm run build` first).
 * Prints every problem and exits 1 if there is any.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { publint } from "publint";
import { formatMessage } from "publint/utils";

const root = resolve(import.meta.dirname, "..");
const problems: string[] = [];
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports: Record<string, string | Record<string, string>> };

/** What a user needs, and nothing else: paths relative to the package root. */
const ALLOWED = [/^dist\//, /^specs\//, /^README\.md$/, /^LICENSE$/, /^package\.json$/];

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split("\\").join("/"));
}

// 1. dist/ matches the sources.
if (!existsSync(join(root, "dist"))) {
  console.error("package-check: dist/ is missing; run `npm run build` first.");
  process.exit(1);
}
for (const file of filesUnder(join(root, "dist"))) {
  // The client bundles: checked against the modules they are built from, below.
  if (file.startsWith("dist/clients/")) continue;
  const stem = file.replace(/^dist\//, "").replace(/\.(d\.ts|d\.cts|js|cjs|json)$/, "");
  const extension = file.slice(file.indexOf(".", file.lastIndexOf("/")));
  const sources = extension === ".json" ? [`${stem}.json`] : extension === ".cjs" || extension === ".d.cts" ? [`${stem}.cjs`] : [`${stem}.ts`, `${stem}.js`];
  if (!sources.some((source) => existsSync(join(root, source)))) {
    problems.push(`${file}: no source (${sources.join(" or ")}) — left over from an earlier build? Delete dist/ and rebuild.`);
  }
  if (extension === ".js" && !existsSync(join(root, `dist/${stem}.d.ts`))) problems.push(`${file}: no type declarations (dist/${stem}.d.ts).`);
  if (extension === ".cjs" && !existsSync(join(root, `dist/${stem}.d.cts`))) problems.push(`${file}: no type declarations (dist/${stem}.d.cts).`);
}

const errorClasses = new Set<unknown>();
for (const entry of ["commet", "onet", "cloudplans"]) {
  const bundle = (await import(join(root, `dist/clients/${entry}.js`))) as Record<string, unknown>;
  errorClasses.add(bundle.SpecwrightError);
  const bundled = Object.keys(bundle).sort();
  const typed = Object.keys(await import(join(root, `dist/src/${entry}/index.js`))).sort();
  if (bundled.join() !== typed.join())
    problems.push(`dist/clients/${entry}.js exports ${bundled.join(", ")}; dist/src/${entry}/index.js (whose types it ships) exports ${typed.join(", ")}.`);
}
// One copy of the error classes for the three clients: `instanceof ApiError` holds whichever entry it came from.
if (errorClasses.size !== 1) problems.push(`the client bundles have ${errorClasses.size} copies of SpecwrightError; they must share one chunk.`);

// 2. The packed file list.
const scratch = mkdtempSync(join(tmpdir(), "specwright-pack-"));
try {
  const pack = spawnSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", scratch], { cwd: root, encoding: "utf8" });
  if (pack.status !== 0) {
    console.error(`package-check: npm pack failed:\n${pack.stderr}`);
    process.exit(1);
  }
  const [packed] = JSON.parse(pack.stdout) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  const files = packed!.files.map((file) => file.path);
  for (const file of files) {
    if (!ALLOWED.some((pattern) => pattern.test(file)))
      problems.push(`${file}: packed, but users need only dist/, specs/, README.md, LICENSE and package.json (see "files" in package.json).`);
  }
  for (const required of ["package.json", "README.md", "LICENSE"]) {
    if (!files.includes(required)) problems.push(`${required}: not in the package.`);
  }
  const targets = Object.values(pkg.exports).flatMap((target) => (typeof target === "string" ? [target] : Object.values(target)));
  for (const target of targets) {
    const path = target.replace(/^\.\//, "");
    if (!files.includes(path)) problems.push(`exports target ${target}: not in the package.`);
  }
  const tarball = join(scratch, packed!.filename);
  console.log(
    `package-check: ${files.length} files, ${(packed!.size / 1024).toFixed(0)} kB packed, ${(packed!.unpackedSize / 1024).toFixed(0)} kB unpacked (${packed!.filename}).`,
  );

  // 3. publint, strict, on the tarball itself.
  const buffer = readFileSync(tarball);
  const { messages, pkg: packedPkg } = await publint({
    strict: true,
    pack: { tarball: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer },
  });
  for (const message of messages) {
    const text = `publint ${message.type}: ${formatMessage(message, packedPkg, { color: false }) ?? message.code}`;
    // Suggestions are advice, not faults; strict mode has already turned warnings into errors.
    if (message.type === "suggestion") console.log(text);
    else problems.push(text);
  }

  // 4. Are the types wrong? The package is ESM only ("type": "module", no "require" condition), so the
  // esm-only profile: it skips node10 (no `exports` support) and require() from CommonJS, where an
  // ESM-only package is expected to resolve to ESM. Everything else (node16 from ESM, bundler) must be
  // clean. --no-definitely-typed: the package ships its own types; do not look up @types on npm.
  const attw = spawnSync(
    join(root, "node_modules", ".bin", "attw"),
    [tarball, "--profile", "esm-only", "--no-definitely-typed", "--format", "ascii", "--no-color", "--no-emoji"],
    {
      cwd: root,
      encoding: "utf8",
    },
  );
  if (attw.status !== 0) problems.push(`@arethetypeswrong/cli (--profile esm-only) found problems:\n${attw.stdout}${attw.stderr}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (problems.length > 0) {
  for (const problem of problems) console.error(`package-check: ${problem}`);
  console.error(`package-check: ${problems.length} problem(s).`);
  process.exit(1);
}
console.log("package-check: the file list, publint (strict) and attw (esm-only) pass.");
