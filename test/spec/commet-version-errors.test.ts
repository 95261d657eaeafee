// Issue 13, item 9: every Commet operation that refuses a malformed Commet-Version header with 400
// documents that 400 (as an assumption), under the header's documented spelling; and the contract's
// response check fails any status an operation does not document, even when a `default` covers it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkResponse } from "../../src/contract/check-response.js";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { getOperations } from "../../src/spec/operations.js";

const commet = getOperations("commet");
const ONLY_THE_VERSION_CAN_FAIL = ["getAddon", "deleteAddon", "listFeatures", "getFeature", "deleteFeature", "getCustomer", "getSubscription"];
const BAD_VERSION = { "x-api-key": "ck_sandbox_versions", "Commet-Version": "latest" };

describe("Commet-Version", () => {
  it("is spelled as the docs spell it, on every operation", () => {
    for (const operation of commet.operations) {
      const headers = operation.parameters.filter((parameter) => parameter.in === "header").map((parameter) => parameter.name);
      expect(headers, operation.operationId).toContain("Commet-Version");
      expect(headers, operation.operationId).not.toContain("commet-version");
    }
  });

  it.each(ONLY_THE_VERSION_CAN_FAIL)("%s documents 400 for a malformed header, marked x-assumed", (operationId) => {
    const response = commet.byId(operationId).object.responses["400"];
    expect(response, operationId).toBeDefined();
    expect(response!.description).toContain("Commet-Version");
    expect((response as unknown as Record<string, unknown>)["x-assumed"]).toEqual(expect.any(String));
  });
});

describe("the mock's 400 for a malformed Commet-Version", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMock("commet");
  });
  afterAll(async () => {
    await mock.close();
  });

  // The header is checked before the resource is looked up, so made-up ids do.
  it.each(commet.operations.map((operation) => [operation.operationId, operation] as const))(
    "%s: is documented and passes the contract's check",
    async (_, operation) => {
      const path = operation.path.replace(/\{[^}]+\}/g, "anything");
      const response = await fetch(`${mock.url}${path}`, { method: operation.method.toUpperCase(), headers: BAD_VERSION });
      expect(response.status).toBe(400);
      const real = { statusCode: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
      expect(checkResponse(operation, real)).toEqual([]);
    },
  );
});

describe("the contract's response check", () => {
  const getAddon = commet.byId("getAddon");
  const error = {
    success: false,
    error: {
      type: "not_found_error",
      code: "addon_not_found",
      message: "Add-on not found",
      details: null,
      doc_url: "https://commet.co/docs/api-reference/2026-07-11/errors/addon_not_found.md",
    },
  };
  const reply = (statusCode: number) => ({ statusCode, headers: { "content-type": "application/json", "x-request-id": "req_1" }, body: JSON.stringify(error) });

  it("fails a status the operation does not document, though its `default` response would describe the body", () => {
    expect(getAddon.object.responses.default).toBeDefined();
    expect(getAddon.object.responses["418"]).toBeUndefined();
    const problems = checkResponse(getAddon, reply(418));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^getAddon 418: status 418 is not documented/);
  });

  it("still passes a documented error status", () => {
    expect(checkResponse(getAddon, reply(404))).toEqual([]);
  });
});
