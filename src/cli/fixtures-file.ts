/** Reads `--fixtures <file>`: bounded, parsed, and checked against the API's operations before anything is sent. */
import { closeSync, openSync, readSync } from "node:fs";
import { FixturesError, parseFixtures, type Fixtures } from "../contract/fixtures.js";
import type { ApiName } from "../spec/apis.js";
import { getOperations } from "../spec/operations.js";
import { UsageError } from "./usage-error.js";

/** A fixtures file holds a handful of ids; anything larger is the wrong file. */
export const MAX_FIXTURES_BYTES = 256 * 1024;

export function readFixturesFile(path: string, api: ApiName): Fixtures {
  const text = readBounded(path);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`contract: --fixtures ${path} is not JSON: ${(error as Error).message}`);
  }
  let fixtures: Fixtures;
  try {
    fixtures = parseFixtures(json, `--fixtures ${path}`);
  } catch (error) {
    if (error instanceof FixturesError) throw new UsageError(`contract: ${error.message}`);
    throw error;
  }
  // A misspelt operationId would silently never apply.
  const index = getOperations(api);
  for (const operationId of Object.keys(fixtures.operations)) {
    const operation = index.operations.find((candidate) => candidate.operationId === operationId);
    if (!operation) throw new UsageError(`contract: --fixtures ${path}: operations.${operationId}: no such operation in ${api}`);
    for (const name of Object.keys(fixtures.operations[operationId]!)) {
      if (!operation.parameters.some((parameter) => parameter.name === name))
        throw new UsageError(`contract: --fixtures ${path}: operations.${operationId}.${name}: ${operationId} has no parameter ${name}`);
    }
  }
  return fixtures;
}

function readBounded(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new UsageError(`contract: --fixtures ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  try {
    const buffer = Buffer.alloc(MAX_FIXTURES_BYTES + 1);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    if (length > MAX_FIXTURES_BYTES) throw new UsageError(`contract: --fixtures ${path} is larger than ${MAX_FIXTURES_BYTES / 1024} KiB`);
    return buffer.subarray(0, length).toString("utf8");
  } finally {
    closeSync(fd);
  }
}
