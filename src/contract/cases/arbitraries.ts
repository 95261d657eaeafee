/**
 * fast-check arbitraries for the JSON Schema subset the specs use, producing values Ajv accepts, and
 * for whole requests of an operation. Examples are mixed in so that requests often reach real resources.
 */
import fc from "fast-check";
import type { JsonSchema, ParameterObject } from "../../spec/document.js";
import type { Operation } from "../../spec/operations.js";
import { asText, baselineRequest, requestBodyOf, type CaseRequest } from "./request-base.js";
import { accepts, branchesOf, foldAllOf, isSchema, typesOf } from "./schema-tools.js";

/** Where a value goes: a JSON body, or a path, query or header value (sent as text). */
export type ArbitraryMode = "json" | "path" | "query" | "header";

/** Past this depth, objects get only their required keys and arrays their fewest items. */
const MAX_DEPTH = 5;
/** Arrays without maxItems stay short: a request, not a load test. */
const EXTRA_ITEMS = 4;

export function arbitraryFor(schema: unknown, mode: ArbitraryMode = "json", depth = 0): fc.Arbitrary<unknown> {
  if (schema === true || schema === undefined) return anyValue(mode);
  if (!isSchema(schema)) throw new Error(`no value satisfies the schema ${JSON.stringify(schema)}`);
  return withExamples(schema, mode, structural(schema, mode, depth));
}

/** The schema's example (and `examples`) as constants next to the generated values, when valid. */
function withExamples(schema: JsonSchema, mode: ArbitraryMode, arbitrary: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const candidates = ["example" in schema ? [schema.example] : [], Array.isArray(schema.examples) ? schema.examples : []].flat();
  const usable = candidates.filter((example) => example !== undefined && fitsMode(example, mode) && accepts(schema, example) === true);
  return usable.length === 0 ? arbitrary : fc.oneof(fc.constantFrom(...usable), arbitrary);
}

function fitsMode(value: unknown, mode: ArbitraryMode): boolean {
  if (mode === "json") return true;
  const text = asText(value);
  return mode === "header" ? /^[\x21-\x7e]+$/.test(text) : mode === "path" ? pathSafe(text) : true;
}

/** A path segment that the URL parser keeps as it is: not empty, not a dot segment. */
function pathSafe(text: string): boolean {
  return text !== "" && !/^(\.|%2e){1,2}$/i.test(text);
}

function structural(schema: JsonSchema, mode: ArbitraryMode, depth: number): fc.Arbitrary<unknown> {
  const folded = foldAllOf(schema);
  if ("const" in folded) return fc.constant(folded.const);
  if (Array.isArray(folded.enum)) return fc.constantFrom(...(folded.enum as unknown[]));
  const branches = branchesOf(folded);
  if (branches) {
    const alternatives = fc.oneof(...branches.map((branch) => arbitraryFor(branch, mode, depth)));
    // A value may fit two branches (an optional key of one is the other's required one); oneOf wants exactly one.
    return Array.isArray(folded.oneOf) ? alternatives.filter((value) => accepts(folded, value) !== false) : alternatives;
  }
  const types = typesOf(folded);
  const inferred = types.length > 0 ? types : folded.properties ? ["object"] : [];
  if (inferred.length === 0) return anyValue(mode);
  return fc.oneof(...inferred.map((type) => typed(folded, type, mode, depth)));
}

function typed(schema: JsonSchema, type: string, mode: ArbitraryMode, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return integers(schema);
    case "number":
      return fc.double({ ...bounds(schema), noNaN: true, noDefaultInfinity: true });
    case "string":
      return stringArbitrary(schema, mode);
    case "array":
      return arrayArbitrary(schema, mode, depth);
    case "object":
      return objectArbitrary(schema, mode, depth);
    default:
      throw new Error(`unsupported schema type ${JSON.stringify(type)}`);
  }
}

