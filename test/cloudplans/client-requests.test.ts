// What the Cloud Plans client puts on the wire: Bearer auth, the path's one action filled in, and the
// four billing actions each with its parameters where its page documents them.
import { describe, expect, it } from "vitest";
import { createCloudPlansClient } from "../../src/cloudplans/index.js";

const TOKEN = "cp-console-token";

interface Seen {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

function recordingClient(reply: unknown = { status: 200 }) {
  const seen: Seen[] = [];
  const client = createCloudPlansClient({
    token: TOKEN,
    baseUrl: "https://cloudplans.test",
    headers: { Authorization: "Bearer someone-else", "x-trace": "t-1" },
    fetch: async (input) => {
      const request = input as Request;
      seen.push({ method: request.method, url: new URL(request.url), headers: request.headers, body: await request.text() });
      return Response.json(reply);
    },
  });
  return { client, seen };
}

describe("Cloud Plans client requests", () => {
  it("sends the token as Bearer auth over the caller's Authorization header, and keeps other headers", async () => {
    const { client, seen } = recordingClient();
    await client.GET("/v1/organizations/list");
    expect(seen[0]!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
    expect(seen[0]!.headers.get("x-trace")).toBe("t-1");
  });

  it("fills in the action of a single-action GET, beside the caller's query", async () => {
    const { client, seen } = recordingClient();
    await client.GET("/v1/organizations/list");
    await client.GET("/v1/organizations/plans/describe", { params: { query: { org_id: "org-acme", plan_id: "plan-office-hours" } } });
    expect(seen[0]!.url.pathname).toBe("/v1/organizations/list");
    expect(seen[0]!.url.searchParams.get("action")).toBe("list");
    expect(Object.fromEntries(seen[1]!.url.searchParams)).toEqual({ action: "describe_plan", org_id: "org-acme", plan_id: "plan-office-hours" });
  });

  it("fills in the action of a single-action POST and keeps its JSON body", async () => {
    const { client, seen } = recordingClient();
    await client.POST("/v1/organizations/users/add", { body: { org_id: "org-acme", user_id: "nora.new@example.com", role: "viewer", state: "active" } });
    expect(seen[0]!.method).toBe("POST");
    expect(seen[0]!.url.searchParams.getAll("action")).toEqual(["add_user"]);
    expect(JSON.parse(seen[0]!.body)).toEqual({ org_id: "org-acme", user_id: "nora.new@example.com", role: "viewer", state: "active" });
    expect(seen[0]!.headers.get("content-type")).toBe("application/json");
  });

  it("sends an action the caller gave once, unchanged", async () => {
    const { client, seen } = recordingClient();
    await client.GET("/v1/organizations/users/list", { params: { query: { action: "users", org_id: "org-acme" } } });
    expect(seen[0]!.url.searchParams.getAll("action")).toEqual(["users"]);
  });

  it("sends Create subscription's org_id and quantity in the query, with no body", async () => {
    const { client, seen } = recordingClient({ status: 200, response: "https://checkout.stripe.test/c/1" });
    const { data } = await client.billingUpdate({ action: "getpaymentlink", org_id: "org-acme", quantity: 12 });
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({ action: "getpaymentlink", org_id: "org-acme", quantity: "12" });
    expect(seen[0]!.body).toBe("");
    expect(data?.response).toBe("https://checkout.stripe.test/c/1");
  });

  it.each([
    ["getupdatecardlink", { org_id: "org-acme" }],
    ["updatesubscription", { org_id: "org-acme", quantity: 20 }],
    ["cancelsubscription", { org_id: "org-acme" }],
  ] as const)("sends %s with its fields in the JSON body and only the action in the query", async (action, fields) => {
    const { client, seen } = recordingClient();
    await client.billingUpdate({ action, ...fields } as Parameters<typeof client.billingUpdate>[0]);
    expect(seen[0]!.url.pathname).toBe("/v1/organizations/billing/update");
    expect(Object.fromEntries(seen[0]!.url.searchParams)).toEqual({ action });
    expect(JSON.parse(seen[0]!.body)).toEqual(fields);
  });

  it("never adds an action to the multi-action billing path on its own", async () => {
    const { client, seen } = recordingClient();
    await client.POST("/v1/organizations/billing/update", { params: { query: { action: "cancelsubscription" } }, body: { org_id: "org-acme" } });
    expect(seen[0]!.url.searchParams.getAll("action")).toEqual(["cancelsubscription"]);
  });
});
