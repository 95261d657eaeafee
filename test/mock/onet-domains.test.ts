// The OnetSolutions mock's domain and organization operations over HTTP, through the public client:
// domain details, automatic renewal, WHOIS privacy, contacts updates applied by a task on the mock's
// clock, and the list of organizations.
import { describe, expect, it } from "vitest";
import { IN_PERSONAL_PROJECT, IN_PROJECT, MISSING, SEED, useOnetMockAt } from "../helpers/onet.js";

const START = new Date("2025-06-03T10:00:00Z");
const { client, clock } = useOnetMockAt(START);

const P = {
  domain: "/v1/organizations/{organization_id}/projects/{project_id}/domains/{id}",
  autoRenew: "/v1/organizations/{organization_id}/projects/{project_id}/domains/{id}/auto-renew",
  privacy: "/v1/organizations/{organization_id}/projects/{project_id}/domains/{id}/privacy/{action_type}",
  contacts: "/v1/organizations/{organization_id}/projects/{project_id}/domains/{id}/contacts",
  organizations: "/v1/organizations",
} as const;

const getDomain = async (id: string = SEED.domainFr) => (await client().GET(P.domain, { params: { path: { ...IN_PROJECT, id } } })).data!;

function expectDetail(result: { error?: unknown; response: Response }, status: number, detail: string) {
  expect(result.response.status).toBe(status);
  expect(result.error).toEqual({ detail });
}

function expectFields(result: { error?: unknown; response: Response }, fields: Record<string, string[]>) {
  expect(result.response.status).toBe(400);
  expect(result.error).toEqual(fields);
}

describe("domain details", () => {
  it("shows the seeded domain as the spec's examples describe it", async () => {
    expect(await getDomain()).toMatchObject({
      id: SEED.domainFr,
      legacy_id: 7781,
      name: "atelier-lumiere.fr",
      sld: "atelier-lumiere",
      tld: "fr",
      tld_info: {
        id: "12b72ab2-7807-43f9-8e21-af252624fb76",
        whois_privacy_available: true,
        pricing: [{ id: "b991827f-cdab-4663-821d-dc1bc4c1dccb", years: 1 }],
      },
      registration_date: "2024-06-03",
      expiration_date: "2026-06-03",
      auto_renew: true,
      whois_privacy: false,
      is_locked: true,
      billing_cycle: 1,
      dns_zone: { id: "7ca0f207-642c-4726-b602-9447e011e5fd", zone_name: "atelier-lumiere.fr" },
      registrant_first_name: "Camille",
      registrant_last_name: "Martin",
    });
  });

  it("answers 404 for unknown domains, domains of another project and non-UUID ids", async () => {
    for (const [scope, id] of [
      [IN_PROJECT, MISSING],
      [IN_PERSONAL_PROJECT, SEED.domainFr],
      [IN_PROJECT, "atelier-lumiere.fr"],
    ] as const) {
      expectDetail(await client().GET(P.domain, { params: { path: { ...scope, id } } }), 404, "Not found.");
    }
  });
});

describe("automatic renewal", () => {
  const put = (body: unknown, id: string = SEED.domainFr) => client().PUT(P.autoRenew, { params: { path: { ...IN_PROJECT, id } }, body: body as never });

  it("turns renewal off and on", async () => {
    expect((await put({ auto_renew: false })).data?.auto_renew).toBe(false);
    expect((await getDomain()).auto_renew).toBe(false);
    expect((await put({ auto_renew: true })).data?.auto_renew).toBe(true);
  });

  it("needs a boolean (400 field map) and a known domain (404)", async () => {
    expectFields(await put({}), { auto_renew: ["This field is required."] });
    expectFields(await put({ auto_renew: "yes" }), { auto_renew: ["Must be a valid boolean."] });
    expectDetail(await put({ auto_renew: true }, MISSING), 404, "Not found.");
    expect((await getDomain()).auto_renew).toBe(true);
  });
});

