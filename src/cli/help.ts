/** `specwright --help`: every command and option, the live-mode variables and the exit codes. */
import { COMMET_WEBHOOK_EVENT_NAMES } from "../commet/webhooks.js";
import { API_NAMES } from "../spec/apis.js";
import { LIVE_CREDENTIALS } from "./credentials.js";
import { DEFAULT_ALLOWLIST, DEFAULT_OUTPUT } from "./arguments.js";
import { DEFAULT_CHECK_EVENT, SECRET_VARIABLE } from "./webhooks-arguments.js";
import { STALE_AGE_MS } from "./webhooks/checks.js";
import { DELIVERY_TIMEOUT_MS } from "./webhooks/post.js";

const variables = API_NAMES.map((api) => {
  const source = LIVE_CREDENTIALS[api];
  return `  ${source.variable.padEnd(18)} ${api}: sent as ${source.header}: ${source.prefix}<value>`;
}).join("\n");

// Wrapped like the rest of the text: comma-separated, at most ~95 characters a line.
const events = COMMET_WEBHOOK_EVENT_NAMES.join(", ")
  .replace(/(.{1,90})(?:, |$)/g, "    $1,\n")
  .replace(/,\n$/, "");

export const HELP = `specwright: mock servers and contract tests for the ${API_NAMES.join(", ")} APIs

Usage:
  specwright mock <api> [--port N] [--host H] [--seed N] [--print-fixtures FILE]
                        [--webhook-url URL --webhook-secret S]
  specwright contract [api...] [options]
  specwright webhooks trigger <event> --to URL [--secret S]
  specwright webhooks check --to URL [--secret S] [--event E]
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
  --webhook-url URL    commet only: POST the webhook events the mock's operations cause to URL,
                       signed as Commet signs them (with --webhook-secret)
  --webhook-secret S   the signing secret (whsec_…) for --webhook-url; never printed beyond its
                       first characters

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
  -o, --output FILE    where the report goes (default ${DEFAULT_OUTPUT.json}, ${DEFAULT_OUTPUT.junit} for
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

specwright webhooks trigger <event>
  Sends one Commet webhook delivery of <event> to your receiver as Commet would: the spec's example
  of the event with a fresh event id and the current time as its timestamp, signed with the secret
  (X-Commet-Signature: hex HMAC-SHA256 of the body). Prints the event, its id, the receiver's
  status and how long it took; exit 0 on a 2xx. The events:
${events}

specwright webhooks check
  Sends five deliveries of one event, in this order, and judges each answer:
    (a) a valid delivery: expects 2xx
    (b) (a) again, same id and body, as Commet retries it: expects 2xx. The receiver must
        acknowledge it and should not act twice; that cannot be seen from outside
    (c) (a)'s signature on a changed body (mode flipped, new id): expects 4xx
    (d) a valid body signed with another secret: expects 4xx
    (e) a correctly signed delivery ${STALE_AGE_MS / 3_600_000} hours old: expects 4xx. Commet retries a delivery with
        its first timestamp for about 8 hours, so a receiver must let that much age through, and
        nothing genuine is older (with parseWebhook: a toleranceMs between the two)
  Prints a table (check, expected, got, pass or FAIL) and the number passed and failed.

  Both commands:
  --to URL             the receiver's endpoint, an absolute http(s) URL
  --secret S           the endpoint's signing secret (whsec_…); default: $${SECRET_VARIABLE}
                       (the docs' variable; better than --secret, since a command line is visible
                       to other users of the machine). Never printed beyond its first characters
  --event E            check only: the event to send (default ${DEFAULT_CHECK_EVENT})
  Each delivery waits ${DELIVERY_TIMEOUT_MS / 1000} s for an answer (Commet's timeout) and follows no redirect (a 3xx
  fails); answers' bodies are not read.

Live credentials (--base-url), never printed:
${variables}

Exit codes:
  0  the command succeeded (contract: no failed case, every documented pair exercised or
     allowlisted, no stale allowlist entry; a live run is not gated on coverage, nor on drift
     warnings unless --strict)
  1  the contract failed, or the run could not complete (e.g. the server was unreachable);
     webhooks: a delivery was not answered as expected, or the receiver was unreachable
  2  a usage error: unknown command, API, event or option, a bad value, a missing credential
     variable or signing secret, an invalid allowlist file, or writes to a non-loopback host
     without --yes
`;
