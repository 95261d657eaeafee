// The Cloud Plans mock as a server: the generic failures in the {status, error, message, details?}
// envelope (validation, malformed JSON, unknown routes, injected faults), one shared world for every
// token, and the control routes (reset, faults, and the vendor's own checkout route).
import { beforeEach, describe, expect, it } from "vitest";
import { IDS, TOKENS, expectError, expectValidBody, fieldsOf, useCloudPlansMock } from "../helpers/cloudplans.js";

const { mock, client, call } = useCloudPlansMock();
beforeEach(() => mock().reset());

async function fetchJson(url: string, init: RequestInit = {}) {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === "" ? undefined : (JSON.parse(text) as unknown) };
}

describe("validation", () => {
  it("answers a missing action with 400 naming action in the message and the details", async () => {
    const error = expectError(await call(TOKENS.owner, "listPlans", { query: { org_id: IDS.acme } }), 400, "invalid_request");
    expect(fieldsOf(error)).toEqual(["action"]);
    expect(error.message).toBe("action (query) must have required property 'action'");
  });

  it("answers a missing required query value with 400 naming it", async () => {
    expect(
      fieldsOf(expectError(await call(TOKENS.owner, "describePlan", { query: { action: "describe_plan", org_id: IDS.acme } }), 400, "invalid_request")),
    ).toEqual(["plan_id"]);
  });

  it("answers a missing required body with 400", async () => {
    expectError(await call(TOKENS.owner, "createPlan", { query: { action: "create_plan" } }), 400, "invalid_request");
  });

  it("answers malformed JSON with 400 invalid_request", async () => {
    const error = expectError(await call(TOKENS.owner, "createPlan", { query: { action: "create_plan" }, rawBody: '{"org_id": ' }), 400, "invalid_request");
    expect(error.message).toBe("The request body is not valid JSON.");
  });

  it("checks the token before the request: no token and a bad body is 401", async () => {
    expectError(await call(null, "createPlan", { query: { action: "create_plan" }, body: { org_id: IDS.acme } }), 401, "unauthorized");
  });
});

describe("routes", () => {
  it("answers an unknown path and a wrong method with 404 not_found in the envelope", async () => {
    for (const [method, path] of [
      ["GET", "/v1/organizations/delete?action=delete"],
      ["DELETE", "/v1/organizations/list?action=list"],
      ["GET", "/organizations/list?action=list"],
    ] as const) {
      const reply = await fetchJson(`${mock().url}${path}`, { method, headers: { authorization: `Bearer ${TOKENS.owner}` } });
      expect(reply.body).toMatchObject({ status: 404, error: "not_found" });
      expectValidBody("listOrganizations", 404, reply.body);
    }
  });

  it("sends an x-request-id with every reply", async () => {
    const { response } = await client().GET("/v1/organizations/list", { params: { query: { action: "list" } } });
    expect(response.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{24}$/);
  });
});

describe("one world for every token", () => {
  it("shows one user's change to the others", async () => {
    await call(TOKENS.planner, "updatePlan", { query: { action: "update_plan" }, body: { org_id: IDS.acme, plan_id: IDS.planOfficeHours, name: "Renamed" } });
    const { data } = await client(TOKENS.viewer).GET("/v1/organizations/plans/list", { params: { query: { action: "list_plans", org_id: IDS.acme } } });
    expect(data!.plans[0]?.name).toBe("Renamed");
  });
});

describe("fault injection", () => {
  it("answers an injected 429 with rate_limited and Retry-After, then serves the request", async () => {
    mock().injectFault({ operationId: "listPlans", status: 429, retryAfter: 7 });
    const limited = await call(TOKENS.owner, "listPlans", { query: { action: "list_plans", org_id: IDS.acme } });
    expectError(limited, 429, "rate_limited");
    expect(limited.headers.get("retry-after")).toBe("7");
    expect((await call(TOKENS.owner, "listPlans", { query: { action: "list_plans", org_id: IDS.acme } })).status).toBe(200);
  });

  it.each([500, 503])("answers an injected %i with internal_error", async (status) => {
    mock().injectFault({ status });
    expectError(await call(TOKENS.owner, "listOrganizations", { query: { action: "list" } }), status, "internal_error");
  });

  it("takes faults through the control route too", async () => {
    const control = await fetch(`${mock().controlUrl}/faults`, { method: "POST", body: JSON.stringify({ status: 409, count: 2 }) });
    expect(control.status).toBe(204);
    expectError(await call(TOKENS.owner, "listOrganizations", { query: { action: "list" } }), 409, "conflict");
    expectError(await call(TOKENS.owner, "listOrganizations", { query: { action: "list" } }), 409, "conflict");
    expect((await call(TOKENS.owner, "listOrganizations", { query: { action: "list" } })).status).toBe(200);
  });
});

describe("control routes", () => {
  it("resets to the seed set through POST /reset", async () => {
    await call(TOKENS.owner, "removeOrganizationUser", { query: { action: "remove_user" }, body: { org_id: IDS.acme, user_id: "lucia.planner@example.com" } });
    expect((await fetch(`${mock().controlUrl}/reset`, { method: "POST" })).status).toBe(204);
    expect((await call(TOKENS.planner, "listPlans", { query: { action: "list_plans", org_id: IDS.acme } })).status).toBe(200);
  });

  it("answers an unknown vendor route, or another API's, with 404", async () => {
    for (const path of ["/cloudplans/refund/x", "/commet/checkout/x", "/cloudplans", "/cloudplans/toString/x"]) {
      const reply = await fetchJson(`${mock().controlUrl}${path}`);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).toEqual({ error: `no control route GET <controlUrl>${path}` });
    }
  });

  it("answers a checkout before any API request (no state yet) with 404", async () => {
    const reply = await fetchJson(`${mock().controlUrl}/cloudplans/checkout/cs_test_00000000`);
    expect(reply.body).toEqual({ status: 404, error: "not_found", message: "No checkout session cs_test_00000000." });
  });

  it("answers a checkout link with extra segments with 404", async () => {
    const link = (await call(TOKENS.owner, "billingUpdate", { query: { action: "getpaymentlink", org_id: IDS.acme, quantity: 4 } })).body as {
      response: string;
    };
    expect((await fetchJson(`${link.response}/extra`)).status).toBe(404);
    expect((await fetchJson(link.response)).status).toBe(200);
  });

  it("answers malformed JSON sent to a vendor route in the vendor's envelope", async () => {
    const reply = await fetchJson(`${mock().controlUrl}/cloudplans/checkout/x`, { method: "POST", body: "{" });
    expect(reply.body).toMatchObject({ status: 400, error: "invalid_request" });
  });
});
