/**
 * `npm run docs`: self-contained HTML reference docs in docs/ (build output, not committed), one page
 * per API (`redocly build-docs --inlineBundle`) and docs/index.html linking them. Works offline: the
 * pages load nothing from the network.
 *
 * Each page is built from a docs-only copy of the spec's bundle in which every `x-assumed` and
 * `x-doc-discrepancy` note is also written into a description (see docs-notes.ts), so that readers
 * see them; specs/ stays the truth.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { API_NAMES, type ApiName } from "../src/spec/apis.js";
import { HTTP_METHODS } from "../src/spec/document.js";
import { registerRoute, surfaceNotes, type Note } from "./docs-notes.js";

const root = resolve(import.meta.dirname, "..");
const outDir = join(root, "docs");
const redocly = join(root, "node_modules", ".bin", "redocly");

/**
 * Redoc's options, written to a docs-only Redocly config (the project's redocly.yaml is for linting).
 * Schemas open to every level, so that a note on a nested property is on screen without a click; the
 * specs' own TypeScript samples in the code panel (Redoc shows an `x-codeSamples` entry only when its
 * label is one of these languages); no download button, because the file it offers would be the
 * docs-only copy, not the spec.
 */
const REDOC_OPTIONS = {
  schemasExpansionLevel: "all",
  jsonSamplesExpandLevel: "all",
  hideDownloadButtons: true,
  codeSamples: { languages: [{ lang: "TypeScript", label: "specwright" }] },
};

/**
 * Redoc 3 draws its "API docs by Redocly" badge from a CDN whatever the options, which offline is a
 * failed request and a console error. The badge stays, drawn from the page itself.
 */
const CDN_IMAGES: Record<string, string> = {
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg": svgDataUrl(60, "Redocly"),
  "https://cdn.redoc.ly/redoc/logo-mini.svg": svgDataUrl(14, "R"),
};

function svgDataUrl(width: number, text: string): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="14" viewBox="0 0 ${width} 14"><text x="0" y="11" font-family="sans-serif" font-size="11" font-weight="600" fill="#0044d4">${text}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

interface PageSummary {
  api: ApiName;
  title: string;
  version: string;
  summary: string;
  operations: number;
  notes: Note[];
  bytes: number;
}

function run(command: string, args: string[]): void {
  // Redocly prints a Node-version banner on every call; only failures are worth showing.
  try {
    // REDOCLY_TELEMETRY=off: the CLI reports nothing, and the pages it builds do not send traces
    // (Redoc 3's telemetry follows the CLI's setting, not an option).
    execFileSync(command, args, { cwd: root, stdio: "pipe", env: { ...process.env, REDOCLY_TELEMETRY: "off" } });
  } catch (error) {
    const failed = error as { stdout?: Buffer; stderr?: Buffer };
    process.stderr.write(failed.stdout ?? "");
    process.stderr.write(failed.stderr ?? "");
    throw new Error(`${command} ${args.join(" ")} failed`);
  }
}

