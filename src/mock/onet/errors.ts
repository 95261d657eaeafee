/**
 * OnetSolutions error bodies, as Django REST Framework renders them: `{"detail": "..."}` for 401, 403,
 * 404, 405, 429 and 5xx (and for a business rule that refuses a request), a field map
 * `{"field": ["message"]}` for a 400 validation error. Also the mock's choice of status for each
 * generic failure: a path id that is not a UUID is "no such object" (404), as the notes assume.
 */
import { MockError } from "../mock-error.js";
import type { GenericErrors } from "../types.js";
import type { FieldError } from "../../spec/validator.js";
import { getOperations } from "../../spec/operations.js";

/** A DRF validation error: field name to messages; nested fields nest; whole-body errors go under `non_field_errors`. */
export type FieldMap = { [field: string]: string[] | FieldMap };

const NON_FIELD_ERRORS = "non_field_errors";

/** DRF sends a challenge with every 401, so that the client knows which scheme to use. */
const CHALLENGE = { "www-authenticate": 'Bearer realm="api"' };

export const onetErrors = {
  /** DRF's AuthenticationFailed as TokenAuthentication words it: a Bearer credential was sent, but no such token. */
  invalidToken: () => new MockError(401, "authentication_failed", "Invalid token.", { headers: CHALLENGE }),
  notFound: () => new MockError(404, "not_found", "Not found."),
  /** DRF PageNumberPagination's answer to a page past the end (or not a page number at all). */
  invalidPage: () => new MockError(404, "not_found", "Invalid page."),
  permissionDenied: () => new MockError(403, "permission_denied", "You do not have permission to perform this action."),
  /** A business rule refused the request; DRF views raise these as `{"detail": "..."}`. */
  rule: (message: string) => new MockError(400, "rule", message),
  /** A validation error on named fields. */
  fields: (map: FieldMap) => new MockError(400, "invalid", "Invalid input.", { details: map }),
  field: (field: string, message: string) => onetErrors.fields({ [field]: [message] }),
};

export function renderOnetError(error: MockError): unknown {
  if (error.code === "invalid") return error.extra.details;
  if (error.code === "throttled") {
    // The server adds Retry-After after the error is made, so the wait is read back here.
    const wait = error.extra.headers?.["retry-after"];
    return { detail: wait === undefined ? "Request was throttled." : `Request was throttled. Expected available in ${wait} second${wait === "1" ? "" : "s"}.` };
  }
  return { detail: error.message };
}

/**
 * Ajv's messages in DRF's words, first match wins. `input` is the offending value, for the messages
 * that echo it.
 */
const DRF_MESSAGES: readonly [RegExp, (match: RegExpExecArray, input: unknown) => string][] = [
  [/^must have required property/, () => "This field is required."],
  [/^must match format "uuid"$/, () => "Must be a valid UUID."],
  [/^must match format "email"$/, () => "Enter a valid email address."],
  [/^must be equal to one of the allowed values$/, (_, input) => `"${String(input)}" is not a valid choice.`],
  [/^must be boolean$/, () => "Must be a valid boolean."],
  [/^must be integer$/, () => "A valid integer is required."],
  [/^must be number$/, () => "A valid number is required."],
  [/^must be string/, () => "Not a valid string."],
  [/^must NOT have more than (\d+) characters$/, (match) => `Ensure this field has no more than ${match[1]} characters.`],
  [/^must NOT have fewer than (\d+) characters$/, (match) => `Ensure this field has at least ${match[1]} characters.`],
  [/^must be >= (-?\d+)$/, (match) => `Ensure this value is greater than or equal to ${match[1]}.`],
  [/^must be <= (-?\d+)$/, (match) => `Ensure this value is less than or equal to ${match[1]}.`],
];

/** Python's names for JSON types, as DRF's "Expected a dictionary, but got list." says them. */
function pythonType(value: unknown): string {
  if (value === null) return "NoneType";
  if (Array.isArray(value)) return "list";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  return "dict";
}

function valueAt(input: unknown, path: string[]): unknown {
  let value = input;
  for (const segment of path) value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[segment] : undefined;
  return value;
}

function drfMessage(error: FieldError, input: unknown): string {
  const path = error.field === "" ? [] : error.field.split(".");
  if (path.length === 0 && error.message === "must be object") return `Invalid data. Expected a dictionary, but got ${pythonType(input)}.`;
  for (const [pattern, message] of DRF_MESSAGES) {
    const match = pattern.exec(error.message);
    if (match) return message(match, valueAt(input, path));
  }
  return error.message;
}

/** Ajv errors as a DRF field map: one message per field (DRF stops at a field's first failure). */
export function toFieldMap(errors: FieldError[], input: unknown): FieldMap {
  const map: FieldMap = {};
  for (const error of errors) {
    const path = error.field === "" ? [NON_FIELD_ERRORS] : error.field.split(".");
    let node = map;
    for (const segment of path.slice(0, -1)) {
      const next = node[segment];
      if (next !== undefined && !Array.isArray(next)) node = next;
      else {
        const created: FieldMap = {};
        node[segment] = created;
        node = created;
      }
    }
    const leaf = path.at(-1)!;
    if (node[leaf] === undefined) node[leaf] = [drfMessage(error, input)];
  }
  return map;
}

/**
 * Which failed parameters mean "no such object" (404) rather than "bad input" (400): a path id that
 * is not a UUID cannot name an object, and DRF's paginator answers any bad `page` with "Invalid page.".
 */
const NOT_FOUND_WHEN: Partial<Record<"path" | "query" | "header" | "body", (error: FieldError) => boolean>> = {
  path: (error) => error.message === 'must match format "uuid"',
  query: (error) => error.field === "page",
};

const INJECTED: Record<number, () => MockError> = {
  400: () => new MockError(400, "rule", "Bad request."),
  401: () => onetGenericErrors.unauthorized(),
  403: () => onetErrors.permissionDenied(),
  404: () => onetErrors.notFound(),
  429: () => new MockError(429, "throttled", "Request was throttled."),
};

export const onetGenericErrors: GenericErrors = {
  /** DRF's NotAuthenticated: no Bearer credential at all (a wrong one is `onetErrors.invalidToken`). */
  unauthorized: () => new MockError(401, "not_authenticated", "Authentication credentials were not provided.", { headers: CHALLENGE }),
  // A path that exists with another method is DRF's 405; anything else is 404.
  routeNotFound: (path) => (getOperations("onet").hasPath(path) ? new MockError(405, "method_not_allowed", "Method not allowed.") : onetErrors.notFound()),
  invalidJson: () => new MockError(400, "parse_error", "JSON parse error - Expecting value"),
  validation: (location, errors, input) => {
    const notFound = NOT_FOUND_WHEN[location];
    if (notFound && errors.some(notFound)) return location === "query" ? onetErrors.invalidPage() : onetErrors.notFound();
    if (errors.length === 1 && errors[0]!.message === "a JSON body is required") return onetErrors.fields({ [NON_FIELD_ERRORS]: ["No data provided"] });
    return onetErrors.fields(toFieldMap(errors, input));
  },
  injected: (status) => INJECTED[status]?.() ?? new MockError(status, "error", status >= 500 ? "A server error occurred." : `Error ${status}.`),
  internal: () => new MockError(500, "error", "A server error occurred."),
  // 400 `{"detail"}`, a rule failure, as a DRF view raises a quota: 400 is documented for every
  // operation; 403 means a missing permission there, and clients retry 429, which frees nothing.
  full: (message) => onetErrors.rule(message),
};
