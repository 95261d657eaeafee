/**
 * How the contract drives every Cloud Plans status, and each of the four billing actions as a case of
 * its own. Each driver arranges the state it needs through the public client first (a subscription to
 * change, a user to remove, room under the subscription's quantity), so cases do not depend on the
 * order dredd runs them in and a second run against the same server passes too.
 *
 * Roles come from tokens: on the mock, each seeded token is one user of `org-acme` with one role (see
 * the README's seed table), and the outsider owns only `org-globex`, a free-tier organization that sits
 * at every free-tier limit (3 credentials, one plan, 3 resources).
 */
import { randomUUID } from "node:crypto";
import { createCloudPlansClient, type CloudPlansClient } from "../../cloudplans/index.js";
import { mockOnly, SkipCase } from "./drivers.js";
import { contractFetch } from "../fresh-connection.js";
import type { operations } from "../../../generated/cloudplans/schema.js";
import type { ContractTarget, Driver, RequestChanges, RequestedOperations, Scenario, ScenarioDrivers } from "../types.js";

export const CLOUDPLANS_FIXTURES = {
  org: "org-acme",
  /** A free-tier organization at its limits, owned by the outsider. */
  fullFreeOrg: "org-globex",
  fullFreePlan: "plan-globex-trial",
  plan: "plan-office-hours",
  owner: "ana.garcia@example.com",
  planner: "lucia.planner@example.com",
  /** Not a member in the seed: the spec's add and remove examples name this user. */
  newUser: "nora.new@example.com",
  tokens: {
    owner: "cp-test-owner",
    billing: "cp-test-billing",
    planner: "cp-test-planner",
    viewer: "cp-test-viewer",
    outsider: "cp-test-outsider",
  },
} as const;

const F = CLOUDPLANS_FIXTURES;

/**
 * A value with a role in the account: the seed's on the mock; on a live run the fixture of that
 * name, or the case is skipped naming it.
 */
function known(target: ContractTarget, fixture: string, seeded: string): string {
  const value = target.fixtures?.values[fixture];
  if (value !== undefined) return value;
  if (target.live) throw new SkipCase(`needs "${fixture}" in --fixtures`);
  return seeded;
}
const orgOf = (target: ContractTarget) => known(target, "org_id", F.org);
const planOf = (target: ContractTarget) => known(target, "plan_id", F.plan);
const ownerOf = (target: ContractTarget) => known(target, "owner_email", F.owner);
const MISSING_ORG = "org-missing";

const as = (role: keyof typeof F.tokens): RequestChanges["headers"] => ({ Authorization: `Bearer ${F.tokens[role]}` });
const forbiddenFor = (role: keyof typeof F.tokens): Driver<CloudPlansClient> => mockOnly(`the mock's ${role} token`, () => ({ headers: as(role) }));
const unknownAction: Driver<CloudPlansClient> = () => ({ query: { action: "not_an_action" } });

async function expectOk(what: string, call: Promise<{ error?: unknown; response: Response }>): Promise<void> {
  const { error, response } = await call;
  if (error !== undefined) throw new Error(`${what} failed: ${response.status} ${JSON.stringify(error)}`);
}

/**
 * Makes sure org-acme has an active subscription with room for `extra` more resources. Subscribing
 * takes a payment: the mock's payment link is a page of the mock itself that "pays" when opened.
 */
async function ensureSubscription(client: CloudPlansClient, target: ContractTarget, extra = 0): Promise<void> {
  const { data: billing, error } = await client.GET("/v1/organizations/billing/describe", { params: { query: { org_id: orgOf(target) } } });
  if (!billing) throw new Error(`describe billing failed: ${JSON.stringify(error)}`);
  const { data: organizations } = await client.GET("/v1/organizations/list");
  const inUse = organizations?.data.organizations.find((organization) => organization.org_id === orgOf(target))?.resources ?? 0;
  const wanted = Math.max(10, inUse + extra + 5);
  if (billing.response.subscription.plan === "free") {
    if (target.live) throw new SkipCase("it needs a subscription, which only a payment through Stripe starts");
    const { data: link } = await client.billingUpdate({ action: "getpaymentlink", org_id: orgOf(target), quantity: wanted });
    if (!link) throw new Error("no payment link");
    const paid = await contractFetch(link.response, { method: "POST" });
    if (!paid.ok) throw new Error(`paying ${link.response} failed: ${paid.status}`);
  } else if (Number(billing.response.subscription.quantity) < inUse + extra) {
    await expectOk("raising the quantity", client.billingUpdate({ action: "updatesubscription", org_id: orgOf(target), quantity: wanted }));
  }
}

