// unwrap() and throwOnError turn every non-2xx into the typed error for its status, with the vendor's
// code, type and message parsed per vendor, the request id, and the body, whatever the body is.
import { describe, expect, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  ConflictError,
  createCommetClient,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  unwrap,
  ValidationError,
} from "../../src/commet/index.js";
import { createOnetClient } from "../../src/onet/index.js";
import { createCloudPlansClient } from "../../src/cloudplans/index.js";
import { MAX_ERROR_BODY_BYTES } from "../../src/core/policy-options.js";
import { json, scriptedFetch } from "../helpers/scripted-fetch.js";

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

const commetError = (code: string, type: string) => ({ success: false, error: { type, code, message: `${code} happened`, details: null } });

describe("unwrap on Commet results", () => {
  it.each([
    [400, ValidationError, "validation_error"],
    [401, AuthenticationError, "authentication_error"],
    [403, PermissionDeniedError, "authentication_error"],
    [404, NotFoundError, "not_found_error"],
    [409, ConflictError, "conflict_error"],
    [429, RateLimitError, "rate_limit_error"],
    [500, ServerError, "internal_error"],
    [503, ServerError, "internal_error"],
    [402, ApiError, "billing_error"],
  ] as const)("maps %i to %s with the envelope's code, type and message and the request id", async (status, ErrorClass, type) => {
    const server = scriptedFetch(json(status, commetError("some_code", type), { "x-request-id": "req_abc123" }));
    const result = await createCommetClient({ apiKey: "ck_sandbox_e", fetch: server.fetch, retries: 0 }).GET("/addons/{id}", { params: { path: { id: "x" } } });
    const error = caught(() => unwrap(result)) as ApiError;
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ vendor: "Commet", status, code: "some_code", type, requestId: "req_abc123", request: "GET /api/v1/addons/x" });
    expect(error.message).toBe(`Commet answered ${status} to GET /api/v1/addons/x: some_code: some_code happened (request id req_abc123)`);
    expect(error.body).toEqual(commetError("some_code", type));
  });

  it("returns the data of a 2xx", async () => {
    const server = scriptedFetch(json(200, { success: true, data: [], hasMore: false }));
    expect(unwrap(await createCommetClient({ apiKey: "ck_sandbox_e", fetch: server.fetch }).GET("/addons"))).toEqual({
      success: true,
      data: [],
      hasMore: false,
    });
  });
});

describe("each vendor's error body", () => {
  it("OnetSolutions: DRF's detail, and a field map as a validation message", async () => {
    const server = scriptedFetch(
      json(404, { detail: "Not found." }),
      json(400, { billing_cycle: ['"weekly" is not a valid choice.'], addon_id: ["This field is required."] }),
    );
    const client = createOnetClient({ token: "sk-onetsolutions-e", fetch: server.fetch, retries: 0 });
    const notFound = await client.GET("/v1/organizations");
    expect(caught(() => unwrap(notFound))).toMatchObject({ name: "NotFoundError", vendor: "OnetSolutions", status: 404, code: undefined });
    expect((caught(() => unwrap(notFound)) as Error).message).toContain("Not found.");
    const invalid = await client.GET("/v1/organizations");
    const error = caught(() => unwrap(invalid)) as ValidationError;
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('billing_cycle: "weekly" is not a valid choice.; addon_id: This field is required.');
  });

  it("Cloud Plans: the {status, error, message} envelope", async () => {
    const server = scriptedFetch(json(403, { status: 403, error: "forbidden", message: "The viewer role may not do this." }));
    const client = createCloudPlansClient({ token: "cp-e", baseUrl: "https://cloudplans.test", fetch: server.fetch });
    const result = await client.billingUpdate({ action: "cancelsubscription", org_id: "org-acme" });
    expect(caught(() => unwrap(result))).toMatchObject({ name: "PermissionDeniedError", vendor: "Cloud Plans", code: "forbidden", status: 403 });
  });
});

describe("bodies that are not the vendor's JSON", () => {
  it("keeps an HTML page from a proxy as text, never a parse crash", async () => {
    const html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    const server = scriptedFetch(new Response(html, { status: 502, headers: { "content-type": "text/html" } }));
    const result = await createCommetClient({ apiKey: "ck_sandbox_e", fetch: server.fetch, retries: 0 }).GET("/addons");
    const error = caught(() => unwrap(result)) as ServerError;
    expect(error).toBeInstanceOf(ServerError);
    expect(error.body).toBe(html);
    expect(error.code).toBeUndefined();
  });

  it("gives an empty error body an ApiError too", async () => {
    const server = scriptedFetch(new Response(null, { status: 404 }));
    const result = await createCommetClient({ apiKey: "ck_sandbox_e", fetch: server.fetch }).GET("/addons");
    expect(caught(() => unwrap(result))).toBeInstanceOf(NotFoundError);
  });

  it("reads at most 64 KiB of an error body", async () => {
    const huge = `<html>${"x".repeat(5 * 1024 * 1024)}</html>`;
    const server = scriptedFetch(new Response(huge, { status: 500 }));
    const result = await createCommetClient({ apiKey: "ck_sandbox_e", fetch: server.fetch, retries: 0 }).GET("/addons");
    const error = caught(() => unwrap(result)) as ServerError;
    expect(typeof error.body).toBe("string");
    expect((error.body as string).length).toBe(MAX_ERROR_BODY_BYTES);
    expect((error.body as string).startsWith("<html>xxx")).toBe(true);
  });

  it("turns a 2xx body that is not JSON into an ApiError that keeps the text", async () => {
    const server = scriptedFetch(new Response('{"success": true, "data": [', { status: 200, headers: { "content-type": "application/json" } }));
    const error = await createCommetClient({ apiKey: "ck_sandbox_e", fetch: server.fetch })
      .GET("/addons")
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 200, code: "invalid_json_response", body: '{"success": true, "data": [' });
  });
});

describe("throwOnError", () => {
  it("throws the typed error instead of returning { error }", async () => {
    const server = scriptedFetch(json(409, commetError("feature_already_exists", "conflict_error")));
    const client = createCommetClient({ apiKey: "ck_sandbox_e", fetch: server.fetch, throwOnError: true });
    await expect(client.POST("/addons", { body: { name: "x", basePrice: 1, featureId: "f", consumptionModel: "boolean" } })).rejects.toMatchObject({
      name: "ConflictError",
      code: "feature_already_exists",
    });
  });

  it("still returns 2xx results as usual", async () => {
    const server = scriptedFetch(json(200, { success: true, data: [], hasMore: false }));
    const client = createCommetClient({ apiKey: "ck_sandbox_e", fetch: server.fetch, throwOnError: true });
    expect((await client.GET("/addons")).data).toEqual({ success: true, data: [], hasMore: false });
  });

  it("is refused when not a boolean, naming the option", () => {
    expect(() => createCommetClient({ apiKey: "ck_sandbox_e", throwOnError: "yes" as never })).toThrow(/option "throwOnError"/);
  });
});
