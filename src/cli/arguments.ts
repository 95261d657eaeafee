/**
 * The command line, parsed and checked in one place: every mistake becomes a `UsageError` (exit 2)
 * naming the option, before anything is started or sent.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { API_NAMES, isApiName, type ApiName } from "../spec/apis.js";
import { getOperations } from "../spec/operations.js";
import { isLocalhostName, isLoopbackHost } from "./loopback.js";
import { describeParseError, repeatedOption } from "./option-errors.js";
import { SECRET_PATTERN } from "../mock/commet/webhooks/envelope.js";
import { isWebhookUrl } from "../mock/webhooks/options.js";
import { UsageError } from "./usage-error.js";
import { WEBHOOKS_OPTIONS, webhooksCommand, type WebhooksCommand } from "./webhooks-arguments.js";

export const REPORTERS = ["text", "json", "junit"] as const;
export type ReporterName = (typeof REPORTERS)[number];

/** Where the report goes without `--output`: `reports/contract.json` is what `.ci/run` reads. */
export const DEFAULT_OUTPUT: Record<ReporterName, string> = { text: "reports/contract.txt", json: "reports/contract.json", junit: "reports/contract.xml" };
export const DEFAULT_ALLOWLIST = "contract-allowlist.json";

export interface MockCommand {
  command: "mock";
  api: ApiName;
  port: number;
  host: string;
  /** The mock's seed (see `MockServerOptions.seed`); 0 serves the documented data. */
  seed: number;
  /** Where to write the seeded account's fixtures (`--print-fixtures FILE`). */
  printFixtures?: string;
  /** Where the mock delivers its webhooks, signed with `secret` (`--webhook-url`, `--webhook-secret`; commet only). */
  webhooks?: { url: string; secret: string };
}

export interface ContractCommand {
  command: "contract";
  apis: ApiName[];
  /** A live server (one API only); without it each API runs against a fresh embedded mock. */
  baseUrl?: URL;
  /** The fixtures file for a live run: ids of the account the run cannot discover. */
  fixtures?: string;
  allowWrites: boolean;
  yes: boolean;
  /** Live runs: drift warnings (undeclared fields, enum values) fail the run too. */
  strict: boolean;
  reporter: ReporterName;
  /** A file path, or "-" for stdout. */
  output: string;
  /** The allowlist file, and whether it was named (a named file must exist). */
  allowlist: { path: string; explicit: boolean };
  /** Operation ids to run, per API (absent: all of them). */
  only?: Partial<Record<ApiName, string[]>>;
  seed?: number;
  runs?: number;
  verbose: boolean;
}

export type Command = { command: "help" } | MockCommand | ContractCommand | WebhooksCommand;

export const MOCK_OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  seed: { type: "string" },
  "print-fixtures": { type: "string" },
  "webhook-url": { type: "string" },
  "webhook-secret": { type: "string" },
  help: { type: "boolean", short: "h" },
} satisfies ParseArgsConfig["options"];

export const CONTRACT_OPTIONS = {
  "base-url": { type: "string" },
  fixtures: { type: "string" },
  "allow-writes": { type: "boolean" },
  yes: { type: "boolean" },
  strict: { type: "boolean" },
  reporter: { type: "string" },
  output: { type: "string", short: "o" },
  seed: { type: "string" },
  runs: { type: "string" },
  only: { type: "string", multiple: true },
  allowlist: { type: "string" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} satisfies ParseArgsConfig["options"];

export function parseCommandLine(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined)
    throw new UsageError("no command: use `specwright mock <api>`, `specwright contract [api...]` or `specwright webhooks trigger|check` (see --help).");
  if (command === "help" || command === "--help" || command === "-h") return { command: "help" };
  if (command === "mock") return parseMock(rest);
  if (command === "contract") return parseContract(rest);
  if (command === "webhooks") return parseWebhooks(rest);
  throw new UsageError(`unknown command ${JSON.stringify(command)}: expected mock, contract or webhooks (see --help).`);
}

function parse<Options extends NonNullable<ParseArgsConfig["options"]>>(command: string, args: readonly string[], options: Options) {
  const parsed = (() => {
    try {
      return parseArgs({ args: [...args], options, allowPositionals: true, strict: true, tokens: true });
    } catch (error) {
      // parseArgs' other messages name the option ("Option '--port <value>' argument missing").
      throw new UsageError(`${command}: ${describeParseError(error, args, options)}`);
    }
  })();
  const repeated = repeatedOption(parsed.tokens, options);
  if (repeated !== undefined) throw new UsageError(`${command}: ${repeated}`);
  return parsed;
}

