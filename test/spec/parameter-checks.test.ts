// The mock's compiled parameter checks answer exactly as validateParameters does, including the short
// way taken when a location carries none of its declared parameters.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getOperations } from "../../src/spec/operations.js";
import { parameterChecks, validateParameters } from "../../src/spec/validator.js";

const LOCATIONS = ["path", "query", "header"] as const;
/** Values that pass and values that fail the specs' parameter schemas: numbers, dates, enums, ids, junk. */
const VALUE = fc.constantFrom("1", "25", "-3", "abc", "", "2026-07-11", "latest", "true", "active", "adn_7Hq2LmZp4Rt9VxKc", "1e3", " ");

describe("parameterChecks", () => {
  for (const api of ["commet", "onet", "cloudplans"] as const) {
    it(`agrees with validateParameters on every ${api} operation`, () => {
      for (const operation of getOperations(api).operations) {
        const checks = parameterChecks(operation.parameters);
        for (const location of LOCATIONS) {
          const declared = operation.parameters.filter((parameter) => parameter.in === location);
          const check = checks.find((candidate) => candidate.location === location);
          expect(check === undefined, `${operation.operationId} ${location}`).toBe(declared.length === 0);
          if (!check) continue;
          const names = declared.map((parameter) => (location === "header" ? parameter.name.toLowerCase() : parameter.name));
          fc.assert(
            fc.property(fc.dictionary(fc.constantFrom(...names, "unrelated"), VALUE), (values) => {
              expect(check.check({ ...values })).toEqual(validateParameters(location, operation.parameters, { ...values }));
            }),
            { numRuns: 40 },
          );
        }
      }
    });
  }
});