/** The range a number schema allows; exclusive bounds as fast-check's `minExcluded`/`maxExcluded`. */
function bounds(schema: JsonSchema): { min?: number; max?: number; minExcluded: boolean; maxExcluded: boolean } {
  const minExcluded = typeof schema.exclusiveMinimum === "number";
  const maxExcluded = typeof schema.exclusiveMaximum === "number";
  const min = minExcluded ? schema.exclusiveMinimum : schema.minimum;
  const max = maxExcluded ? schema.exclusiveMaximum : schema.maximum;
  return { ...(typeof min === "number" ? { min } : {}), ...(typeof max === "number" ? { max } : {}), minExcluded, maxExcluded };
}

function integers(schema: JsonSchema): fc.Arbitrary<number> {
  const { min, max, minExcluded, maxExcluded } = bounds(schema);
  return fc.integer({
    ...(min !== undefined ? { min: Math.floor(min) + (minExcluded || !Number.isInteger(min) ? 1 : 0) } : {}),
    ...(max !== undefined ? { max: Math.ceil(max) - (maxExcluded || !Number.isInteger(max) ? 1 : 0) } : {}),
  });
}

const FORMATS: Record<string, () => fc.Arbitrary<string>> = {
  uuid: () => fc.uuid(),
  email: () => fc.emailAddress(),
  "date-time": () => dates().map((date) => date.toISOString()),
  date: () => dates().map((date) => date.toISOString().slice(0, 10)),
  uri: () => fc.webUrl(),
};

function dates(): fc.Arbitrary<Date> {
  return fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true });
}

/** Visible ASCII: what an HTTP header carries untouched (no spaces, which a server may trim). */
const HEADER_CHAR = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code));

function stringArbitrary(schema: JsonSchema, mode: ArbitraryMode): fc.Arbitrary<string> {
  const minLength = Math.max(typeof schema.minLength === "number" ? schema.minLength : 0, mode === "path" ? 1 : 0);
  const maxLength = typeof schema.maxLength === "number" ? schema.maxLength : undefined;
  const length = { minLength, ...(maxLength !== undefined ? { maxLength } : {}) };
  const format = typeof schema.format === "string" ? FORMATS[schema.format] : undefined;
  let base: fc.Arbitrary<string>;
  if (format) base = format();
  else if (typeof schema.pattern === "string") base = fc.stringMatching(new RegExp(schema.pattern), maxLength !== undefined ? { maxLength } : {});
  else if (mode === "header") base = fc.string({ ...length, unit: HEADER_CHAR });
  // Mostly printable ASCII, sometimes any code point: servers must cope with both.
  else base = fc.oneof({ arbitrary: fc.string(length), weight: 3 }, { arbitrary: fc.string({ ...length, unit: "binary" }), weight: 1 });
  // Ajv counts code points; formats and patterns do not know the bounds.
  return base.filter((value) => {
    const count = [...value].length;
    return count >= minLength && (maxLength === undefined || count <= maxLength) && (mode !== "path" || pathSafe(value));
  });
}

function arrayArbitrary(schema: JsonSchema, mode: ArbitraryMode, depth: number): fc.Arbitrary<unknown[]> {
  const minLength = typeof schema.minItems === "number" ? schema.minItems : 0;
  const limit = depth >= MAX_DEPTH ? minLength : minLength + EXTRA_ITEMS;
  const maxLength = typeof schema.maxItems === "number" ? Math.min(schema.maxItems, limit) : limit;
  const items = arbitraryFor(schema.items, mode, depth + 1);
  return schema.uniqueItems === true
    ? fc.uniqueArray(items, { minLength, maxLength, selector: (value) => JSON.stringify(value) })
    : fc.array(items, { minLength, maxLength });
}

