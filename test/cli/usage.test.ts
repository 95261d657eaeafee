// The command line: --help documents every option and the live-mode variables, and every mistake
// exits 2 with a message that names it, before anything is started or sent. Each message is checked
// where it is made (the parser, the credentials); the CLI itself, which prints any usage error after
// `specwright: ` and exits 2, is started for a few of them, and for every one in the exhaustive run.
import { describe, expect, it } from "vitest";
import { CONTRACT_OPTIONS, MOCK_OPTIONS, parseCommandLine } from "../../src/cli/arguments.js";
import { LIVE_CREDENTIALS, liveCredentials } from "../../src/cli/credentials.js";
import { UsageError } from "../../src/cli/usage-error.js";
import { WEBHOOKS_OPTIONS } from "../../src/cli/webhooks-arguments.js";
import type { ApiName } from "../../src/spec/apis.js";
import { EXHAUSTIVE, exhaustively } from "../helpers/exhaustive.js";
import { runCli } from "./cli.js";

describe("specwright --help", () => {
  it("documents every option of both commands, the credential variables and the exit codes", async () => {
    const run = await runCli(["--help"]);
    expect(run.code).toBe(0);
    for (const option of [...Object.keys(MOCK_OPTIONS), ...Object.keys(CONTRACT_OPTIONS)]) expect(run.stdout).toContain(`--${option}`);
    // A short form is listed beside its long one (`-o, --output FILE`); -h is the help's own.
    for (const [name, option] of Object.entries({ ...MOCK_OPTIONS, ...CONTRACT_OPTIONS, ...WEBHOOKS_OPTIONS })) {
      if ("short" in option && name !== "help") expect(run.stdout).toContain(`-${option.short}, --${name} `);
    }
    expect(run.stdout).toMatch(/^ {2}-o, --output FILE +where the report goes/m);
    for (const reporter of ["text", "json", "junit"]) expect(run.stdout).toContain(reporter);
    for (const { variable } of Object.values(LIVE_CREDENTIALS)) expect(run.stdout).toContain(variable);
    expect(run.stdout).toMatch(/Exit codes:[\s\S]*0 [\s\S]*1 [\s\S]*2 /);
  });

  it("is also what `help`, `contract --help` and `mock -h` print", async () => {
    for (const args of [["help"], ["contract", "--help"], ["mock", "-h"]]) expect(parseCommandLine(args), args.join(" ")).toEqual(parseCommandLine(["--help"]));
    if (!EXHAUSTIVE) return;
    const [help, contract, mock] = await Promise.all([runCli(["help"]), runCli(["contract", "--help"]), runCli(["mock", "-h"])]);
    const reference = (await runCli(["--help"])).stdout;
    for (const run of [help, contract, mock]) {
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(reference);
    }
  });
});

describe("usage errors exit 2 with a message that names the mistake", () => {
  // The first three are started as a CLI by default: a missing command, a mock and a contract option.
  const USAGE_ERRORS: [string[], RegExp][] = [
    [[], /no command/],
    [["mock", "onet", "--port", "http"], /--port must be an integer from 0 to 65535, not "http"/],
    [["contract", "onet", "--output"], /--output/],
    [["serve"], /unknown command "serve"/],
    [["mock"], /mock: name one API/],
    [["mock", "stripe"], /unknown API "stripe": expected one of commet, onet, cloudplans/],
    [["mock", "onet", "commet"], /mock: name one API/],
    [["mock", "onet", "--port", "70000"], /--port must be an integer/],
    [["mock", "onet", "--prot", "1"], /mock: unknown option --prot; did you mean --port\?/],
    [["contract", "onet", "--bse-url", "http://127.0.0.1:9"], /contract: unknown option --bse-url; did you mean --base-url\?/],
    [["contract", "onet", "-o", "a.json", "--output", "b.json"], /contract: --output \(-o\) takes one value but was given 2 times; give it once\./],
    [["mock", "onet", "--port", "1", "--port", "2"], /mock: --port takes one value but was given 2 times/],
    [["contract", "stripe"], /unknown API "stripe"/],
    [["contract", "onet", "--reporter", "xml"], /--reporter must be one of text, json, junit, not "xml"/],
    [["contract", "onet", "--runs=-1"], /--runs must be an integer from 0/],
    [["contract", "onet", "--runs", "-1"], /--runs.* argument is ambiguous/],
    [["contract", "onet", "--seed", "abc"], /--seed must be an integer/],
    [["contract", "--only", "noSuchOperation"], /--only: no operation "noSuchOperation"/],
    [["contract", "--base-url", "http://127.0.0.1:9"], /--base-url is one API's server: name exactly that API/],
    [["contract", "onet", "commet", "--base-url", "http://127.0.0.1:9"], /--base-url is one API's server/],
    [["contract", "onet", "--base-url", "not a url"], /--base-url is not an absolute URL/],
    [["contract", "onet", "--base-url", "ftp://127.0.0.1/"], /--base-url must be http or https/],
    [["contract", "onet", "--allow-writes"], /--allow-writes is for a live run \(--base-url\)/],
    [["contract", "onet", "--base-url", "http://127.0.0.1:9", "--yes"], /--yes confirms --allow-writes/],
    [["contract", "onet", "--base-url", "http://127.0.0.1:9", "--allowlist", "x.json"], /--allowlist is for runs against the embedded mocks/],
  ];

  it.each(USAGE_ERRORS)("%j", (args, message) => {
    expect(() => parseCommandLine(args)).toThrow(UsageError);
    expect(() => parseCommandLine(args)).toThrow(message);
  });

  it.each(exhaustively(USAGE_ERRORS, 3))("%j, from the CLI", async (args, message) => {
    const run = await runCli(args);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/^specwright: /);
    expect(run.code).toBe(2);
  });

  it("refuses credentials in the base URL without echoing them", async () => {
    const run = await runCli(["contract", "onet", "--base-url", "http://user:hunter2-secret@127.0.0.1:9/"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("--base-url must not carry credentials");
    expect(run.stdout + run.stderr).not.toContain("hunter2-secret");
  });

  const credentials = Object.entries(LIVE_CREDENTIALS) as [ApiName, (typeof LIVE_CREDENTIALS)[ApiName]][];
  it.each(credentials)("a live run against %s without its credential variable set names the variable", (api, { variable }) => {
    expect(() => liveCredentials(api, {})).toThrow(UsageError);
    expect(() => liveCredentials(api, {})).toThrow(`${variable} is not set`);
  });

  it.each(exhaustively(credentials))(
    "a live run against %s without its credential variable set names the variable, from the CLI",
    async (api, { variable }) => {
      const run = await runCli(["contract", api, "--base-url", "http://127.0.0.1:9"], { env: { [variable]: undefined } });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${variable} is not set`);
    },
  );
});
