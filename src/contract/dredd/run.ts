/**
 * The dredd pass: dredd over one API's spec against a server, with the specwright hooks, reporting what
 * was exercised: every (operation, status) case with its outcome and whether its body was schema-checked.
 */
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { createRequire } from "node:module";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRedactor, secretsOfCredentials, type Redactor } from "../../core/redact.js";
import { getDocument, HTTP_METHODS } from "../../spec/document.js";
import { routeDreddOutput } from "./output.js";
import { createEngine, variantCases, type CaseRecord, type DreddTransaction } from "./engine.js";
import { passReport, type PassOptions } from "../pass.js";
import type { CaseResult, ContractReport } from "../report/results.js";
import type { ContractTarget, Scenario } from "../types.js";

const require = createRequire(import.meta.url);
const BRIDGE = Symbol.for("specwright.contract.bridge");
const HOOKS_FILE = fileURLToPath(new URL("./hooks.cjs", import.meta.url));

export type { CaseResult, ContractReport } from "../report/results.js";

export interface DreddPassOptions extends PassOptions {
  /** Print dredd's own per-transaction lines (off by default: the report says the same, shorter). */
  verbose?: boolean;
}

// The bridge is process-global (dredd loads the hook file itself), so runs take turns.
let queue: Promise<unknown> = Promise.resolve();

export function runDreddPass<Client>(scenario: Scenario<Client>, target: ContractTarget, options: DreddPassOptions = {}): Promise<ContractReport> {
  const run = queue.then(() => runOnce(scenario, target, options));
  queue = run.catch(() => undefined);
  return run;
}

async function runOnce<Client>(scenario: Scenario<Client>, target: ContractTarget, options: DreddPassOptions): Promise<ContractReport> {
  const { document, variantPaths } = forDredd(scenario as Scenario<unknown>, options.only);
  const engine = createEngine(scenario, target, { ...(options.only ? { only: options.only } : {}), variantPaths });
  const scratch = mkdtempSync(join(tmpdir(), "specwright-contract-"));
  const specFile = join(scratch, `${scenario.api}.json`);
  writeFileSync(specFile, JSON.stringify(document));
  const globals = globalThis as Record<symbol, unknown>;
  globals[BRIDGE] = engine;
  try {
    // Dredd's dump of a failing case shows the request's headers, credentials included.
    const redact = createRedactor(secretsOfCredentials(target.credentials));
    await runDredd(specFile, target.baseUrl, options.verbose ?? false, redact, (request, error) => engine.requestFailed(request, error));
  } finally {
    delete globals[BRIDGE];
    rmSync(scratch, { recursive: true, force: true });
  }
  // Dredd skips a hook file that fails to load with only a warning; a run without hooks proves nothing.
  if (!engine.started) throw new Error("dredd ran without the specwright hooks (the hook file was not loaded)");
  return passReport(scenario, target, engine.cases.map(toResult));
}

/**
 * The document as dredd gets it. Dredd turns a `default` response into a second "200" transaction that
 * expects the error body, so `default` responses go (the engine still validates any undocumented status
 * against them). With `only`, other operations go too: parsing is most of a short run's time.
 *
 * Dredd makes one transaction per (path, method, status), so each variant case the scenario declares
 * gets a path key of its own, `<path>/__case/<variant>`, holding only that status; the engine maps it
 * back and sends the request to the real path.
 */
function forDredd(
  scenario: Scenario<unknown>,
  only: readonly string[] | undefined,
): { document: unknown; variantPaths: Map<string, { path: string; variant: string }> } {
  const document = structuredClone(getDocument(scenario.api));
  const variantPaths = new Map<string, { path: string; variant: string }>();
  const paths: typeof document.paths = {};
  for (const [path, item] of Object.entries(document.paths)) {
    paths[path] = item;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      if (only && !only.includes(operation.operationId)) {
        delete item[method];
        continue;
      }
      delete operation.responses.default;
      for (const { status, variant } of variantCases(scenario, operation.operationId)) {
        const response = operation.responses[status];
        if (!response) throw new Error(`${operation.operationId}: the driver "${status} ${variant}" names a status the spec does not document`);
        const key = `${path}/__case/${variant}`;
        variantPaths.set(key, { path, variant });
        paths[key] = {
          ...(item.parameters ? { parameters: item.parameters } : {}),
          [method]: { ...operation, operationId: `${operation.operationId}__${variant}`, responses: { [status]: response } },
        };
      }
      for (const { status } of variantCases(scenario, operation.operationId)) delete operation.responses[status];
    }
    if (!HTTP_METHODS.some((method) => item[method] && Object.keys(item[method].responses).length > 0)) delete paths[path];
  }
  document.paths = paths;
  // The bundle is dereferenced, so the paths hold every schema they use: the components and webhooks
  // would only add parsing time (a quarter of Commet's document, most of a short run's time). The
  // security schemes stay, as the operations name them.
  delete document.webhooks;
  const dereferenced = document as { components?: { securitySchemes?: unknown } };
  dereferenced.components = dereferenced.components?.securitySchemes ? { securitySchemes: dereferenced.components.securitySchemes } : {};
  return { document, variantPaths };
}