describe("WHOIS privacy", () => {
  const toggle = (action: string, id: string = SEED.domainFr) =>
    client().POST(P.privacy, { params: { path: { ...IN_PROJECT, id, action_type: action as "enable" } } });

  it("enables and disables privacy, and answers with the domain", async () => {
    const enabled = await toggle("enable");
    expect(enabled.response.status).toBe(200);
    expect(enabled.data).toMatchObject({ id: SEED.domainFr, whois_privacy: true });
    expect((await getDomain()).whois_privacy).toBe(true);
    // Asking for the state it is already in is not an error.
    expect((await toggle("enable")).data).toMatchObject({ whois_privacy: true });
    expect((await toggle("disable")).data).toMatchObject({ whois_privacy: false });
  });

  it("refuses a TLD without WHOIS privacy (400) and an unknown action (400 on action_type)", async () => {
    expectDetail(await toggle("enable", SEED.domainEu), 400, "WHOIS privacy is not available for .eu domains.");
    expectFields(await toggle("toggle"), { action_type: ['"toggle" is not a valid choice.'] });
    expect((await getDomain()).whois_privacy).toBe(false);
  });

  it("answers 404 for an unknown domain or a non-UUID id", async () => {
    expectDetail(await toggle("enable", MISSING), 404, "Not found.");
    expectDetail(await toggle("enable", "not-a-uuid"), 404, "Not found.");
  });
});

describe("WHOIS contacts", () => {
  const put = (body: unknown, id: string = SEED.domainFr) => client().PUT(P.contacts, { params: { path: { ...IN_PROJECT, id } }, body: body as never });

  it("answers with the task that applies the new contacts, which take effect when it completes", async () => {
    const { data: task, response } = await put({ registrant_first_name: "Hugo", registrant_last_name: "Bernard", admin_email: "admin@atelier-lumiere.fr" });
    expect(response.status).toBe(200);
    expect(task).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      task_type: "update_contacts",
      status: "pending",
      created: "2025-06-03T10:00:00.000Z",
      started_at: null,
      completed_at: null,
    });
    expect(await getDomain()).toMatchObject({ registrant_first_name: "Camille", registrant_last_name: "Martin" });
    clock.set(new Date(START.getTime() + 10_000));
    expect(await getDomain()).toMatchObject({ registrant_first_name: "Hugo", registrant_last_name: "Bernard", admin_email: "admin@atelier-lumiere.fr" });
    // Other domains are untouched.
    expect((await getDomain(SEED.domainCom)).registrant_first_name).toBe("Camille");
  });

  it("accepts an empty update, refuses invalid fields (400) and unknown domains (404)", async () => {
    expect((await put({})).response.status).toBe(200);
    expectFields(await put({ registrant_email: "not-an-email", tech_phone: 33 }), {
      registrant_email: ["Enter a valid email address."],
      tech_phone: ["Not a valid string."],
    });
    expectDetail(await put({}, MISSING), 404, "Not found.");
  });
});

describe("organizations", () => {
  it("lists the caller's organizations by name, as a bare array, with counted projects", async () => {
    const { data, response } = await client().GET(P.organizations);
    expect(response.status).toBe(200);
    expect(data!.map((organization) => organization.name)).toEqual(["Atelier Lumiere SAS", "Camille Martin"]);
    expect(data![0]).toMatchObject({
      id: SEED.organization,
      legacy_id: 1042,
      project_count: 1,
      modules: ["compute", "hosting", "domains"],
      organization_type: "professional",
      support_plan: "basic",
      instance_quota: 20,
      company_name: "Atelier Lumiere SAS",
    });
    expect(data![1]).toMatchObject({ id: SEED.personalOrganization, organization_type: "personal", project_count: 1 });
    // Another customer's organization is not listed.
    expect(data!.map((organization) => organization.id)).not.toContain(SEED.foreignOrganization);
  });
});
