// A live server that fails every case and echoes the credential it was sent, as sent or in another
// form (lower-cased, URL-encoded, base64, cut short): nothing the CLI prints or writes may repeat it,
// in any reporter, with or without --verbose (dredd's own dump of each failing request included).
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exhaustively } from "../helpers/exhaustive.js";
import { runCli, type CliRun } from "./cli.js";

// URL-special characters every few letters, so that its URL encoding holds no long plain run of it.
const KEY = "Plant+Key/Abc=Def+Ghi/Jkl=Mno+Pq7";
const TOKEN = "Tok3n+Onet/Xyz=Uvw+Rst/Qpo=Nml+Kj";
// Each CLI run is a whole dredd run on a loaded 2-core machine.
const LONG = 240_000;
const ONLY = ["--only", "listAddons", "--runs", "1"];

const base64 = (text: string) => Buffer.from(text).toString("base64");

/** Every run of `length` characters of `text`, lower-cased: any of them in an output is a leak. */
function runsOf(text: string, length = 12): string[] {
  return Array.from({ length: text.length - length + 1 }, (_, start) => text.slice(start, start + length).toLowerCase());
}

function expectNoneOf(forms: readonly string[], outputs: Record<string, string>): void {
  const runs = forms.flatMap((form) => runsOf(form));
  for (const [where, text] of Object.entries(outputs)) {
    const lower = text.toLowerCase();
    expect(
      runs.filter((run) => lower.includes(run)),
      where,
    ).toEqual([]);
  }
}

/** Answers everything with a 500 that is not JSON, `echo <what the key or token became>` and the request's headers. */
async function echoServer(echo: (credential: string) => string): Promise<{ url: string; server: Server }> {
  const credentialOf = (headers: IncomingHttpHeaders) => String(headers["x-api-key"] ?? headers.authorization?.replace(/^Bearer /, "") ?? "(none)");
  const server = createServer((request, response) => {
    const echoed = echo(credentialOf(request.headers));
    response.writeHead(500, { "content-type": "text/plain", "x-request-id": echoed });
    response.end(`echo ${echoed} ${JSON.stringify(request.headers)}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

function reportFiles(directory: string): Record<string, string> {
  return Object.fromEntries(readdirSync(directory).map((file) => [file, readFileSync(join(directory, file), "utf8")]));
}

/** The contract reports alone (the drift file lists spec places, not failure messages). */
function reports(directory: string): Record<string, string> {
  return Object.fromEntries(Object.entries(reportFiles(directory)).filter(([file]) => file.startsWith("report.")));
}

function outputsOf(run: CliRun, directory: string): Record<string, string> {
  return { stdout: run.stdout, stderr: run.stderr, ...reportFiles(directory) };
}

describe("a live server that echoes every request's headers back, failing every case", () => {
  let echo: { url: string; server: Server };
  beforeAll(async () => {
    echo = await echoServer((credential) => credential);
  });
  afterAll(() => new Promise((resolve) => echo.server.close(resolve)));

  it(
    "never gets the Commet key (x-api-key) into stdout, stderr or any report, with --verbose, in every reporter",
    async () => {
      const scratch = mkdtempSync(join(tmpdir(), "specwright-echo-verbose-"));
      const runs = await Promise.all(
        (["json", "junit", "text"] as const).map((reporter) =>
          runCli(
            ["contract", "commet", "--base-url", echo.url, ...ONLY, "--verbose", "--reporter", reporter, "--output", join(scratch, `report.${reporter}`)],
            { env: { COMMET_API_KEY: KEY } },
          ),
        ),
      );
      for (const run of runs) expectNoneOf([KEY], { stdout: run.stdout, stderr: run.stderr });
      // The drift report of a live run is one more file, held to the same rule.
      expect(Object.keys(reportFiles(scratch)).sort()).toEqual(["drift-commet.yaml", "report.json", "report.junit", "report.text"]);
      expectNoneOf([KEY], reportFiles(scratch));
      for (const run of runs) {
        expect(run.code).toBe(1);
        // Dredd's verbose dump of the failing requests is there, with the header redacted, not silenced.
        expect(run.stdout).toContain("x-api-key: [REDACTED]");
        expect(run.stdout).toContain("echo [REDACTED]");
      }
      for (const text of Object.values(reports(scratch))) expect(text).toContain("echo [REDACTED]");
    },
    LONG,
  );

  it(
    "never gets the OnetSolutions token (Authorization: Bearer) into any output either",
    async () => {
      const scratch = mkdtempSync(join(tmpdir(), "specwright-echo-verbose-onet-"));
      // The ids no OnetSolutions list gives; the echo server answers any.
      const fixtures = join(mkdtempSync(join(tmpdir(), "specwright-echo-fixtures-")), "fixtures.json");
      writeFileSync(fixtures, JSON.stringify({ organization_id: randomUUID(), project_id: randomUUID() }));
      const run = await runCli(
        [
          "contract",
          "onet",
          "--base-url",
          echo.url,
          "--fixtures",
          fixtures,
          "--only",
          "listWebHosting",
          "--runs",
          "1",
          "--verbose",
          "--output",
          join(scratch, "report.json"),
        ],
        { env: { ONET_TOKEN: TOKEN } },
      );
      expectNoneOf([TOKEN], outputsOf(run, scratch));
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/Authorization: Bearer \[REDACTED\]/i);
      expect(run.stdout).toContain("echo [REDACTED]");
    },
    LONG,
  );
});

// The first describe holds every reporter to the rule; here each form is, through the JSON report
// (and the JUnit one too in the exhaustive run, test/helpers/exhaustive.ts).
const REPORTERS = exhaustively(["json", "junit"] as const);

describe("a live server that echoes the key in another form", () => {
  it.each<[string, (credential: string) => string]>([
    ["lower-cased", (credential) => credential.toLowerCase()],
    ["URL-encoded", (credential) => encodeURIComponent(credential)],
    ["base64-encoded", (credential) => base64(credential)],
    ["cut to a 16-character prefix", (credential) => credential.slice(0, 16)],
  ])(
    `gets it %s into neither stdout nor the ${REPORTERS.join(" and ")} report`,
    async (_, form) => {
      const echo = await echoServer(form);
      try {
        const scratch = mkdtempSync(join(tmpdir(), "specwright-echo-form-"));
        const runs = await Promise.all(
          REPORTERS.map((reporter) =>
            runCli(["contract", "commet", "--base-url", echo.url, ...ONLY, "--reporter", reporter, "--output", join(scratch, `report.${reporter}`)], {
              env: { COMMET_API_KEY: KEY },
            }),
          ),
        );
        for (const run of runs) expectNoneOf([KEY, form(KEY)], { stdout: run.stdout, stderr: run.stderr });
        expectNoneOf([KEY, form(KEY)], reportFiles(scratch));
        // The echo did reach every output, redacted as a whole.
        for (const run of runs) {
          expect(run.code).toBe(1);
          expect(run.stdout).toContain("echo [REDACTED] ");
        }
        for (const text of Object.values(reports(scratch))) expect(text).toContain("echo [REDACTED] ");
      } finally {
        await new Promise((resolve) => echo.server.close(resolve));
      }
    },
    LONG,
  );
});