function objectArbitrary(schema: JsonSchema, mode: ArbitraryMode, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const names = [...new Set([...Object.keys(properties), ...required])].filter((name) => depth < MAX_DEPTH || required.includes(name));
  const model = Object.fromEntries(names.map((name) => [name, arbitraryFor(properties[name] ?? true, mode, depth + 1)]));
  const known = fc.record(model, { requiredKeys: required.filter((name) => names.includes(name)), noNullPrototype: true });
  const extra = extraProperties(schema, properties, mode, depth);
  return extra ? fc.tuple(known, extra).map(([own, more]) => ({ ...more, ...own })) : known;
}

/** Keys beyond `properties`: from an `additionalProperties` schema, or free-form when it is `true` and there are no properties. */
function extraProperties(schema: JsonSchema, properties: JsonSchema, mode: ArbitraryMode, depth: number): fc.Arbitrary<Record<string, unknown>> | undefined {
  const additional = schema.additionalProperties;
  const free = additional === true && Object.keys(properties).length === 0;
  if (!isSchema(additional) && !free) return undefined;
  const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/).filter((name) => !(name in properties));
  return fc.dictionary(key, free ? anyValue(mode) : arbitraryFor(additional, mode, depth + 1), { maxKeys: 3, noNullPrototype: true });
}

function anyValue(mode: ArbitraryMode): fc.Arbitrary<unknown> {
  if (mode === "header") return fc.string({ minLength: 1, unit: HEADER_CHAR });
  if (mode === "path") return fc.string({ minLength: 1 }).filter(pathSafe);
  if (mode === "query") return fc.string();
  return fc.jsonValue({ maxDepth: 2 });
}

/** A parameter's value as it is sent; the parameter's own example is mixed in like a schema's. */
export function parameterArbitrary(parameter: ParameterObject): fc.Arbitrary<string> {
  const mode = parameter.in === "cookie" ? "header" : parameter.in;
  const values = arbitraryFor(parameter.schema ?? true, mode);
  const example = parameter.example;
  const own = example !== undefined && fitsMode(example, mode) && (parameter.schema === undefined || accepts(parameter.schema, example) === true);
  return (own ? fc.oneof(fc.constant(example), values) : values).map(asText);
}

// Arbitraries hold no state; one per operation keeps Ajv from compiling the merged branch schemas again.
const requestArbitraries = new WeakMap<Operation, fc.Arbitrary<CaseRequest>>();

/** Schema-valid requests for an operation: parameters from their schemas, the body from its schema. */
export function requestArbitrary(operation: Operation): fc.Arbitrary<CaseRequest> {
  let arbitrary = requestArbitraries.get(operation);
  if (!arbitrary) {
    arbitrary = buildRequestArbitrary(operation);
    requestArbitraries.set(operation, arbitrary);
  }
  return arbitrary;
}

function buildRequestArbitrary(operation: Operation): fc.Arbitrary<CaseRequest> {
  const location = (where: ParameterObject["in"]) => {
    const parameters = operation.parameters.filter((parameter) => parameter.in === where);
    const model = Object.fromEntries(parameters.map((parameter) => [parameter.name, parameterArbitrary(parameter)]));
    const requiredKeys = parameters.filter((parameter) => parameter.required || where === "path").map((parameter) => parameter.name);
    return fc.record(model, { requiredKeys, noNullPrototype: true }) as fc.Arbitrary<Record<string, string>>;
  };
  // The examples' path values together name resources that exist; drawn one by one, they rarely all do.
  const examplePath = baselineRequest(operation).path;
  const path = Object.keys(examplePath).length > 0 ? fc.oneof(fc.constant(examplePath), location("path")) : location("path");
  const spec = requestBodyOf(operation);
  const body: fc.Arbitrary<unknown> = !spec?.schema
    ? fc.constant(undefined)
    : spec.required
      ? arbitraryFor(spec.schema)
      : fc.option(arbitraryFor(spec.schema), { nil: undefined });
  return fc
    .record({ path, query: location("query"), headers: location("header"), body })
    .map(({ body: value, ...rest }) => (value === undefined ? rest : { ...rest, body: value }));
}
