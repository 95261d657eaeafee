/**
 * One response body walked against its schema: what it says about the spec's places (the facts the
 * drift report is built from). Only the parts of the schema that apply to the value are followed: the
 * schema itself, its `allOf` members, and of a `oneOf`/`anyOf` the branches closest to the value.
 */
import type { ApiName } from "../../spec/apis.js";
import type { JsonSchema } from "../../spec/document.js";
import { validateBody } from "../../spec/validator.js";
import { isSchema, jsonType, typesOf } from "../cases/schema-tools.js";
import { childPointer, locate } from "./pointers.js";
import type { DriftLimits } from "./types.js";

/** A schema and the pointer of where it is written in the spec. */
export interface Located {
  schema: JsonSchema;
  pointer: string;
}

/** A declared (or required) field of an object, and whether this object had it. */
export interface FieldFact {
  pointer: string;
  required: boolean;
  present: boolean;
}

export type BodyFact =
  /** One object at a place: each field its schemas declare or require. */
  | { kind: "object"; fields: FieldFact[] }
  /** A key no applicable schema declares; `closed` when one of them says `additionalProperties: false`. */
  | { kind: "undeclared"; pointer: string; value: unknown; closed: boolean }
  | { kind: "enum"; pointer: string; value: unknown }
  | { kind: "type"; pointer: string; value: unknown };

export function bodyFacts(api: ApiName, root: Located, body: unknown, limits: DriftLimits): BodyFact[] {
  const facts: BodyFact[] = [];
  walk(api, [root], body, 0, facts, limits);
  return facts;
}

function walk(api: ApiName, nodes: Located[], value: unknown, depth: number, facts: BodyFact[], limits: DriftLimits): void {
  if (depth > limits.depth || facts.length >= limits.facts) return;
  const schemas = dedupe(nodes.flatMap((node) => applicable(api, node, value, 0)));
  for (const { schema, pointer } of schemas) {
    const types = typesOf(schema);
    if (types.length > 0 && !allows(types, value)) facts.push({ kind: "type", pointer: `${pointer}/type`, value });
    else if (Array.isArray(schema.enum) && !schema.enum.some((member) => sameJson(member, value)))
      facts.push({ kind: "enum", pointer: `${pointer}/enum`, value });
  }
  if (Array.isArray(value)) {
    const items = schemas.flatMap(({ schema, pointer }) => (isSchema(schema.items) ? [{ schema: schema.items, pointer: `${pointer}/items` }] : []));
    if (items.length > 0) for (const item of value.slice(0, limits.items)) walk(api, items, item, depth + 1, facts, limits);
  } else if (value !== null && typeof value === "object") {
    walkObject(api, schemas, value as Record<string, unknown>, depth, facts, limits);
  }
}

