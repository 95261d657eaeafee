// A credential that is missing, wrong or expired (AuthenticationError) and a valid one that may not do
// this (PermissionDeniedError) are two classes, so that "log in again" and "ask for access" are told
// apart without reading `status`: against each vendor's mock, and for the vendors' own error bodies.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthenticationError, createCloudPlansClient, PermissionDeniedError } from "../../src/cloudplans/index.js";
import { ApiError, createCommetClient, isSpecwrightError, unwrap } from "../../src/commet/index.js";
import { createOnetClient } from "../../src/onet/index.js";
import { CLOUDPLANS_IDS, CLOUDPLANS_TOKENS } from "../../src/mock/cloudplans/seed.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { jwt, SEED } from "../helpers/onet.js";
import { json, scriptedFetch } from "../helpers/scripted-fetch.js";

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a rejection"),
    (error: unknown) => error,
  );

describe("the two classes", () => {
  it("are distinct ApiErrors: neither is the other", () => {
    const details = { vendor: "Cloud Plans", status: 403, body: null, request: "POST /v1/organizations/billing/update" };
    const denied = new PermissionDeniedError(details);
    const unauthenticated = new AuthenticationError({ ...details, status: 401 });
    expect(denied).toBeInstanceOf(ApiError);
    expect(denied).not.toBeInstanceOf(AuthenticationError);
    expect(unauthenticated).not.toBeInstanceOf(PermissionDeniedError);
    expect(isSpecwrightError(denied)).toBe(true);
    expect(denied.name).toBe("PermissionDeniedError");
  });
});

describe("against the mocks", () => {
  const mocks: Record<string, MockServer> = {};
  beforeAll(async () => {
    [mocks.cloudplans, mocks.onet, mocks.commet] = await Promise.all([startMock("cloudplans"), startMock("onet"), startMock("commet")]);
  });
  afterAll(() => Promise.all(Object.values(mocks).map((mock) => mock.close())));

  const cloudplans = (token: string) => createCloudPlansClient({ token, baseUrl: mocks.cloudplans!.url, retries: 0 });

  it("Cloud Plans: a viewer calling billingUpdate gets PermissionDeniedError, an expired token AuthenticationError", async () => {
    const cancel = { action: "cancelsubscription", org_id: CLOUDPLANS_IDS.acme } as const;
    const denied = await rejection(Promise.resolve(cloudplans(CLOUDPLANS_TOKENS.viewer).billingUpdate(cancel)).then(unwrap));
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect(denied).not.toBeInstanceOf(AuthenticationError);
    expect(denied).toMatchObject({ status: 403, code: "forbidden" });
    const expired = await rejection(Promise.resolve(cloudplans(CLOUDPLANS_TOKENS.expired).billingUpdate(cancel)).then(unwrap));
    expect(expired).toBeInstanceOf(AuthenticationError);
    expect(expired).toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("Cloud Plans with throwOnError: billingUpdate rejects with the same class", async () => {
    const viewer = createCloudPlansClient({ token: CLOUDPLANS_TOKENS.viewer, baseUrl: mocks.cloudplans!.url, retries: 0, throwOnError: true });
    await expect(viewer.billingUpdate({ action: "getupdatecardlink", org_id: CLOUDPLANS_IDS.acme })).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it("OnetSolutions: a wrong token gets AuthenticationError, a token without the scope PermissionDeniedError", async () => {
    const wrong = createOnetClient({ token: "sk_live_not_an_onet_key", baseUrl: mocks.onet!.url, retries: 0, throwOnError: true });
    const unauthenticated = await rejection(wrong.GET("/v1/organizations"));
    expect(unauthenticated).toBeInstanceOf(AuthenticationError);
    expect(unauthenticated).toMatchObject({ status: 401, body: { detail: "Invalid token." } });
    const reader = createOnetClient({ token: jwt({ sub: SEED.user, scope: "hosting:read" }), baseUrl: mocks.onet!.url, retries: 0, throwOnError: true });
    const denied = await rejection(reader.GET("/v1/organizations"));
    expect(denied).toBeInstanceOf(PermissionDeniedError);
    expect(denied).toMatchObject({ status: 403, body: { detail: "You do not have permission to perform this action." } });
  });

  it("Commet: a key that is not a Commet key gets AuthenticationError", async () => {
    const client = createCommetClient({ apiKey: "sk_not_commet", baseUrl: mocks.commet!.url, retries: 0, throwOnError: true });
    const error = await rejection(client.GET("/addons"));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: "unauthorized" });
  });
});

describe("each vendor's 403", () => {
  it("Commet: forbidden and sandbox_only are PermissionDeniedError (their type stays authentication_error)", async () => {
    for (const code of ["forbidden", "sandbox_only"]) {
      const server = scriptedFetch(json(403, { success: false, error: { type: "authentication_error", code, message: "no" } }));
      const error = await rejection(createCommetClient({ apiKey: "ck_live_x", fetch: server.fetch, throwOnError: true }).GET("/addons"));
      expect(error).toBeInstanceOf(PermissionDeniedError);
      expect(error).toMatchObject({ code, type: "authentication_error" });
    }
  });

  // DRF answers a refused credential with 403 instead of 401 when its first authenticator issues no
  // challenge: its words, not the status, say that a new token is what is needed.
  it.each([
    [{ detail: "Authentication credentials were not provided." }, AuthenticationError],
    [{ detail: "Invalid token." }, AuthenticationError],
    [{ detail: "Incorrect authentication credentials." }, AuthenticationError],
    [{ detail: "Given token not valid for any token type", code: "token_not_valid", messages: [] }, AuthenticationError],
    [{ detail: "Token has expired", code: "token_not_valid" }, AuthenticationError],
    [{ detail: "You do not have permission to perform this action." }, PermissionDeniedError],
    [{ detail: "Only private images owned by the organization can be deleted." }, PermissionDeniedError],
    ["<html>403 Forbidden</html>", PermissionDeniedError],
  ] as const)("OnetSolutions: a 403 %j is %o", async (body, ErrorClass) => {
    const server = scriptedFetch(typeof body === "string" ? new Response(body, { status: 403 }) : json(403, body));
    const error = await rejection(createOnetClient({ token: "sk-onetsolutions-x", fetch: server.fetch, throwOnError: true }).GET("/v1/organizations"));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status: 403 });
  });

  it("OnetSolutions: a 401 is AuthenticationError whatever its words", async () => {
    const server = scriptedFetch(json(401, { detail: "Something new." }));
    const error = await rejection(createOnetClient({ token: "sk-onetsolutions-x", fetch: server.fetch, throwOnError: true }).GET("/v1/organizations"));
    expect(error).toBeInstanceOf(AuthenticationError);
  });
});