type RequestFailed = (request: DreddTransaction["request"] | undefined, error: unknown) => void;

interface DreddInstance {
  configuration: {
    http: { agent?: HttpAgent };
    apiDescriptions: unknown[];
    emitter: {
      on(event: "test error", listener: (error: unknown, test: { request?: DreddTransaction["request"] }) => void): void;
      on(event: "start", listener: (apiDescriptions: unknown, done: () => void) => void): void;
    };
  };
  run(callback: (error: Error | null) => void): void;
}

type DreddConstructor = new (config: Record<string, unknown>) => DreddInstance;

/**
 * Dredd, loaded without the one warning it triggers on Node 20 (winston 2 reads `padLevels` from a
 * module still loading), which says nothing about the run. Node emits it during the require itself.
 */
function loadDredd(): DreddConstructor {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning instanceof Error ? warning.message : warning).includes("'padLevels'")) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return require("dredd") as DreddConstructor;
  } finally {
    process.emitWarning = emitWarning;
  }
}

function runDredd(specFile: string, endpoint: string, verbose: boolean, redact: Redactor, requestFailed: RequestFailed): Promise<void> {
  const Dredd = loadDredd();
  routeDreddOutput(verbose, redact);
  const dredd = new Dredd({
    endpoint,
    path: [specFile],
    hookfiles: [HOOKS_FILE],
    language: "nodejs",
    loglevel: verbose ? "warning" : "error",
    color: false,
    "inline-errors": true,
  });
  // No keep-alive for dredd's requests. With Node's default agent, a socket left idle from the last
  // transaction (or the last run) is reused when its idle timeout is due: if the event loop was busy at
  // that moment (dredd compiles a spec synchronously; a loaded CI machine), the request goes out on a
  // socket being closed and dies with ECONNRESET. A connection per transaction costs ~0.1 ms on loopback.
  // Set after construction: dredd deep-merges its config, which would strip the agent's prototype.
  dredd.configuration.http.agent = new (endpoint.startsWith("https:") ? HttpsAgent : HttpAgent)({ keepAlive: false });
  // Dredd reports a request that got no response only as a "test error" event, with no reason kept.
  dredd.configuration.emitter.on("test error", (error, test) => requestFailed(test?.request, error));
  // Before loading the hook files, dredd deep-clones its configuration for the hooks' API, parsed API
  // description included, with a clone that is quadratic in the number of objects: 50 s of a 55 s
  // Commet run. The transactions and the reporters have the description by "start", and these hooks
  // never read the clone, so the parse is dropped from the configuration there.
  dredd.configuration.emitter.on("start", (_apiDescriptions, done) => {
    dredd.configuration.apiDescriptions = [];
    done();
  });
  return new Promise((resolve, reject) => dredd.run((error) => (error ? reject(error) : resolve())));
}

function toResult(record: CaseRecord): CaseResult {
  const test = record.transaction.test;
  const failed = record.problems.length > 0 || test?.status === "fail" || (record.transaction.fail ?? false) !== false;
  const outcome = test?.status === "skip" ? "skip" : failed || test?.status !== "pass" ? "fail" : "pass";
  const message =
    record.problems.length > 0 ? record.problems.join("; ") : outcome === "fail" ? failureReason(record) : outcome === "skip" ? record.skipReason : undefined;
  return {
    kind: "dredd",
    operationId: record.operationId,
    method: record.method,
    path: record.path,
    status: record.status,
    ...(record.variant !== undefined ? { variant: record.variant } : {}),
    ...(record.realStatus !== undefined ? { realStatus: record.realStatus } : {}),
    outcome,
    schemaValidated: record.schemaValidated && outcome === "pass",
    ...(message ? { message } : {}),
    // A case skipped or refused before its request went out has no end: it took no measurable time.
    ...(record.endedAt !== undefined ? { durationMs: record.endedAt - record.startedAt } : {}),
  };
}

/** Why dredd failed a case the engine found no problem with: dredd's own words, else what differed. */
function failureReason(record: CaseRecord): string {
  const own = record.transaction.test?.message?.trim();
  if (own) return own;
  const label = `${record.operationId} ${record.status}`;
  const real = record.transaction.real;
  if (!real) return `${label}: dredd failed the case before any response arrived`;
  const excerpt = real.body.length > 200 ? `${real.body.slice(0, 200)}…` : real.body;
  return `${label}: expected status ${record.status}, received ${real.statusCode}${excerpt ? `; body: ${excerpt}` : ""}`;
}
