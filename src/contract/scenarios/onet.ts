/**
 * How the contract drives every documented OnetSolutions status. Each driver arranges the state it
 * needs through the public client first, so cases do not depend on the order dredd runs them in and
 * a second run against the same server passes too.
 *
 * Three successes consume something no documented operation gives back: activating an add-on (there
 * is no deactivation), reactivating a suspended instance (nothing suspends one) and deleting an image
 * (nothing creates one). Their drivers use a fresh account instead: on the mock every API key is an
 * account of its own, seeded afresh, so the spec's example request finds what it needs there.
 */
import { randomUUID } from "node:crypto";
import { createOnetClient, type OnetClient } from "../../onet/index.js";
import { mockOnly, SkipCase } from "./drivers.js";
import type { operations } from "../../../generated/onet/schema.js";
import type { ContractTarget, Driver, RequestChanges, RequestedOperations, Scenario, ScenarioDrivers } from "../types.js";

/** Seeded in the mock (see the README's seed table); the spec's examples use the same ids. */
export const ONET_FIXTURES = {
  organization: "e6af4f6e-1606-468e-9092-3f740a445140",
  project: "38fa341f-422e-4ee3-b79b-454c5b2ca9b5",
  /** Running, so "not suspended". */
  instance: "facdf01b-1b98-4b43-9348-72d7e15bddf6",
  /** A private image a running instance (web-02) uses: it cannot be deleted. */
  imageInUse: "894245dd-6bac-47b2-96e0-3a5fd3a221a8",
  /** A platform image: not the caller's to delete. */
  publicImage: "4b71f9f3-52cc-4572-83f6-7cdff4b0fec1",
  hosting: "2cf76ce5-00a0-4726-8389-52081696d0db",
  planPro: "f153350a-ece8-4101-8462-df5e1bd1c25e",
  /** A .eu domain: that TLD has no WHOIS privacy. */
  domainWithoutPrivacy: "6840d6f5-8d27-48b8-9c9e-868402608d22",
};

/** A well-formed UUID that names nothing. */
const MISSING = "00000000-0000-4000-8000-000000000000";

const MOCK_TOKEN = "sk-onetsolutions-contract";

/** A JWT whose `scope` claim grants nothing: authenticated, never permitted (403). */
const NO_SCOPE_JWT = [
  { alg: "none", typ: "JWT" },
  { sub: "contract-no-scope", scope: "" },
]
  .map((part) => Buffer.from(JSON.stringify(part)).toString("base64url"))
  .concat("unsigned")
  .join(".");

const forbidden: Driver<OnetClient> = mockOnly("an unsigned JWT without scopes", () => ({ headers: { Authorization: `Bearer ${NO_SCOPE_JWT}` } }));
const freshAccount = (): RequestChanges["headers"] => ({ Authorization: `Bearer sk-onetsolutions-contract-${randomUUID()}` });
/** For reads with no input that could be invalid: a body that is not JSON is the one 400 left. */
const malformedJson: Driver<OnetClient> = mockOnly("a GET with a malformed JSON body", () => ({
  rawBody: '{"detail": ',
  headers: { "Content-Type": "application/json" },
}));
const missingId: Driver<OnetClient> = () => ({ path: { id: MISSING } });

/**
 * An id with a role in the account (the hosting account, an image in use): the seed's on the mock;
 * on a live run the fixture of that name, or the case is skipped naming it.
 */
function known(target: ContractTarget, fixture: string, seeded: string): string {
  if (!target.live) return target.fixtures?.values[fixture] ?? seeded;
  const value = target.fixtures?.values[fixture];
  if (value === undefined) throw new SkipCase(`needs "${fixture}" in --fixtures`);
  return value;
}

const scopePath = (target: ContractTarget) => ({
  organization_id: known(target, "organization_id", ONET_FIXTURES.organization),
  project_id: known(target, "project_id", ONET_FIXTURES.project),
});

/** Requests or revokes the hosting account's cancellation; "already so" answers are fine. */
/** The fixture hosting, its cancellation requested or not before the request is sent. */
const hostingCancelled =
  (requested: boolean): Driver<OnetClient> =>
  async ({ client, target }) => {
    await setCancellation(client, target, requested);
    return { path: { id: known(target, "hosting_id", ONET_FIXTURES.hosting) } };
  };