async function isMember(client: CloudPlansClient, email: string): Promise<boolean> {
  const { data } = await client.GET("/v1/organizations/users/list", { params: { query: { org_id: F.org } } });
  return data?.users.some((user) => user.email === email) ?? false;
}

async function ensureMember(client: CloudPlansClient, email: string, role: string): Promise<void> {
  if (!(await isMember(client, email)))
    await expectOk(`adding ${email}`, client.POST("/v1/organizations/users/add", { body: { org_id: F.org, user_id: email, role, state: "active" } }));
}

/** Billing update: every action but getpaymentlink sends a body, and none needs the query's example values. */
const billingBody = (action: string, body: Record<string, unknown>): RequestChanges => ({ query: { action, org_id: null, quantity: null }, body });

export const cloudplansScenario: Scenario<CloudPlansClient> = {
  api: "cloudplans",
  mockCredentials: { Authorization: `Bearer ${F.tokens.owner}` },
  createClient: (target, fetch) =>
    createCloudPlansClient({
      token: (target.credentials.Authorization ?? "").replace(/^Bearer /, ""),
      baseUrl: target.baseUrl,
      allowInsecureHttp: target.allowInsecureHttp === true,
      ...(fetch ? { fetch } : {}),
    }),
  drivers: {
    listOrganizations: { "400": unknownAction },
    createOrganization: { "400": () => ({ body: ["not", "an", "object"] }) },
    updateOrganization: {
      "400": unknownAction,
      "403": forbiddenFor("viewer"),
      "404": () => ({ query: { org_id: MISSING_ORG } }),
    },
    describeBilling: {
      "400": () => ({ query: { org_id: null } }),
      "403": forbiddenFor("planner"),
      "404": mockOnly("the mock's outsider token", () => ({ headers: as("outsider") })),
    },
    listBillingHistory: {
      "400": () => ({ query: { org_id: "" } }),
      "403": forbiddenFor("planner"),
      "404": () => ({ query: { org_id: MISSING_ORG } }),
    },
    billingUpdate: {
      // Create subscription documents its org_id and quantity in the query, and no body.
      "200 getpaymentlink": ({ target }) => ({ query: { action: "getpaymentlink", org_id: orgOf(target), quantity: "12" }, rawBody: "" }),
      "200 getupdatecardlink": async ({ client, target }) => {
        await ensureSubscription(client, target);
        return billingBody("getupdatecardlink", { org_id: orgOf(target) });
      },
      "200 updatesubscription": async ({ client, target }) => {
        await ensureSubscription(client, target);
        return billingBody("updatesubscription", { org_id: orgOf(target), quantity: 20 });
      },
      "200 cancelsubscription": async ({ client, target }) => {
        await ensureSubscription(client, target);
        return billingBody("cancelsubscription", { org_id: orgOf(target) });
      },
      // A quantity-less body for the action that needs one: the schema alone cannot see the mismatch.
      "400": ({ target }) => billingBody("updatesubscription", { org_id: orgOf(target) }),
      "403": mockOnly("the mock's viewer token", ({ target }) => ({ ...billingBody("getupdatecardlink", { org_id: orgOf(target) }), headers: as("viewer") })),
      "404": () => billingBody("getupdatecardlink", { org_id: MISSING_ORG }),
      // A downgrade below the resources in use "will be declined".
      "409": async ({ client, target }) => {
        // Refused by a correct server; accepted by a wrong one, it would cut a paid subscription.
        if (target.live) throw new SkipCase("cannot be undone if the server accepted it: a downgrade of a paid subscription");
        await ensureSubscription(client, target);
        return billingBody("updatesubscription", { org_id: orgOf(target), quantity: 1 });
      },
    },
    listOrganizationUsers: {
      "400": () => ({ query: { org_id: null } }),
      "403": forbiddenFor("planner"),
      "404": mockOnly("the mock's outsider token", () => ({ headers: as("outsider") })),
    },
    addOrganizationUser: {
      "200": async ({ client, target }) => {
        if (await isMember(client, F.newUser))
          await expectOk("removing nora", client.POST("/v1/organizations/users/remove", { body: { org_id: orgOf(target), user_id: F.newUser } }));
        return {};
      },
      "400": ({ target }) => ({ body: { org_id: orgOf(target), user_id: "not-an-email", role: "viewer" } }),
      "403": forbiddenFor("viewer"),
      "404": () => ({ body: { org_id: MISSING_ORG, user_id: F.newUser, role: "viewer" } }),
      "409": ({ target }) => ({ body: { org_id: orgOf(target), user_id: ownerOf(target), role: "admin" } }),
    },
    updateOrganizationUser: {
      "200": async ({ client }) => {
        await ensureMember(client, F.planner, "planner");
        return {};
      },
      "400": ({ target }) => ({ body: { org_id: orgOf(target), user_id: F.planner, state: "away" } }),
      "403": forbiddenFor("planner"),
      "404": ({ target }) => ({ body: { org_id: orgOf(target), user_id: "nobody@example.com", role: "viewer" } }),
      // The Owner's role cannot change.
      "409": ({ target }) => ({ body: { org_id: orgOf(target), user_id: ownerOf(target), role: "viewer" } }),
    },
    removeOrganizationUser: {
      "200": async ({ client }) => {
        await ensureMember(client, F.newUser, "viewer");
        return {};
      },
      "400": ({ target }) => ({ body: { org_id: orgOf(target), user_id: "not-an-email" } }),
      "403": forbiddenFor("billing"),
      "404": ({ target }) => ({ body: { org_id: orgOf(target), user_id: "nobody@example.com" } }),
      "409": ({ target }) => ({ body: { org_id: orgOf(target), user_id: ownerOf(target), reason: "The owner cannot leave" } }),
    },
    listCredentials: {
      "400": () => ({ query: { org_id: "" } }),
      "403": forbiddenFor("billing"),
      "404": () => ({ query: { org_id: MISSING_ORG } }),
    },
    createCredential: {
      // Past the free tier's 3 credentials only with a subscription.
      "200": async ({ client, target }) => {
        await ensureSubscription(client, target);
        return {};
      },
      "400": ({ target }) => ({ body: { org_id: orgOf(target), type: "gap", name: "typo", specific: { project: "p" } } }),
      "403": forbiddenFor("planner"),
      "404": () => ({ body: { org_id: MISSING_ORG, type: "gcp", name: "gcp", specific: { project: "p" } } }),
      "409": mockOnly("the mock's full free-tier organization", () => ({
        headers: as("outsider"),
        body: { org_id: F.fullFreeOrg, type: "gcp", name: "a fourth", specific: { project: "p" } },
      })),
    },
    listPlans: {
      "400": () => ({ query: { org_id: null } }),
      "403": forbiddenFor("billing"),
      "404": () => ({ query: { org_id: MISSING_ORG } }),
    },
    describePlan: {
      "400": () => ({ query: { plan_id: null } }),
      "403": forbiddenFor("billing"),
      "404": () => ({ query: { plan_id: "plan-missing" } }),
    },
    createPlan: {
      // Past the free tier's one plan only with a subscription.
      "200": async ({ client, target }) => {
        await ensureSubscription(client, target);
        return {};
      },
      "400": ({ target }) => ({ body: { org_id: orgOf(target), name: "Too long", timezone: "UTC", schedule: { days: ["L"], duration: 30, start: 8 } } }),
      "403": forbiddenFor("viewer"),
      "404": () => ({ body: { org_id: MISSING_ORG, name: "Nowhere", timezone: "UTC", schedule: { days: ["L"], duration: 8, start: 8 } } }),
      "409": mockOnly("the mock's full free-tier organization", () => ({
        headers: as("outsider"),
        body: { org_id: F.fullFreeOrg, name: "A second plan", timezone: "UTC", schedule: { days: ["L"], duration: 8, start: 8 } },
      })),
    },
    updatePlan: {
      "400": ({ target }) => ({ body: { org_id: orgOf(target), plan_id: planOf(target), updates: { schedule: { days: ["L"], duration: 8, start: 0 } } } }),
      "403": forbiddenFor("viewer"),
      "404": ({ target }) => ({ body: { org_id: orgOf(target), plan_id: "plan-missing", name: "x" } }),
    },
    addResourceToPlan: {
      // A new resource id per run (the example's is in the plan after the first), with room for it.
      "200": async ({ client, target }) => {
        await ensureSubscription(client, target, 1);
        return {
          body: {
            org_id: orgOf(target),
            plan_id: planOf(target),
            resource: {
              resource_id: `i-contract-${randomUUID().slice(0, 8)}`,
              resource_name: "contract",
              type: "ec2",
              credential: "cred-aws-01",
              region: "eu-west-1",
            },
          },
        };
      },
      "400": ({ target }) => ({ body: { org_id: orgOf(target), plan_id: planOf(target) } }),
      "403": forbiddenFor("viewer"),
      "404": ({ target }) => ({
        body: { org_id: orgOf(target), plan_id: "plan-missing", resource: { resource_id: "i-1", type: "ec2", credential: "cred-aws-01" } },
      }),
      "409": mockOnly("the mock's full free-tier organization", () => ({
        headers: as("outsider"),
        body: { org_id: F.fullFreeOrg, plan_id: F.fullFreePlan, resource: { resource_id: "i-fourth", type: "ec2", credential: "cred-globex-aws" } },
      })),
    },
  } satisfies ScenarioDrivers<CloudPlansClient, RequestedOperations<operations>>,
};
