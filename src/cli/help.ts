/** `specwright --help`: every command and option, the live-mode variables and the exit codes. */
import { API_NAMES } from "../spec/apis.js";
import { LIVE_CREDENTIALS } from "./credentials.js";
import { DEFAULT_ALLOWLIST, DEFAULT_OUTPUT } from "./arguments.js";

const variables = API_NAMES.map((api) => {
  const source = LIVE_CREDENTIALS[api];
  return `  ${source.variable.padEnd(18)} ${api}: sent as ${source.header}: ${source.prefix}<value>`;
}).join("\n");

export const HELP = `specwright: mock servers and contract tests for the ${API_NAMES.join(", ")} APIs

Usage:
  specwright mock <api> [--port N] [--host H] [--seed N] [--print-fixtures FILE]
  specwright contract [api...] [options]
  specwright help | --help | -h

specwright mock <api>
  Starts the API's stateful mock server and prints its base URL (the client's baseUrl) on stdout.
  Stops cleanly on SIGINT (Ctrl-C) and SIGTERM.
  --port N             port to listen on (default 0: a free port)
  --host H             address to listen on (default 127.0.0.1)
  --seed N             serve an account nobody knows: every id, name and amount of the seed data
                       drawn from N (the same N, the same data); 0 (default) serves the documented
                       data, whose ids are the spec's examples
  --print-fixtures FILE
                       write the ids a user of that account would know (its organization, project,
                       ...) as JSON to FILE, the format contract --fixtures reads; then serve

specwright contract [api...]
  Runs the contract of each named API (default: all of them) against a fresh embedded mock: every
  documented (operation, status) pair driven with dredd, negative cases generated from the spec's
  constraints, and schema-valid requests generated with fast-check; every response validated
  against the spec. Prints the coverage table on stdout and writes a report file.
  --base-url URL       run against this live server instead (name exactly one API); credentials
                       come from the environment (below). Only read-only operations are sent.
  --fixtures FILE      with --base-url: ids of the account that no list gives, as JSON:
                       {"organization_id": "…", "operations": {"getDomain": {"id": "…"}}}
                       (an operation's own entry wins); other ids are discovered by following the
                       spec's links from reads, and a case whose ids are neither is skipped,
                       naming the fixture to add
  --allow-writes       with --base-url: also send what creates, changes, deletes or charges; the
                       planned writes are listed first
  --yes                with --allow-writes: confirm writes to a host that is not loopback (without
                       it such a run is refused before anything is sent)
  --strict             with --base-url: drift warnings (response fields or enum values the spec
                       does not declare) fail the run too; the drift report (in the report and
                       in drift-<api>.yaml next to it) lists them either way
  --reporter FORMAT    format of the report file: json (default), junit (JUnit XML) or text
  --output FILE        where the report goes (default ${DEFAULT_OUTPUT.json}, ${DEFAULT_OUTPUT.junit} for
                       junit, ${DEFAULT_OUTPUT.text} for text); "-" writes it to stdout and the
                       table to stderr
  --seed N             fast-check seed for the generated requests (default: a fixed seed, so a run
                       can be replayed)
  --runs N             generated requests per operation (0 leaves them out)
  --only ID[,ID...]    run only these operationIds (repeatable); APIs with none of them are left
                       out, and coverage counts only these operations
  --allowlist FILE     the reviewed list of pairs that may stay unexercised, with reasons
                       (default ${DEFAULT_ALLOWLIST} if it exists); mock runs only
  --verbose            also print dredd's own output

Live credentials (--base-url), never printed:
${variables}

Exit codes:
  0  the command succeeded (contract: no failed case, every documented pair exercised or
     allowlisted, no stale allowlist entry; a live run is not gated on coverage, nor on drift
     warnings unless --strict)
  1  the contract failed, or the run could not complete (e.g. the server was unreachable)
  2  a usage error: unknown command, API or option, a bad value, a missing credential variable,
     an invalid allowlist file, or writes to a non-loopback host without --yes
`;
