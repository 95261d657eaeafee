/** Reading the JSON Schema subset the specs use, for the generated cases: types, merged composites, acceptance. */
import type { JsonSchema } from "../../spec/document.js";
import { validateBody } from "../../spec/validator.js";

/** Keywords that document a schema rather than constrain it; dropped when a schema is split into branches. */
const DOCUMENTATION = ["example", "examples", "default", "description", "x-assumed", "x-doc-discrepancy"];

export function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The JSON types a schema names (`type: ["string", "null"]` gives both); empty when it names none. */
export function typesOf(schema: JsonSchema): string[] {
  const type = schema.type;
  if (typeof type === "string") return [type];
  return Array.isArray(type) ? type.filter((item): item is string => typeof item === "string") : [];
}

/** The JSON type of a value as a schema names it (`integer` for whole numbers). */
export function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

export function without(schema: JsonSchema, ...keys: string[]): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => !keys.includes(key)));
}

/** `schema` with its `allOf` folded in (the specs' allOf members only add constraints). */
export function foldAllOf(schema: JsonSchema): JsonSchema {
  if (!Array.isArray(schema.allOf)) return schema;
  const members = schema.allOf.filter(isSchema);
  return members.reduce<JsonSchema>((merged, member) => merge(merged, foldAllOf(member)), without(schema, "allOf"));
}

/** The alternatives of a schema with `anyOf`/`oneOf`: each branch merged with the rest of the schema. */
export function branchesOf(schema: JsonSchema): JsonSchema[] | undefined {
  const key = Array.isArray(schema.anyOf) ? "anyOf" : Array.isArray(schema.oneOf) ? "oneOf" : undefined;
  if (!key) return undefined;
  const rest = without(schema, key, ...DOCUMENTATION);
  return (schema[key] as unknown[]).filter(isSchema).map((branch) => foldAllOf(merge(rest, branch)));
}

/** Both schemas' constraints: required keys and properties are united, other keywords of `a` win. */
export function merge(a: JsonSchema, b: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (key === "required" && Array.isArray(value)) out.required = [...new Set([...((a.required as string[] | undefined) ?? []), ...(value as string[])])];
    else if (key === "properties" && isSchema(value)) out.properties = mergeProperties(isSchema(a.properties) ? a.properties : {}, value);
    else if (key === "allOf" && Array.isArray(value)) out.allOf = [...(Array.isArray(a.allOf) ? a.allOf : []), ...value];
    else if (!(key in out)) out[key] = value;
  }
  return out;
}

function mergeProperties(a: JsonSchema, b: JsonSchema): JsonSchema {
  const out: JsonSchema = { ...a };
  for (const [name, schema] of Object.entries(b)) {
    const mine = out[name];
    // `properties: { name: true }` in a branch only says the key may be there.
    if (mine === undefined || mine === true) out[name] = schema;
    else if (isSchema(mine) && isSchema(schema)) out[name] = merge(mine, schema);
  }
  return out;
}

/**
 * Whether a schema accepts a JSON value, with the project's body validator. Undefined when the schema
 * cannot be compiled on its own (Ajv's strict mode wants a `type` next to `required`, `minLength`…
 * in a branch that relies on its parent's).
 */
export function accepts(schema: JsonSchema, value: unknown): boolean | undefined {
  try {
    return validateBody(schema, value).valid;
  } catch {
    return undefined;
  }
}
