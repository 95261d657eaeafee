/**
 * The body half of the negative cases: from the baseline body, one change per case (the body absent or
 * not JSON, a required field missing, an unknown field, a field's constraint broken), into nested
 * objects, array items and the branches of a oneOf, depth-limited.
 */
import type { JsonSchema } from "../../spec/document.js";
import type { Operation } from "../../spec/operations.js";
import { exampleOf, requestBodyOf, requestProblems, type CaseRequest } from "./request-base.js";
import { accepts, branchesOf, foldAllOf, isSchema } from "./schema-tools.js";
import { violationsOf } from "./violations.js";

export interface Mutation {
  /** The field and the constraint broken, e.g. `body.quantity: below minimum 1`. */
  label: string;
  request: CaseRequest;
}

type Segment = string | number;

/** How deep into nested body objects and arrays the cases go. */
const MAX_DEPTH = 4;
const UNKNOWN_FIELD = "unexpected_field";

export function bodyMutations(operation: Operation, base: CaseRequest): Mutation[] {
  const body = requestBodyOf(operation);
  if (!body) return [];
  const out: Mutation[] = [];
  const withBody = (value: unknown): CaseRequest => {
    const { body: _, ...rest } = structuredClone(base);
    return value === undefined ? rest : { ...rest, body: value };
  };
  if (body.required) out.push({ label: "body: absent", request: withBody(undefined) });
  out.push({ label: "body: not JSON", request: { ...withBody(undefined), rawBody: "{not json" } });
  if (body.schema) {
    const walker: Walker = {
      emit: (label, value) => out.push({ label, request: withBody(value) }),
      valid: (value) => requestProblems(operation, withBody(value)).length === 0,
    };
    walk(walker, body.schema, base.body, [], 0);
  }
  return out;
}

interface Walker {
  emit(label: string, body: unknown): void;
  /** Whether a whole body (with the baseline's parameters) is valid. */
  valid(body: unknown): boolean;
}

/** The cases of the field at `at` in `root`: its own constraints, then its children's. */
function walk(walker: Walker, schema: JsonSchema, root: unknown, at: Segment[], depth: number): void {
  const field = fieldName(at);
  for (const violation of violationsOf(schema, "json")) walker.emit(`${field}: ${violation.constraint}`, setAt(root, at, violation.value));
  const value = getAt(root, at);
  if (depth >= MAX_DEPTH || typeof value !== "object" || value === null) return;
  const folded = foldAllOf(schema);
  const branches = branchesOf(folded);
  if (!branches) {
    walkParts(walker, folded, root, at, depth);
    return;
  }
  // Breaking a branch the value is not in proves nothing; another branch is broken from its own example.
  for (const branch of branches) {
    if (accepts(branch, value) !== false) {
      walkParts(walker, branch, root, at, depth);
      continue;
    }
    const example = exampleOf(branch);
    const candidate = example === undefined ? undefined : setAt(root, at, example);
    if (candidate !== undefined && walker.valid(candidate)) walkParts(walker, branch, candidate, at, depth);
  }
}

/** The cases of an object's or an array's parts: required keys, unknown keys, properties, items. */
function walkParts(walker: Walker, schema: JsonSchema, root: unknown, at: Segment[], depth: number): void {
  const value = getAt(root, at);
  if (Array.isArray(value)) {
    if (isSchema(schema.items)) walkChild(walker, schema.items, root, [...at, 0], depth);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  const present = value as Record<string, unknown>;
  const properties = isSchema(schema.properties) ? schema.properties : {};
  for (const name of Array.isArray(schema.required) ? (schema.required as string[]) : []) {
    if (name in present) walker.emit(`${fieldName([...at, name])}: missing`, deleteAt(root, [...at, name]));
  }
  if (schema.additionalProperties === false) {
    walker.emit(`${fieldName([...at, UNKNOWN_FIELD])}: unknown field (additionalProperties: false)`, setAt(root, [...at, UNKNOWN_FIELD], "x"));
  }
  for (const [name, child] of Object.entries(properties)) if (isSchema(child)) walkChild(walker, child, root, [...at, name], depth);
  if (isSchema(schema.additionalProperties)) {
    const extra = Object.keys(present).find((name) => !(name in properties)) ?? "key";
    walkChild(walker, schema.additionalProperties, root, [...at, extra], depth);
  }
}

/** An absent optional child gets its example first (when that keeps the body valid), so its own children can be broken. */
function walkChild(walker: Walker, schema: JsonSchema, root: unknown, at: Segment[], depth: number): void {
  if (getAt(root, at) === undefined) {
    const example = exampleOf(schema);
    const candidate = example === undefined ? undefined : setAt(root, at, example);
    if (candidate !== undefined && walker.valid(candidate)) root = candidate;
  }
  walk(walker, schema, root, at, depth + 1);
}

function fieldName(at: Segment[]): string {
  return at.reduce<string>((name, segment) => (typeof segment === "number" ? `${name}[${segment}]` : `${name}.${segment}`), "body");
}

function getAt(root: unknown, at: Segment[]): unknown {
  return at.reduce<unknown>((value, segment) => (typeof value === "object" && value !== null ? (value as Record<Segment, unknown>)[segment] : undefined), root);
}

/** A copy of `root` with the value at `at` replaced (intermediate containers made as needed). */
function setAt(root: unknown, at: Segment[], value: unknown): unknown {
  if (at.length === 0) return structuredClone(value);
  const copy = structuredClone(root) ?? (typeof at[0] === "number" ? [] : {});
  let parent = copy as Record<Segment, unknown>;
  at.slice(0, -1).forEach((segment, i) => {
    if (typeof parent[segment] !== "object" || parent[segment] === null) parent[segment] = typeof at[i + 1] === "number" ? [] : {};
    parent = parent[segment] as Record<Segment, unknown>;
  });
  parent[at[at.length - 1]!] = structuredClone(value);
  return copy;
}

function deleteAt(root: unknown, at: Segment[]): unknown {
  const copy = structuredClone(root);
  const parent = getAt(copy, at.slice(0, -1));
  if (typeof parent === "object" && parent !== null) delete (parent as Record<Segment, unknown>)[at[at.length - 1]!];
  return copy;
}
