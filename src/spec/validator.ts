/**
 * JSON Schema 2020-12 validation (Ajv) of the schemas in a spec: request bodies and parameters in the
 * mock servers, responses in the contract runner. Compiled validators are cached per schema object.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import ajvFormats from "ajv-formats";
import type { JsonSchema, ParameterObject } from "./document.js";
import { pointerTokens } from "./json-pointer.js";

/** OpenAPI keywords and our extensions that may sit in a schema; anything else unknown is a spec bug. */
const ANNOTATIONS = ["example", "x-assumed", "x-doc-discrepancy", "xml", "externalDocs", "discriminator"];

export interface FieldError {
  /** Dotted path of the field at fault (`name`, `items.0.id`); empty for the whole value. */
  field: string;
  message: string;
}

export type Validation = { valid: true } | { valid: false; errors: FieldError[] };

function createAjv(coerceTypes: boolean): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, coerceTypes, allowUnionTypes: true });
  ajv.addVocabulary(ANNOTATIONS);
  // ajv-formats is CommonJS: its default export arrives as the module object under NodeNext typing.
  const addFormats = ((ajvFormats as unknown as { default?: typeof ajvFormats }).default ?? ajvFormats) as unknown as (ajv: Ajv2020) => void;
  addFormats(ajv);
  return ajv;
}

/** Bodies are JSON: types must match exactly. */
const bodies = createAjv(false);
/** Path, query and header values arrive as strings: "25" may satisfy `type: integer`. */
const parameters = createAjv(true);

const compiled = new WeakMap<object, ValidateFunction>();

function compile(ajv: Ajv2020, schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

/** Schema keywords that leave any non-empty string valid (with `type: string`, `minLength` at most 1). */
const ANY_TEXT_KEYWORDS = new Set(["type", "minLength", "description", "example", "examples", "x-assumed", "x-doc-discrepancy", "title"]);

/** One answer for every valid value: a request path allocates nothing for it. */
const VALID: Validation = Object.freeze({ valid: true });

export function validateBody(schema: JsonSchema, value: unknown): Validation {
  const validate = compile(bodies, schema);
  return validate(value) ? VALID : { valid: false, errors: toFieldErrors(validate.errors ?? []) };
}

/**
 * Validates one location's parameters (`query`, `path` or `header`). `values` holds raw strings and is
 * coerced in place (e.g. `limit: "25"` becomes 25). Header names are compared in lower case.
 */
export function validateParameters(location: ParameterObject["in"], declared: ParameterObject[], values: Record<string, unknown>): Validation {
  return locationCheck(location, declared)?.(values) ?? VALID;
}

/** The check of one location's parameters, as `validateParameters` makes it. */
export interface ParameterCheck {
  location: "path" | "query" | "header";
  check(values: Record<string, unknown>): Validation;
}

/**
 * An operation's parameter checks, path then query then header, for the locations where it declares
 * any: a mock server keeps them per operation, so that a request looks nothing up.
 */
export function parameterChecks(declared: ParameterObject[]): ParameterCheck[] {
  return (["path", "query", "header"] as const).flatMap((location) => {
    const check = locationCheck(location, declared);
    return check ? [{ location, check }] : [];
  });
}

type Check = (values: Record<string, unknown>) => Validation;

// Keyed by the operation's parameter list (a stable object), so each check is built and compiled once.
const checkCache = new WeakMap<ParameterObject[], Map<string, Check | undefined>>();

function locationCheck(location: ParameterObject["in"], declared: ParameterObject[]): Check | undefined {
  let byLocation = checkCache.get(declared);
  if (!byLocation) {
    byLocation = new Map();
    checkCache.set(declared, byLocation);
  }
  if (!byLocation.has(location)) {
    const own = declared.filter((parameter) => parameter.in === location);
    const key = (name: string) => (location === "header" ? name.toLowerCase() : name);
    byLocation.set(location, own.length === 0 ? undefined : buildCheck(location, buildParameterSchema(own, key)));
  }
  return byLocation.get(location);
}

/**
 * The Ajv validator of one location's schema, with two short ways that give its answer without
 * running it (the mock calls this on every request).
 */
function buildCheck(location: ParameterObject["in"], schema: JsonSchema): Check {
  const validate = compile(parameters, schema);
  const properties = schema.properties as Record<string, JsonSchema>;
  const names = Object.keys(properties);
  // With none of its parameters given and none required, a location is valid whatever else it holds
  // (the schema constrains only the parameters it names): most requests send no optional header.
  const optional = (schema.required as string[]).length === 0;
  // A path parameter the router matched is a non-empty string: a schema asking no more always passes.
  const anyText =
    location === "path" &&
    Object.values(properties).every(
      (property) =>
        Object.keys(property).every((keyword) => ANY_TEXT_KEYWORDS.has(keyword)) && property.type === "string" && Number(property.minLength ?? 0) <= 1,
    );
  return (values) => {
    if (anyText && names.every((name) => typeof values[name] === "string" && values[name] !== "")) return VALID;
    if (optional && names.every((name) => values[name] === undefined)) return VALID;
    return validate(values) ? VALID : { valid: false, errors: toFieldErrors(validate.errors ?? []) };
  };
}

function buildParameterSchema(own: ParameterObject[], key: (name: string) => string): JsonSchema {
  return {
    type: "object",
    properties: Object.fromEntries(own.map((parameter) => [key(parameter.name), parameter.schema ?? {}])),
    required: own.filter((parameter) => parameter.required).map((parameter) => key(parameter.name)),
  };
}

function toFieldErrors(errors: ErrorObject[]): FieldError[] {
  return errors.map((error) => {
    const segments = pointerTokens(error.instancePath);
    if (error.keyword === "required") segments.push(String((error.params as { missingProperty: string }).missingProperty));
    if (error.keyword === "additionalProperties") segments.push(String((error.params as { additionalProperty: string }).additionalProperty));
    return { field: segments.join("."), message: error.message ?? error.keyword };
  });
}
