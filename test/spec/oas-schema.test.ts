// An independent check of the specs: the official OpenAPI 3.1 JSON schema, through
// @seriousme/openapi-schema-validator (not Redocly, not openapi-typescript), on every spec as written.
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { API_NAMES } from "../../src/spec/apis.js";
import { getDocument } from "../../src/spec/document.js";

const specFile = (api: string) => new URL(`../../specs/${api}/openapi.yaml`, import.meta.url).pathname;

describe("every spec passes the official OAS 3.1 JSON schema", () => {
  it.each(API_NAMES)("%s", async (api) => {
    const validator = new Validator();
    const result = await validator.validate(specFile(api));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("fails a spec that breaks the OAS schema (a response without its required description)", async () => {
    // The dereferenced bundle is an OAS document too: it passes as it is, and fails once broken.
    const spec = structuredClone(getDocument("commet")) as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, Record<string, unknown>> }>>;
    };
    expect((await new Validator().validate(structuredClone(spec))).valid).toBe(true);
    delete spec.paths["/addons"]!.get!.responses["200"]!.description;
    const result = await new Validator().validate(spec);
    expect(result.valid).toBe(false);
  });
});