async function setCancellation(client: OnetClient, target: ContractTarget, requested: boolean): Promise<void> {
  const params = { path: { ...scopePath(target), id: known(target, "hosting_id", ONET_FIXTURES.hosting) } };
  const { error, response } = requested
    ? await client.POST("/v1/organizations/{organization_id}/projects/{project_id}/hosting/{id}/cancel", { params })
    : await client.POST("/v1/organizations/{organization_id}/projects/{project_id}/hosting/{id}/revoke-cancellation", { params });
  if (error && response.status !== 400) throw new Error(`${requested ? "cancel" : "revoke"} failed: ${response.status} ${JSON.stringify(error)}`);
}

export const onetScenario: Scenario<OnetClient> = {
  api: "onet",
  mockCredentials: { Authorization: `Bearer ${MOCK_TOKEN}` },
  createClient: (target, fetch) =>
    createOnetClient({
      token: (target.credentials.Authorization ?? "").replace(/^Bearer /, ""),
      baseUrl: target.baseUrl,
      allowInsecureHttp: target.allowInsecureHttp === true,
      ...(fetch ? { fetch } : {}),
    }),
  drivers: {
    replaceInstance: {
      "400": () => ({ body: { name: 42 } }),
      "403": forbidden,
      "404": missingId,
    },
    activateInstanceAddon: {
      "201": mockOnly("a fresh account per run", () => ({ headers: freshAccount() })),
      "400": () => ({ body: {} }),
      "403": forbidden,
      "404": missingId,
    },
    unsuspendInstance: {
      // web-03 of the example request is suspended in a fresh account.
      "200": mockOnly("a fresh account per run", () => ({ headers: freshAccount(), path: { id: "b190ea4b-44e3-427b-985e-2bb31e8a1619" } })),
      "400": ({ target }) => ({ path: { id: known(target, "instance_id", ONET_FIXTURES.instance) } }),
      "403": forbidden,
      "404": missingId,
    },
    getConsoleSession: {
      "400": malformedJson,
      "403": forbidden,
      "404": () => ({ path: { session_id: "no-such-session" } }),
    },
    getComputeTask: {
      "400": malformedJson,
      "403": forbidden,
      "404": missingId,
    },
    getInstanceTask: {
      "400": malformedJson,
      "403": forbidden,
      "404": missingId,
    },
    deleteImage: {
      "204": mockOnly("a fresh account per run", () => ({ headers: freshAccount() })),
      "400": ({ target }) => ({ path: { id: known(target, "image_in_use_id", ONET_FIXTURES.imageInUse) } }),
      "403": ({ target }) => ({ path: { id: known(target, "public_image_id", ONET_FIXTURES.publicImage) } }),
      "404": missingId,
    },
    listWebHosting: {
      "400": () => ({ query: { page_size: "0" } }),
      "403": forbidden,
      "404": () => ({ query: { page: "9999" } }),
    },
    orderWebHosting: {
      // The example's maison-verte.fr is registered by the first run; every run orders a new name.
      "201": () => ({
        body: { plan_id: ONET_FIXTURES.planPro, domain_source: "register", domain_name: `contract-${randomUUID().slice(0, 8)}.fr`, billing_cycle: "monthly" },
      }),
      "400": ({ target }) => ({
        body: { plan_id: known(target, "hosting_plan_id", ONET_FIXTURES.planPro), domain_source: "transfer", domain_name: "maison-verte.fr" },
      }),
      "403": forbidden,
      "404": () => ({ path: { organization_id: MISSING } }),
    },
    // Cancelling needs a hosting not yet cancelled (400 otherwise); revoking, one that is.
    cancelWebHosting: { "200": hostingCancelled(false), "400": hostingCancelled(true), "403": forbidden, "404": missingId },
    revokeWebHostingCancellation: { "200": hostingCancelled(true), "400": hostingCancelled(false), "403": forbidden, "404": missingId },
    getHostingPlan: {
      "400": malformedJson,
      "403": forbidden,
      "404": missingId,
    },
    getDomain: {
      "400": malformedJson,
      "403": forbidden,
      "404": missingId,
    },
    setDomainAutoRenew: {
      "400": () => ({ body: { auto_renew: "sometimes" } }),
      "403": forbidden,
      "404": missingId,
    },
    setDomainPrivacy: {
      "400": ({ target }) => ({ path: { id: known(target, "domain_without_privacy_id", ONET_FIXTURES.domainWithoutPrivacy) } }),
      "403": forbidden,
      "404": missingId,
    },
    updateDomainContacts: {
      "400": () => ({ body: { registrant_email: "not-an-email" } }),
      "403": forbidden,
      "404": missingId,
    },
    listOrganizations: {
      "400": malformedJson,
      "403": forbidden,
      // DRF answers a ?format= that no renderer knows with 404.
      "404": () => ({ query: { format: "xml" } }),
    },
  } satisfies ScenarioDrivers<OnetClient, RequestedOperations<operations>>,
};
