// The built docs (`npm run docs`) in a real browser, opened from disk with the network off, as a
// reader would: every operation is rendered with its summary and its specwright sample, the spec's
// notes (x-assumed, x-doc-discrepancy, x-irreversible) are on screen, nothing is fetched and nothing is logged as an
// error. A screenshot of each page goes to reports/docs-<api>.png.
//
// Needs Debian's chromium (`apt-get install -y chromium`, which .ci/run does). Without it the suite
// is skipped with a warning on a developer machine, and fails in CI.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_NAMES, type ApiName } from "../../src/spec/apis.js";
import { documentPath, HTTP_METHODS, type OpenApiDocument } from "../../src/spec/document.js";
import { collectNotes, NOTE_LABELS, registerRoute, REGISTER_TAGS, type NoteKey } from "../../scripts/docs-notes.js";
import { SAMPLE_LANG } from "../../scripts/samples.js";
import { exhaustively } from "../helpers/exhaustive.js";

const root = new URL("../../", import.meta.url).pathname;
const CHROMIUM = process.env.SPECWRIGHT_CHROMIUM ?? "/usr/bin/chromium";
/** The flags that work as root on the project's machines (../shared/notes/toolchain.md). Playwright adds
 * `--headless` and a fresh `--user-data-dir` itself (it refuses the latter as an argument). */
const CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const inCi = Boolean(process.env.CI || process.env.SPECWRIGHT_CI_REPORT);
const haveChromium = existsSync(CHROMIUM);

if (!haveChromium && !inCi) {
  console.warn(
    [
      "",
      "!".repeat(100),
      `!! SKIPPED: the docs browser test (test/docs/browser.test.ts) needs chromium at ${CHROMIUM}.`,
      "!! Install it with `apt-get update && apt-get install -y chromium` (or set SPECWRIGHT_CHROMIUM).",
      "!! In CI (CI or SPECWRIGHT_CI_REPORT set) this test fails instead of skipping.",
      "!".repeat(100),
      "",
    ].join("\n"),
  );
}

interface OperationView {
  operationId: string;
  summary: string;
  /** Redoc's section id and route: `/<tag slug>/<operationId in lower case>`. */
  section: string;
  /** The sample's first line, e.g. `import { createCommetClient, unwrap } from "specwright/commet";`. */
  sampleImport: string;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

function operationsOf(document: OpenApiDocument): OperationView[] {
  const views: OperationView[] = [];
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as (typeof item)[typeof method] & { "x-codeSamples"?: { lang: string; source: string }[] };
      if (!operation) continue;
      const source = operation["x-codeSamples"]?.find((sample) => sample.lang === SAMPLE_LANG)?.source ?? "";
      views.push({
        operationId: operation.operationId,
        summary: operation.summary ?? operation.operationId,
        section: `/${slug(operation.tags?.[0] ?? "")}/${operation.operationId.toLowerCase()}`,
        sampleImport: source.split("\n")[0] ?? "",
      });
    }
  }
  return views;
}