function walkObject(api: ApiName, schemas: Located[], value: Record<string, unknown>, depth: number, facts: BodyFact[], limits: DriftLimits): void {
  // A schema that names no property and no object type says nothing about an object's keys.
  const shaped = schemas.filter(({ schema }) => isSchema(schema.properties) || typesOf(schema).includes("object"));
  if (shaped.length === 0) return;
  const declared = new Map<string, FieldFact>();
  for (const { schema, pointer } of shaped) {
    for (const name of Object.keys(propertiesOf(schema)))
      if (!declared.has(name)) declared.set(name, { pointer: childPointer(pointer, "properties", name), required: false, present: Object.hasOwn(value, name) });
  }
  for (const { schema, pointer } of shaped) {
    for (const name of Array.isArray(schema.required) ? schema.required.filter((item): item is string => typeof item === "string") : []) {
      const field = declared.get(name) ?? { pointer: childPointer(pointer, "properties", name), required: true, present: Object.hasOwn(value, name) };
      declared.set(name, { ...field, required: true });
    }
  }
  facts.push({ kind: "object", fields: [...declared.values()] });
  // Where a new field would be declared: the first schema here that lists properties.
  const host = shaped.find(({ schema }) => isSchema(schema.properties)) ?? shaped[0]!;
  const open = shaped.some(
    ({ schema }) => schema.additionalProperties === true || (isSchema(schema.additionalProperties) && Object.keys(schema.additionalProperties).length === 0),
  );
  const extra = shaped.flatMap(({ schema, pointer }) =>
    isSchema(schema.additionalProperties) && Object.keys(schema.additionalProperties).length > 0
      ? [{ schema: schema.additionalProperties, pointer: `${pointer}/additionalProperties` }]
      : [],
  );
  for (const [name, item] of Object.entries(value).slice(0, limits.keys)) {
    const children = shaped.flatMap(({ schema, pointer }) => {
      const property = propertiesOf(schema)[name];
      return isSchema(property) ? [{ schema: property, pointer: childPointer(pointer, "properties", name) }] : [];
    });
    if (children.length > 0) walk(api, children, item, depth + 1, facts, limits);
    else if (extra.length > 0) walk(api, extra, item, depth + 1, facts, limits);
    else if (!open && !declared.has(name))
      facts.push({
        kind: "undeclared",
        pointer: childPointer(host.pointer, "properties", name),
        value: item,
        closed: shaped.some(({ schema }) => schema.additionalProperties === false),
      });
  }
}

/** The schemas that apply to `value` at a node: the node (at its component's pointer, if it is one), its allOf members, its closest branches. */
function applicable(api: ApiName, node: Located, value: unknown, depth: number): Located[] {
  const here = { schema: node.schema, pointer: locate(api, node.schema, node.pointer) };
  if (depth > 8) return [here];
  const out = [here];
  const members = Array.isArray(here.schema.allOf) ? here.schema.allOf : [];
  members.forEach((member, i) => {
    if (isSchema(member)) out.push(...applicable(api, { schema: member, pointer: `${here.pointer}/allOf/${i}` }, value, depth + 1));
  });
  for (const key of ["oneOf", "anyOf"] as const) {
    const list = here.schema[key];
    if (!Array.isArray(list)) continue;
    const branches = list.flatMap((branch, i) => (isSchema(branch) ? [{ schema: branch, pointer: `${here.pointer}/${key}/${i}` }] : []));
    for (const branch of closest(branches, value)) out.push(...applicable(api, branch, value, depth + 1));
  }
  return out;
}

/** The branches with the fewest validation errors for `value` (those that accept it, if any do). */
function closest(branches: Located[], value: unknown): Located[] {
  const scored = branches.map((branch) => ({ branch, errors: errorCount(branch.schema, value) }));
  const best = Math.min(...scored.map((entry) => entry.errors));
  return scored.filter((entry) => entry.errors === best).map((entry) => entry.branch);
}

// A branch that leans on its parent (`required` without a `type`) does not compile alone under Ajv's strict mode.
const uncompilable = new WeakSet<JsonSchema>();

function errorCount(schema: JsonSchema, value: unknown): number {
  if (uncompilable.has(schema)) return Number.POSITIVE_INFINITY;
  try {
    const result = validateBody(schema, value);
    return result.valid ? 0 : result.errors.length;
  } catch {
    uncompilable.add(schema);
    return Number.POSITIVE_INFINITY;
  }
}

function propertiesOf(schema: JsonSchema): Record<string, unknown> {
  return isSchema(schema.properties) ? schema.properties : {};
}

function allows(types: string[], value: unknown): boolean {
  const type = jsonType(value);
  return types.includes(type) || (type === "integer" && types.includes("number"));
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === "object" && a !== null && JSON.stringify(a) === JSON.stringify(b));
}

function dedupe(located: Located[]): Located[] {
  const seen = new Set<JsonSchema>();
  return located.filter(({ schema }) => !seen.has(schema) && Boolean(seen.add(schema)));
}
