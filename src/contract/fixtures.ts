/**
 * Fixtures: the values a live run needs and cannot discover or create, given by the user of an
 * account (`--fixtures fixtures.json`) or printed by a seeded mock (`--print-fixtures`).
 *
 * The file is one JSON object: parameter names mapped to values, plus optional per-operation
 * overrides, which win:
 *   { "organization_id": "…", "project_id": "…", "operations": { "getDomain": { "id": "…" } } }
 */
export interface Fixtures {
  /** By parameter name, for every operation. */
  values: Record<string, string>;
  /** By operationId, then parameter name: wins over `values`. */
  operations: Record<string, Record<string, string>>;
}

/**
 * Fixtures that are not parameter names: things in a given state that the contract's cases and flows
 * need by their role (an image in use, the organization's owner). A seeded mock prints them too.
 */
export const ROLE_FIXTURES = {
  commet: {},
  onet: {
    hosting_id: "a web hosting account of the project, not cancelled",
    hosting_plan_id: "a web hosting plan that can be ordered",
    image_in_use_id: "a private image an instance uses (it cannot be deleted)",
    public_image_id: "a platform image (not the caller's to delete)",
    domain_without_privacy_id: "a domain whose TLD has no WHOIS privacy",
  },
  cloudplans: { owner_email: "the email of the organization's owner" },
} as const satisfies Record<string, Record<string, string>>;

export const NO_FIXTURES: Fixtures = Object.freeze({ values: Object.freeze({}), operations: Object.freeze({}) }) as Fixtures;

export class FixturesError extends Error {
  override name = "FixturesError";
}

/** Bounds on a file read from outside: a fixtures file is a handful of ids. */
const MAX_ENTRIES = 1_000;
const MAX_VALUE_LENGTH = 2_048;

/** The fixtures in `json` (already parsed), or a FixturesError that names the offending key. */
export function parseFixtures(json: unknown, source = "fixtures"): Fixtures {
  if (!isObject(json)) throw new FixturesError(`${source}: expected a JSON object of parameter names to values`);
  const values: Record<string, string> = {};
  const operations: Record<string, Record<string, string>> = {};
  let entries = 0;
  for (const [name, value] of Object.entries(json)) {
    if (name === "operations") {
      if (!isObject(value)) throw new FixturesError(`${source}: "operations" must be an object of operationId to parameter values`);
      for (const [operationId, parameters] of Object.entries(value)) {
        if (!isObject(parameters)) throw new FixturesError(`${source}: operations.${operationId} must be an object of parameter names to values`);
        operations[operationId] = {};
        for (const [parameter, inner] of Object.entries(parameters)) {
          operations[operationId]![parameter] = scalar(inner, `${source}: operations.${operationId}.${parameter}`);
          if (++entries > MAX_ENTRIES) throw new FixturesError(`${source}: more than ${MAX_ENTRIES} values`);
        }
      }
      continue;
    }
    values[name] = scalar(value, `${source}: ${name}`);
    if (++entries > MAX_ENTRIES) throw new FixturesError(`${source}: more than ${MAX_ENTRIES} values`);
  }
  return { values, operations };
}

/** The value for one parameter of one operation: its override, else the shared value. */
export function fixtureValue(fixtures: Fixtures, operationId: string, name: string): string | undefined {
  return fixtures.operations[operationId]?.[name] ?? fixtures.values[name];
}

/** The JSON form of `fixtures`, as `--fixtures` reads it. */
export function formatFixtures(fixtures: Fixtures): string {
  const operations = Object.keys(fixtures.operations).length > 0 ? { operations: fixtures.operations } : {};
  return `${JSON.stringify({ ...fixtures.values, ...operations }, null, 2)}\n`;
}

function scalar(value: unknown, where: string): string {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") throw new FixturesError(`${where}: expected a string (or a number), got ${value === null ? "null" : typeof value}`);
  if (value.length > MAX_VALUE_LENGTH) throw new FixturesError(`${where}: longer than ${MAX_VALUE_LENGTH} characters`);
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