function buildPage(api: ApiName, scratch: string, config: string): PageSummary {
  // The plain bundle keeps $refs, so Redoc shows each schema once, under its name.
  const bundle = join(scratch, `${api}.bundle.json`);
  run(redocly, ["bundle", join("specs", api, "openapi.yaml"), "--ext", "json", "--output", bundle]);
  const document = JSON.parse(readFileSync(bundle, "utf8")) as {
    info: { title: string; version: string; summary?: string };
    paths: Record<string, Record<string, unknown>>;
  };
  const notes = surfaceNotes(document);
  const variant = join(scratch, `${api}.docs.json`);
  writeFileSync(variant, JSON.stringify(document, null, 2));

  const output = join(outDir, `${api}.html`);
  // --lint-config off: Redocly's config schema knows only the languages Redoc can generate samples in.
  run(redocly, [
    "build-docs",
    variant,
    "--inlineBundle",
    "--output",
    output,
    "--title",
    `${document.info.title} · specwright`,
    "--config",
    config,
    "--lint-config",
    "off",
  ]);

  let html = readFileSync(output, "utf8");
  for (const [url, replacement] of Object.entries(CDN_IMAGES)) html = html.split(url).join(replacement);
  // A tag that loads from elsewhere (what the build without --inlineBundle does) would break offline;
  // what the script loads at run time is the browser test's to check.
  const remote = html.match(/<(?:script|link|img)\b[^>]*\b(?:src|href)="(?:https?:)?\/\/[^"]*"/);
  if (remote) throw new Error(`docs/${api}.html loads from the network (${remote[0]}): it would not work offline.`);
  writeFileSync(output, html);

  const operations = Object.values(document.paths).reduce((count, item) => count + HTTP_METHODS.filter((method) => method in item).length, 0);
  return {
    api,
    title: document.info.title,
    version: document.info.version,
    summary: document.info.summary ?? "",
    operations,
    notes,
    bytes: statSync(output).size,
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function indexPage(pages: PageSummary[]): string {
  const items = pages
    .map((page) => {
      const assumed = page.notes.filter((note) => note.key === "x-assumed").length;
      const discrepancies = page.notes.filter((note) => note.key === "x-doc-discrepancy").length;
      const irreversible = page.notes.filter((note) => note.key === "x-irreversible").length;
      return `    <li>
      <a href="${page.api}.html">${escapeHtml(page.title)}</a> <span class="version">${escapeHtml(page.version)}</span>
      <p>${escapeHtml(page.summary)}</p>
      <p class="meta">${page.operations} operations · <a href="${page.api}.html${registerRoute("x-assumed")}">${assumed} assumptions</a> · <a href="${page.api}.html${registerRoute("x-doc-discrepancy")}">${discrepancies} documentation discrepancies</a> · <a href="${page.api}.html${registerRoute("x-irreversible")}">${irreversible} irreversible operations</a> · client: <code>specwright/${page.api}</code></p>
    </li>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>specwright API reference</title>
  <style>
    body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; color: #1f2328; }
    h1 { font-size: 1.8rem; margin-bottom: 0.25rem; }
    ul { list-style: none; padding: 0; }
    li { border: 1px solid #d0d7de; border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0; }
    li > a { font-size: 1.15rem; font-weight: 600; color: #0044d4; }
    .version, .meta { color: #59636e; font-size: 0.9rem; }
    .meta a { color: inherit; }
    p { margin: 0.4rem 0 0; }
    blockquote { margin: 1rem 0; padding: 0 1rem; border-left: 4px solid #d0d7de; color: #59636e; }
  </style>
</head>
<body>
  <h1>specwright API reference</h1>
  <p>Reference docs for the APIs specwright's typed clients cover, built from the OpenAPI documents in <code>specs/</code>. Every operation has a TypeScript sample that CI compiles against the client.</p>
  <blockquote>Notes in the pages: <strong>Assumed</strong> marks a choice made where the vendor's docs are silent, <strong>Docs discrepancy</strong> a place where they contradict themselves and what was chosen.</blockquote>
  <ul>
${items}
  </ul>
</body>
</html>
`;
}

const started = performance.now();
mkdirSync(outDir, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), "specwright-docs-"));
const pages: PageSummary[] = [];
try {
  const config = join(scratch, "redocly.docs.yaml");
  writeFileSync(config, JSON.stringify({ openapi: REDOC_OPTIONS })); // JSON is YAML
  for (const api of API_NAMES) {
    const page = buildPage(api, scratch, config);
    pages.push(page);
    console.log(`docs/${api}.html: ${page.operations} operations, ${page.notes.length} notes shown, ${Math.round(page.bytes / 1024)} KiB`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
writeFileSync(join(outDir, "index.html"), indexPage(pages));
console.log(`docs/index.html: links ${pages.map((page) => `${page.api}.html`).join(", ")}`);
console.log(`Built in ${((performance.now() - started) / 1000).toFixed(1)} s. Open docs/index.html in a browser (no server or network needed).`);
