/**
 * The values that break one constraint of one schema each (type, range, length, pattern, enum, const,
 * format, item counts), with the constraint's name. Whether a value really makes the request invalid
 * is checked later against the whole spec (another branch of a oneOf may still accept it).
 */
import type { JsonSchema } from "../../spec/document.js";
import { exampleOf } from "./request-base.js";
import { branchesOf, foldAllOf, isSchema, jsonType, typesOf } from "./schema-tools.js";

export interface Violation {
  /** e.g. "below minimum 1", "wrong type", "unknown action". */
  constraint: string;
  value: unknown;
}

/** `json`: a value in a JSON body; `text`: a path, query or header value, always a string on the wire. */
export type ValueMode = "json" | "text";

/**
 * Values of another type, tried in order, for a field whose first type is the key. Chosen to be refused
 * by lenient servers too: Django REST Framework takes 42 for a string and "yes" or 1 for a boolean.
 */
const WRONG_TYPE: Record<string, unknown[]> = {
  string: [true, {}, 42],
  integer: ["not-a-number", true, {}],
  number: ["not-a-number", true, {}],
  boolean: ["not-a-boolean", {}, 42],
  object: ["not-an-object", 42, []],
  array: ["not-an-array", 42, {}],
  null: ["not-null", 42],
};

const BAD_FORMAT: Record<string, string> = {
  uuid: "not-a-uuid",
  email: "not-an-email",
  "date-time": "not-a-date-time",
  date: "not-a-date",
  uri: "not a uri",
};

export function violationsOf(schema: unknown, mode: ValueMode, name?: string): Violation[] {
  if (!isSchema(schema)) return [];
  const folded = foldAllOf(schema);
  // Each branch's constraints; a value that another branch accepts is dropped by the caller's check.
  const parts = branchesOf(folded) ?? [folded];
  const seen = new Set<string>();
  return parts.flatMap((part) => ownViolations(part, mode, name)).filter((violation) => !seen.has(violation.constraint) && seen.add(violation.constraint));
}

function ownViolations(schema: JsonSchema, mode: ValueMode, name: string | undefined): Violation[] {
  const out: Violation[] = [];
  const types = typesOf(schema);
  const text = (value: unknown) => (mode === "text" ? (typeof value === "string" ? value : JSON.stringify(value)) : value);
  const add = (constraint: string, value: unknown) => out.push({ constraint, value: text(value) });

  if (types.length > 0) {
    if (mode === "json") {
      const other = (WRONG_TYPE[types[0]!] ?? []).find(
        (value) => !types.includes(jsonType(value)) && !(jsonType(value) === "integer" && types.includes("number")),
      );
      if (other !== undefined) add("wrong type", other);
    } else if (!types.includes("string")) {
      // A path, query or header value is a string: only a non-number or non-boolean string has the wrong type.
      add("wrong type", types.includes("boolean") ? "not-a-boolean" : "not-a-number");
    }
  }
  if (types.includes("integer") && !types.includes("number")) add("not an integer", 1.5);

  const numeric = types.includes("integer") || types.includes("number");
  if (numeric || types.length === 0) {
    if (typeof schema.minimum === "number") add(`below minimum ${schema.minimum}`, schema.minimum - 1);
    if (typeof schema.exclusiveMinimum === "number") add(`not above exclusiveMinimum ${schema.exclusiveMinimum}`, schema.exclusiveMinimum);
    if (typeof schema.maximum === "number") add(`above maximum ${schema.maximum}`, schema.maximum + 1);
    if (typeof schema.exclusiveMaximum === "number") add(`not below exclusiveMaximum ${schema.exclusiveMaximum}`, schema.exclusiveMaximum);
  }

  if (types.includes("string") || types.length === 0) {
    const minLength = typeof schema.minLength === "number" ? schema.minLength : 0;
    if (minLength > 0) add(`shorter than minLength ${minLength}`, "a".repeat(minLength - 1));
    if (typeof schema.maxLength === "number") add(`longer than maxLength ${schema.maxLength}`, "a".repeat(schema.maxLength + 1));
    if (typeof schema.pattern === "string") {
      const pattern = new RegExp(schema.pattern, "u");
      const value = ["!", "-", "0", "a", "~"].map((char) => char.repeat(Math.max(1, minLength))).find((candidate) => !pattern.test(candidate));
      if (value !== undefined) add(`not matching pattern ${schema.pattern}`, value);
    }
    const format = typeof schema.format === "string" ? BAD_FORMAT[schema.format] : undefined;
    if (format !== undefined) add(`not a valid ${String(schema.format)}`, format);
  }

  if (Array.isArray(schema.enum)) add(name === "action" ? "unknown action" : "not one of the enum values", outsideOf(schema.enum));
  if ("const" in schema) add(`not the constant ${JSON.stringify(schema.const)}`, outsideOf([schema.const]));

  if (types.includes("array") && mode === "json") {
    if (typeof schema.minItems === "number" && schema.minItems > 0) add(`fewer than minItems ${schema.minItems}`, []);
    const item = exampleOf(schema.items) ?? null;
    if (typeof schema.maxItems === "number")
      add(
        `more than maxItems ${schema.maxItems}`,
        Array.from({ length: schema.maxItems + 1 }, () => item),
      );
  }
  return out;
}

/** A value of the same kind as the allowed ones that is none of them. */
function outsideOf(allowed: unknown[]): unknown {
  if (allowed.every((value) => typeof value === "number")) return Math.max(...(allowed as number[])) + 1;
  const first = allowed.find((value): value is string => typeof value === "string");
  if (first === undefined) return "not-an-allowed-value";
  let candidate = "unknown";
  while (allowed.includes(candidate)) candidate = `${candidate}_value`;
  return candidate;
}
