// The fast-check arbitraries built from the specs' schemas produce only values Ajv accepts: every request
// body and every parameter of all three specs, over a few hundred samples each, and whole requests.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryFor, parameterArbitrary, requestArbitrary } from "../../src/contract/cases/arbitraries.js";
import { baselineRequest, requestBodyOf, requestProblems, valuesAt } from "../../src/contract/cases/request-base.js";
import { API_NAMES } from "../../src/spec/apis.js";
import { getOperations } from "../../src/spec/operations.js";
import { validateBody, validateParameters } from "../../src/spec/validator.js";

const SEED = 20261121;
const SAMPLES = 300;

const operations = API_NAMES.flatMap((api) => getOperations(api).operations.map((operation) => ({ api, operation })));
const bodies = operations.flatMap(({ api, operation }) => {
  const schema = requestBodyOf(operation)?.schema;
  return schema ? [[`${api} ${operation.operationId}`, schema] as const] : [];
});
const parameters = operations.flatMap(({ api, operation }) =>
  operation.parameters
    .filter((parameter) => parameter.in !== "cookie")
    .map((parameter) => [`${api} ${operation.operationId} ${parameter.in}.${parameter.name}`, operation, parameter] as const),
);

describe("every request body schema", () => {
  it.each(bodies)("%s: generated bodies validate", (_, schema) => {
    fc.assert(
      fc.property(arbitraryFor(schema), (body) => {
        const result = validateBody(schema, body);
        if (!result.valid) throw new Error(`${JSON.stringify(body)}: ${JSON.stringify(result.errors)}`);
      }),
      { seed: SEED, numRuns: SAMPLES },
    );
  });
});

describe("every parameter", () => {
  it.each(parameters)("%s: generated values validate as sent (text)", (_, operation, parameter) => {
    const others = valuesAt(baselineRequest(operation), parameter.in as "path" | "query" | "header");
    fc.assert(
      fc.property(parameterArbitrary(parameter), (value) => {
        expect(typeof value).toBe("string");
        const key = parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name;
        const values = Object.fromEntries(
          Object.entries({ ...others, [parameter.name]: value }).map(([name, text]) => [parameter.in === "header" ? name.toLowerCase() : name, text]),
        );
        const result = validateParameters(parameter.in, operation.parameters, values);
        if (!result.valid) throw new Error(`${key}=${JSON.stringify(value)}: ${JSON.stringify(result.errors)}`);
        if (parameter.in === "header") expect(value).toMatch(/^[\x21-\x7e]+$/);
        if (parameter.in === "path") expect(value).not.toMatch(/^$|^\.{1,2}$/);
      }),
      { seed: SEED, numRuns: SAMPLES },
    );
  });
});

describe("whole requests", () => {
  it.each(operations.map(({ api, operation }) => [`${api} ${operation.operationId}`, operation] as const))(
    "%s: generated requests are valid",
    (_, operation) => {
      fc.assert(
        fc.property(requestArbitrary(operation), (request) => {
          expect(requestProblems(operation, request)).toEqual([]);
        }),
        { seed: SEED, numRuns: 100 },
      );
    },
  );

  it("are the same for the same seed", () => {
    const operation = getOperations("cloudplans").byId("createCredential");
    const sample = (seed: number) => fc.sample(requestArbitrary(operation), { seed, numRuns: 50 });
    expect(sample(SEED)).toEqual(sample(SEED));
    expect(sample(SEED + 1)).not.toEqual(sample(SEED));
  });
});

describe("the schema features the specs use", () => {
  const sample = <T>(arbitrary: fc.Arbitrary<T>, numRuns = 500) => fc.sample(arbitrary, { seed: SEED, numRuns });

  it("mixes in the schema's example, so that requests often name real resources", () => {
    const schema = requestBodyOf(getOperations("commet").byId("createAddon"))!.schema!;
    const example = getOperations("commet").byId("createAddon").object.requestBody!.content["application/json"]!.schema!.example;
    const values = sample(arbitraryFor(schema));
    const names = values.map((value) => (value as { name: string }).name);
    expect(names).toContain("Priority support");
    expect(new Set(names).size).toBeGreaterThan(50);
    if (example !== undefined) expect(values).toContainEqual(example);
  });

  it("takes both sides of a type array with null, and keeps a oneOf to exactly one branch", () => {
    const schema = requestBodyOf(getOperations("commet").byId("createSubscription"))!.schema!;
    const values = sample(arbitraryFor(schema)) as Record<string, unknown>[];
    expect(values.some((value) => value.billingInterval === null)).toBe(true);
    expect(values.some((value) => typeof value.billingInterval === "string")).toBe(true);
    for (const value of values) expect(("planId" in value ? 1 : 0) + ("planCode" in value ? 1 : 0)).toBe(1);
  });

  it("satisfies an anyOf of required keys, and a const per oneOf branch", () => {
    const update = sample(arbitraryFor(requestBodyOf(getOperations("commet").byId("updateFeature"))!.schema!)) as Record<string, unknown>[];
    for (const value of update) expect(["name", "description", "unitName"].some((name) => name in value)).toBe(true);
    const credentials = sample(arbitraryFor(requestBodyOf(getOperations("cloudplans").byId("createCredential"))!.schema!)) as { type: string }[];
    expect(new Set(credentials.map((value) => value.type))).toEqual(new Set(["aws", "azure", "gcp"]));
  });

  it("keeps numbers inside inclusive and exclusive bounds, and strings inside their lengths", () => {
    for (const schema of [
      { type: "integer", minimum: 1, maximum: 23 },
      { type: "integer", exclusiveMinimum: 0, exclusiveMaximum: 3 },
      { type: "number", exclusiveMinimum: 0.5, maximum: 1 },
      { type: ["string", "null"], minLength: 2, maxLength: 4 },
      { type: "array", items: { type: "string", minLength: 1 }, minItems: 1, maxItems: 2 },
    ]) {
      for (const value of sample(arbitraryFor(schema), 300))
        expect(validateBody(schema, value), `${JSON.stringify(schema)}: ${JSON.stringify(value)}`).toEqual({ valid: true });
    }
  });

  it("generates formats and patterns Ajv accepts, and keys from additionalProperties", () => {
    for (const format of ["uuid", "email", "date-time", "date", "uri"]) {
      const schema = { type: "string", format, maxLength: 200 };
      for (const value of sample(arbitraryFor(schema), 300)) expect(validateBody(schema, value), `${format}: ${String(value)}`).toEqual({ valid: true });
    }
    const seats = { type: "object", additionalProperties: { type: "integer", minimum: 0 } };
    const values = sample(arbitraryFor(seats)) as Record<string, number>[];
    expect(values.some((value) => Object.keys(value).length > 0)).toBe(true);
    for (const value of values) for (const count of Object.values(value)) expect(Number.isInteger(count) && count >= 0).toBe(true);
  });
});
