/**
 * The reviewed allowlist (`contract-allowlist.json`): documented (operation, status) pairs that a run
 * against the mock may leave unexercised, each with its reason. It is checked strictly on load, and an
 * entry whose pair was exercised after all is stale and fails the run, so the file stays reviewed.
 */
import { existsSync, readFileSync } from "node:fs";
import { API_NAMES, isApiName, type ApiName } from "../../spec/apis.js";
import { getOperations } from "../../spec/operations.js";
import type { Coverage } from "./coverage.js";

export interface AllowlistEntry {
  api: ApiName;
  operationId: string;
  status: string;
  /** Why the pair cannot be exercised against the mock; shown next to it in every report. */
  reason: string;
}

/** The file cannot be used: not JSON, not a list, or an entry that names nothing real. Lists every problem. */
export class AllowlistError extends Error {
  override name = "AllowlistError";
}

const FIELDS = ["api", "operationId", "status", "reason"] as const;

/** Reads and checks the file; a file that does not exist is an empty list unless `required`. */
export function loadAllowlist(path: string, required: boolean): AllowlistEntry[] {
  if (!existsSync(path)) {
    if (required) throw new AllowlistError(`${path}: no such file`);
    return [];
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new AllowlistError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseAllowlist(data, path);
}

export function parseAllowlist(data: unknown, source: string): AllowlistEntry[] {
  if (!Array.isArray(data)) throw new AllowlistError(`${source}: expected a JSON array of { api, operationId, status, reason }`);
  const problems: string[] = [];
  const seen = new Set<string>();
  const entries: AllowlistEntry[] = [];
  data.forEach((item: unknown, position) => {
    const at = `${source}[${position}]`;
    const entry = checkEntry(item, at, problems);
    if (!entry) return;
    const key = `${entry.api} ${entry.operationId} ${entry.status}`;
    if (seen.has(key)) problems.push(`${at}: ${key} is listed twice`);
    seen.add(key);
    entries.push(entry);
  });
  if (problems.length > 0) throw new AllowlistError(problems.join("\n"));
  return entries;
}

function checkEntry(item: unknown, at: string, problems: string[]): AllowlistEntry | undefined {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    problems.push(`${at}: expected an object { api, operationId, status, reason }`);
    return undefined;
  }
  const record = item as Record<string, unknown>;
  const before = problems.length;
  for (const field of Object.keys(record)) if (!(FIELDS as readonly string[]).includes(field)) problems.push(`${at}: unknown field ${JSON.stringify(field)}`);
  for (const field of FIELDS)
    if (typeof record[field] !== "string" || (record[field] as string).trim() === "") problems.push(`${at}: ${field} must be a non-empty string`);
  if (problems.length > before) return undefined;
  const { api, operationId, status, reason } = record as Record<(typeof FIELDS)[number], string>;
  if (!isApiName(api)) {
    problems.push(`${at}: unknown API ${JSON.stringify(api)} (expected one of ${API_NAMES.join(", ")})`);
    return undefined;
  }
  const operation = getOperations(api).operations.find((candidate) => candidate.operationId === operationId);
  if (!operation) {
    problems.push(`${at}: ${api} has no operation ${JSON.stringify(operationId)}`);
    return undefined;
  }
  const statuses = operation.statuses.filter((candidate) => candidate !== "default");
  if (!statuses.includes(status)) {
    problems.push(`${at}: ${api} ${operationId} documents no status ${JSON.stringify(status)} (it documents ${statuses.join(", ")})`);
    return undefined;
  }
  return { api, operationId, status, reason: reason.trim() };
}

/** What a run's coverage means once the allowlist is applied. Pairs read `<operationId> <status>`. */
export interface CoverageVerdict {
  /** Whether gaps fail the run: against the mock only (a live run cannot inject faults, nor write by default). */
  enforced: boolean;
  /** Documented pairs no passing case exercised and the allowlist does not excuse. */
  notExercised: string[];
  /** Unexercised pairs the allowlist excuses, with its reason. */
  allowlisted: { pair: string; reason: string }[];
  /** Entries for pairs that were exercised: the file is out of date. */
  stale: AllowlistEntry[];
}

/**
 * Applies the allowlist entries of `api` to a run's coverage. `operations` is the run's scope (with
 * `--only`); entries outside it are neither applied nor stale.
 */
export function judgeCoverage(
  api: ApiName,
  coverage: Coverage,
  entries: readonly AllowlistEntry[],
  options: { enforced: boolean; operations?: readonly string[] },
): CoverageVerdict {
  const inScope = (operationId: string) => !options.operations || options.operations.includes(operationId);
  const own = entries.filter((entry) => entry.api === api && inScope(entry.operationId));
  const reasons = new Map(own.map((entry) => [`${entry.operationId} ${entry.status}`, entry.reason]));
  const missing = new Set(coverage.missing);
  const allowlisted = coverage.missing.flatMap((pair) => (reasons.has(pair) ? [{ pair, reason: reasons.get(pair)! }] : []));
  return {
    enforced: options.enforced,
    notExercised: coverage.missing.filter((pair) => !reasons.has(pair)),
    allowlisted,
    stale: options.enforced ? own.filter((entry) => !missing.has(`${entry.operationId} ${entry.status}`)) : [],
  };
}

/** Whether a run passes: no failed case, and against the mock no unexcused gap and no stale entry. */
export function verdictPasses(failed: number, verdict: CoverageVerdict): boolean {
  return failed === 0 && (!verdict.enforced || (verdict.notExercised.length === 0 && verdict.stale.length === 0));
}