function parseMock(args: readonly string[]): Command {
  const { values, positionals } = parse("mock", args, MOCK_OPTIONS);
  if (values.help) return { command: "help" };
  if (positionals.length !== 1) throw new UsageError(`mock: name one API (${API_NAMES.join(", ")}), e.g. \`specwright mock onet\`.`);
  const api = apiName("mock", positionals[0]!);
  const webhooks = mockWebhooks(api, values["webhook-url"], values["webhook-secret"]);
  return {
    command: "mock",
    api,
    port: values.port === undefined ? 0 : integer("mock: --port", values.port, 0, 65_535),
    host: values.host === undefined ? "127.0.0.1" : nonEmpty("mock: --host", values.host),
    seed: values.seed === undefined ? 0 : integer("mock: --seed", values.seed, 0, Number.MAX_SAFE_INTEGER),
    ...(values["print-fixtures"] !== undefined ? { printFixtures: nonEmpty("mock: --print-fixtures", values["print-fixtures"]) } : {}),
    ...(webhooks ? { webhooks } : {}),
  };
}

/** `--webhook-url` and `--webhook-secret`: both or neither, Commet's mock only; the secret is never echoed. */
function mockWebhooks(api: ApiName, url: string | undefined, secret: string | undefined): MockCommand["webhooks"] {
  if (url === undefined && secret === undefined) return undefined;
  if (url === undefined || secret === undefined)
    throw new UsageError("mock: --webhook-url and --webhook-secret go together: where to deliver the webhooks, and the secret that signs them.");
  if (api !== "commet") throw new UsageError(`mock: --webhook-url: the ${api} mock sends no webhooks; only the commet mock does.`);
  if (!isWebhookUrl(url)) throw new UsageError("mock: --webhook-url must be an absolute http or https URL, e.g. http://127.0.0.1:3000/api/webhooks/commet.");
  if (!SECRET_PATTERN.test(secret))
    throw new UsageError(
      "mock: --webhook-secret is not a Commet signing secret: expected whsec_ followed by letters, digits or _+/=- (the value is not shown).",
    );
  return { url, secret };
}

function parseContract(args: readonly string[]): Command {
  const { values, positionals } = parse("contract", args, CONTRACT_OPTIONS);
  if (values.help) return { command: "help" };
  const named = [...new Set(positionals.map((name) => apiName("contract", name)))];
  const reporter = values.reporter === undefined ? "json" : reporterName(values.reporter);
  const allowWrites = values["allow-writes"] ?? false;
  const yes = values.yes ?? false;
  let baseUrl: URL | undefined;
  if (values["base-url"] !== undefined) {
    if (named.length !== 1)
      throw new UsageError(`contract: --base-url is one API's server: name exactly that API, e.g. \`specwright contract onet --base-url ${"<url>"}\`.`);
    baseUrl = liveUrl(values["base-url"]);
  }
  if (allowWrites && !baseUrl)
    throw new UsageError("contract: --allow-writes is for a live run (--base-url); against the embedded mocks every operation runs anyway.");
  if (yes && !allowWrites) throw new UsageError("contract: --yes confirms --allow-writes against a host that is not loopback; it means nothing without it.");
  if (values.strict && !baseUrl)
    throw new UsageError(
      "contract: --strict makes a live run's drift warnings fail it (--base-url); against the embedded mocks every difference fails already.",
    );
  if (values.fixtures !== undefined && !baseUrl)
    throw new UsageError("contract: --fixtures names ids in a live account (--base-url); the embedded mocks know their own.");
  if (values.allowlist !== undefined && baseUrl)
    throw new UsageError("contract: --allowlist is for runs against the embedded mocks; a live run does not gate on coverage.");
  let apis = named.length > 0 ? named : [...API_NAMES];
  let only: ContractCommand["only"];
  if (values.only !== undefined) {
    only = onlyByApi(values.only, apis);
    apis = apis.filter((api) => only![api] !== undefined);
  }
  return {
    command: "contract",
    apis,
    ...(baseUrl ? { baseUrl } : {}),
    ...(values.fixtures !== undefined ? { fixtures: nonEmpty("contract: --fixtures", values.fixtures) } : {}),
    allowWrites,
    yes,
    strict: values.strict ?? false,
    reporter,
    output: values.output === undefined ? DEFAULT_OUTPUT[reporter] : nonEmpty("contract: --output", values.output),
    allowlist:
      values.allowlist === undefined
        ? { path: DEFAULT_ALLOWLIST, explicit: false }
        : { path: nonEmpty("contract: --allowlist", values.allowlist), explicit: true },
    ...(only ? { only } : {}),
    ...(values.seed !== undefined ? { seed: integer("contract: --seed", values.seed, -(2 ** 31), 2 ** 31 - 1) } : {}),
    ...(values.runs !== undefined ? { runs: integer("contract: --runs", values.runs, 0, 100_000) } : {}),
    verbose: values.verbose ?? false,
  };
}

