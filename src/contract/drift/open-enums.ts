/**
 * A schema with its `enum` lists lifted: what a live server's body must still satisfy when a value the
 * spec does not list counts as drift (a warning) rather than a broken contract.
 */
import type { JsonSchema } from "../../spec/document.js";
import { isSchema } from "../cases/schema-tools.js";

/** Keywords whose value is a map of subschemas, a list of them, or one. */
const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "dependentSchemas"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SCHEMA_ONES = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "unevaluatedProperties", "unevaluatedItems"];

// The validator caches a compiled schema per object: one open copy per schema keeps that cache useful.
const opened = new WeakMap<JsonSchema, JsonSchema>();

export function withOpenEnums(schema: JsonSchema): JsonSchema {
  let copy = opened.get(schema);
  if (!copy) {
    copy = open(schema);
    opened.set(schema, copy);
  }
  return copy;
}

function open(schema: JsonSchema): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "enum") continue;
    if (SCHEMA_MAPS.includes(key) && isSchema(value))
      out[key] = Object.fromEntries(Object.entries(value).map(([name, item]) => [name, isSchema(item) ? open(item) : item]));
    else if (SCHEMA_LISTS.includes(key) && Array.isArray(value)) out[key] = value.map((item) => (isSchema(item) ? open(item) : item));
    else if (SCHEMA_ONES.includes(key) && isSchema(value)) out[key] = open(value);
    else out[key] = value;
  }
  return out;
}