/** The start of a note as it reads on screen (code spans lose their backticks), cut at a word. */
function onScreen(text: string): string {
  const plain = text.replace(/`/g, "").replace(/\s+/g, " ").trim();
  return plain.length <= 60 ? plain : plain.slice(0, 60).replace(/\s+\S*$/, "");
}

/** Whether the operation itself carries a note (shown in its description). */
function hasOwnNote(document: OpenApiDocument, operationId: string): boolean {
  for (const item of Object.values(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as (Record<string, unknown> & { operationId: string }) | undefined;
      if (operation?.operationId === operationId) return "x-assumed" in operation || "x-doc-discrepancy" in operation || "x-irreversible" in operation;
    }
  }
  return false;
}

/** The docs are rebuilt when missing or older than what they are built from. */
function ensureDocs(): void {
  const inputs = [
    ...API_NAMES.map((api) => join(root, "specs", api, "openapi.yaml")),
    join(root, "scripts", "docs.ts"),
    join(root, "scripts", "docs-notes.ts"),
  ];
  const newestInput = Math.max(...inputs.map((file) => statSync(file).mtimeMs));
  const pages = ["index", ...API_NAMES].map((name) => join(root, "docs", `${name}.html`));
  if (pages.every((page) => existsSync(page) && statSync(page).mtimeMs >= newestInput)) return;
  execFileSync(join(root, "node_modules", ".bin", "tsx"), ["scripts/docs.ts"], { cwd: root, stdio: "pipe" });
}

describe.skipIf(!haveChromium && !inCi)("API docs in a browser, offline", () => {
  if (!haveChromium) {
    it("has chromium to run in", () => {
      throw new Error(`chromium is missing at ${CHROMIUM}: the docs browser test must run in CI. .ci/run installs it with \`apt-get install -y chromium\`.`);
    });
    return;
  }

  let browser: Browser;

  beforeAll(async () => {
    ensureDocs();
    mkdirSync(join(root, "reports"), { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("has an index page that links every API's page", async () => {
    const context = await browser.newContext({ offline: true });
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(root, "docs", "index.html")).href);
    for (const api of API_NAMES) await expect(page.locator(`a[href="${api}.html"]`).isVisible()).resolves.toBe(true);
    await context.close();
  });

  // Every page comes from the same script: one API's page by default, every API's in the exhaustive run
  // (test/helpers/exhaustive.ts).
  describe.each(exhaustively<ApiName>(["onet", ...API_NAMES.filter((api) => api !== "onet")]))("%s", (api: ApiName) => {
    const document = JSON.parse(readFileSync(documentPath(api), "utf8")) as OpenApiDocument;
    const operations = operationsOf(document);
    const url = pathToFileURL(join(root, "docs", `${api}.html`)).href;
    /** Whatever went wrong in the page: console errors, uncaught exceptions, any request off disk. */
    const problems: string[] = [];
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      context = await browser.newContext({ offline: true, viewport: { width: 1400, height: 900 } });
      await context.route("**/*", (route) => {
        const requested = route.request().url();
        if (requested.startsWith("file:")) return route.continue();
        problems.push(`request off disk: ${requested}`);
        return route.abort();
      });
      page = await context.newPage();
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`console error: ${message.text()}`);
      });
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("requestfailed", (request) => problems.push(`failed request: ${request.url()}`));
      await page.goto(url, { waitUntil: "load" });
    });

    afterAll(async () => {
      await context?.close();
    });

    const open = async (section: string) => {
      await page.goto(`${url}#${section}`);
      const view = page.locator(`[data-section-id="${section}"]`);
      await view.first().waitFor({ state: "visible", timeout: 15_000 });
      return view.first();
    };

    it("renders every operation with its summary and its specwright sample", async () => {
      expect(operations.length).toBeGreaterThan(0);
      for (const operation of operations) {
        const view = await open(operation.section);
        await expect(
          view
            .locator("h2")
            .filter({ hasText: exactly(operation.summary) })
            .isVisible(),
          `${operation.operationId}: summary "${operation.summary}"`,
        ).resolves.toBe(true);
        expect(operation.sampleImport, operation.operationId).toMatch(/from "specwright\//);
        await expect(view.getByText(operation.sampleImport).first().isVisible(), `${operation.operationId}: sample`).resolves.toBe(true);
      }
    }, 300_000);

    it.each(Object.keys(REGISTER_TAGS) as NoteKey[])(
      "shows %s notes next to their operation and lists every one in its register",
      async (key) => {
        const notes = collectNotes(document as unknown as Record<string, unknown>).filter((note) => note.key === key);
        expect(notes.length, `${api} has ${key} notes`).toBeGreaterThan(0);

        // One note on an operation itself, read where it belongs.
        const onOperation = notes.find((note) => /^\/paths\/[^/]+\/[a-z]+$/.test(note.pointer) && !/[*_[<]/.test(onScreen(note.text)));
        expect(onOperation, `${api} has a ${key} note on an operation`).toBeDefined();
        {
          const [, path, method] = /^\/paths\/([^/]+)\/([a-z]+)$/.exec(onOperation!.pointer)!;
          const operationId = (document.paths[path!.replace(/~1/g, "/").replace(/~0/g, "~")] as Record<string, { operationId: string }>)[method!]!.operationId;
          const view = await open(operations.find((operation) => operation.operationId === operationId)!.section);
          const label = `${NOTE_LABELS[key]}:`;
          const quote = view
            .locator("blockquote")
            .filter({ hasText: label })
            .filter({ hasText: onScreen(onOperation!.text) });
          await expect(quote.first().isVisible(), `${operationId}: ${label} ${onScreen(onOperation!.text)}`).resolves.toBe(true);
        }

        // All of them in the register.
        const register = await open(registerRoute(key).slice(1));
        // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText(), the rendered text a reader sees, not the DOM property.
        const text = (await register.innerText()).replace(/\s+/g, " ");
        const missing = notes.map((note) => onScreen(note.text)).filter((start) => !text.includes(start));
        expect(missing, `${key} notes missing from the ${REGISTER_TAGS[key]} section`).toEqual([]);
      },
      300_000,
    );

    it("loads nothing from the network and logs no errors", async () => {
      // By now the page has been opened and navigated through by the tests above. The screenshot shows
      // the first operation whose description carries a note, with the code panel beside it.
      const showcase = operations.find((operation) => hasOwnNote(document, operation.operationId)) ?? operations[0]!;
      await open(showcase.section);
      await page.screenshot({ path: join(root, "reports", `docs-${api}.png`) });
      expect(problems).toEqual([]);
    });
  });
});