function parseWebhooks(args: readonly string[]): Command {
  const parsed = parse("webhooks", args, WEBHOOKS_OPTIONS);
  return parsed.values.help ? { command: "help" } : webhooksCommand(parsed);
}

function apiName(command: string, name: string): ApiName {
  if (!isApiName(name)) throw new UsageError(`${command}: unknown API ${JSON.stringify(name)}: expected one of ${API_NAMES.join(", ")}.`);
  return name;
}

function reporterName(name: string): ReporterName {
  if (!(REPORTERS as readonly string[]).includes(name))
    throw new UsageError(`contract: --reporter must be one of ${REPORTERS.join(", ")}, not ${JSON.stringify(name)}.`);
  return name as ReporterName;
}

function integer(option: string, text: string, min: number, max: number): number {
  const value = /^-?\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new UsageError(`${option} must be an integer from ${min} to ${max}, not ${JSON.stringify(text)}.`);
  return value;
}

function nonEmpty(option: string, text: string): string {
  if (text.trim() === "") throw new UsageError(`${option} must not be empty.`);
  return text;
}

/**
 * The live server's base URL. Credentials come from the environment, never the URL (fetch refuses
 * them anyway), and the URL is not echoed back when it carries some.
 */
function liveUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError("contract: --base-url is not an absolute URL (e.g. https://api.example.com/v1).");
  }
  if (url.username || url.password)
    throw new UsageError("contract: --base-url must not carry credentials: put them in the API's environment variable (see --help).");
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new UsageError(`contract: --base-url must be http or https, not ${url.protocol.replace(/:$/, "")}.`);
  if (url.search || url.hash)
    throw new UsageError("contract: --base-url must not have a query or a fragment: it is the base the spec's paths are appended to.");
  // A `*.localhost` name is judged once resolved, before anything is sent (see refusePlainHttp).
  if (!isLocalhostName(url.hostname)) refusePlainHttp(url, isLoopbackHost(url.hostname));
  url.pathname = url.pathname.replace(/\/+$/, "");
  return url;
}

/** Plain http only to loopback: anywhere else the credentials would travel in clear. */
export function refusePlainHttp(url: URL, loopback: boolean): void {
  if (url.protocol === "http:" && !loopback)
    throw new UsageError(
      `contract: --base-url uses plain http to ${url.host}, which is not a loopback host: the credentials would travel in clear; use https.`,
    );
}

/** `--only a,b --only c`: each id must belong to one of the APIs to run; APIs none of them belong to drop out. */
function onlyByApi(lists: readonly string[], apis: readonly ApiName[]): Partial<Record<ApiName, string[]>> {
  const ids = [
    ...new Set(
      lists
        .flatMap((list) => list.split(","))
        .map((id) => id.trim())
        .filter((id) => id !== ""),
    ),
  ];
  if (ids.length === 0) throw new UsageError("contract: --only needs at least one operationId.");
  const only: Partial<Record<ApiName, string[]>> = {};
  for (const id of ids) {
    const owners = apis.filter((api) => getOperations(api).operations.some((operation) => operation.operationId === id));
    if (owners.length === 0) throw new UsageError(`contract: --only: no operation ${JSON.stringify(id)} in ${apis.join(", ")}.`);
    for (const api of owners) only[api] = [...(only[api] ?? []), id];
  }
  return only;
}
