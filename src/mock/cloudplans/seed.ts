/**
 * The Cloud Plans mock's seed set: one world shared by every token, as a Private deployment's
 * long-term keys would see it. org-acme holds the spec's example data (so each example request finds
 * its objects) and one user per role; org-globex has no subscription and sits exactly at every
 * free-tier limit. The README's seed table lists these values, which are seed 0's: any other seed
 * draws every id, name, e-mail and amount from it (seeding.ts). The tokens stay: they are credentials
 * the caller is given, not data of the account.
 */
import type { Fixtures } from "../../contract/fixtures.js";
import { seeding, specExamples, type Seeding } from "../seeding.js";
import type { OrganizationRecord } from "./state.js";
import { formatCents } from "./views.js";

/** Every token shares one state: organizations span users. */
export const CLOUDPLANS_TENANT = "cloudplans";

export const CLOUDPLANS_IDS = {
  acme: "org-acme",
  globex: "org-globex",
  planOfficeHours: "plan-office-hours",
  planGlobexTrial: "plan-globex-trial",
  credAws: "cred-aws-01",
  credAzure: "cred-azure-01",
  credGcp: "cred-gcp-01",
  globexAws: "cred-globex-aws",
  globexAzure: "cred-globex-azure",
  globexGcp: "cred-globex-gcp",
  invoicePaid: "inv-2025-04",
  invoiceUnpaid: "inv-2025-05",
} as const;

export const CLOUDPLANS_USERS = {
  owner: "ana.garcia@example.com",
  admin: "marco.admin@example.com",
  billing: "bea.billing@example.com",
  planner: "lucia.planner@example.com",
  viewer: "victor.viewer@example.com",
  inactive: "ines.inactive@example.com",
  outsider: "omar.owner@example.com",
} as const;

/** Seeded long-term tokens (they never expire), by the part each plays. */
export const CLOUDPLANS_TOKENS = {
  owner: "cp-test-owner",
  admin: "cp-test-admin",
  billing: "cp-test-billing",
  planner: "cp-test-planner",
  viewer: "cp-test-viewer",
  inactive: "cp-test-inactive",
  outsider: "cp-test-outsider",
  /** Ana's token that expired: always 401. */
  expired: "cp-test-expired",
} as const;

/** Who each token logs in as (seed 0's e-mails); an expired token authenticates nobody. */
export const SEED_TOKENS: readonly { token: string; user: string; expired: boolean }[] = [
  { token: CLOUDPLANS_TOKENS.owner, user: CLOUDPLANS_USERS.owner, expired: false },
  { token: CLOUDPLANS_TOKENS.admin, user: CLOUDPLANS_USERS.admin, expired: false },
  { token: CLOUDPLANS_TOKENS.billing, user: CLOUDPLANS_USERS.billing, expired: false },
  { token: CLOUDPLANS_TOKENS.planner, user: CLOUDPLANS_USERS.planner, expired: false },
  { token: CLOUDPLANS_TOKENS.viewer, user: CLOUDPLANS_USERS.viewer, expired: false },
  { token: CLOUDPLANS_TOKENS.inactive, user: CLOUDPLANS_USERS.inactive, expired: false },
  { token: CLOUDPLANS_TOKENS.outsider, user: CLOUDPLANS_USERS.outsider, expired: false },
  { token: CLOUDPLANS_TOKENS.expired, user: CLOUDPLANS_USERS.owner, expired: true },
];

export interface CloudPlansSeed {
  organizations: OrganizationRecord[];
  /** The user each token that is not expired logs in as, by token. */
  users: Map<string, string>;
  /** What the owner of org-acme knows from the console: its organization and its plan. */
  fixtures: Fixtures;
}

/** Invoice amounts in cents, drawn for seeds other than 0: from 1.00 to 999.99. */
const AMOUNT_CENTS = [100, 99_999] as const;

/** The seed set of `seed` (0: the documented one); every call builds a fresh copy. */
export function cloudplansSeed(seed: number): CloudPlansSeed {
  const g = seeding(seed, specExamples("cloudplans"));
  const ids = Object.fromEntries(Object.entries(CLOUDPLANS_IDS).map(([role, id]) => [role, g.prefixedId(id)])) as Record<keyof typeof CLOUDPLANS_IDS, string>;
  const users = Object.fromEntries(Object.entries(CLOUDPLANS_USERS).map(([role, email]) => [role, g.email(email)])) as Record<
    keyof typeof CLOUDPLANS_USERS,
    string
  >;
  return {
    organizations: seedOrganizations(g, ids, users),
    users: new Map(SEED_TOKENS.filter((entry) => !entry.expired).map((entry) => [entry.token, g.email(entry.user)])),
    // The organization's owner: the contract's refusals (the owner cannot leave or change role) name them.
    fixtures: { values: { org_id: ids.acme, plan_id: ids.planOfficeHours, owner_email: users.owner }, operations: {} },
  };
}

function seedOrganizations(
  g: Seeding,
  ids: Record<keyof typeof CLOUDPLANS_IDS, string>,
  users: Record<keyof typeof CLOUDPLANS_USERS, string>,
): OrganizationRecord[] {
  const money = (cents: number) => formatCents(g.cents(cents, ...AMOUNT_CENTS));
  const acme: OrganizationRecord = {
    id: ids.acme,
    name: g.name("Acme Scheduling"),
    owner: users.owner,
    members: [
      { email: users.owner, role: "owner", state: "active" },
      { email: users.admin, role: "admin", state: "active" },
      { email: users.billing, role: "billing", state: "active" },
      { email: users.planner, role: "planner", state: "active" },
      { email: users.viewer, role: "viewer", state: "active" },
      { email: users.inactive, role: "viewer", state: "inactive" },
    ],
    mfa: { view: false, create: true, update: true, delete: true, usersmgmt: true },
    subscription: { plan: "monthly", quantity: 10, paymentExp: "12/2027" },
    invoices: [
      { id: ids.invoicePaid, status: "paid", date: "2025-04-01", dueDate: "2025-04-15", amount: money(5990) },
      { id: ids.invoiceUnpaid, status: "unpaid", date: "2025-05-01", dueDate: "2025-05-15", amount: money(5990) },
    ],
    credentials: [
      {
        id: ids.credAws,
        type: "aws",
        name: g.name("aws-production"),
        comments: "Production account 123456789012",
        specific: { role: `arn:aws:iam::${g.name("123456789012")}:role/CloudPlansScheduler` },
        lastTime: "2025-05-14T08:30:00Z",
      },
      {
        id: ids.credAzure,
        type: "azure",
        name: g.name("azure-development"),
        comments: "Development subscription",
        specific: {
          tenant: g.uuid("4d3c2b1a-0f9e-4d8c-b7a6-958473625140"),
          clientId: g.uuid("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"),
          key: "example-client-secret",
          subscription: g.uuid("1b2c3d4e-5f60-4718-9a0b-c1d2e3f40516"),
        },
        lastTime: "2025-05-14T08:30:00Z",
      },
      {
        id: ids.credGcp,
        type: "gcp",
        name: g.name("gcp-analytics"),
        comments: "Analytics project",
        specific: { project: g.name("acme-analytics-prod") },
        lastTime: "2025-05-13T17:00:00Z",
      },
    ],
    plans: [
      {
        id: ids.planOfficeHours,
        name: g.name("Office hours"),
        description: "Runs the office workloads on weekdays from 08:00 to 18:00.",
        schedule: { start: "8", duration: "10", timezone: "UTC +1", days: ["L", "M", "X", "J", "V"] },
        resources: [
          {
            id: g.prefixedId("i-0a1b2c3d4e5f60001"),
            resourceName: g.name("web-01"),
            type: "ec2",
            status: "active",
            credential: ids.credAws,
            index: 1,
            extra: { region: "eu-west-1" },
          },
          {
            id: g.prefixedId("i-0a1b2c3d4e5f60002"),
            resourceName: g.name("db-01"),
            type: "ec2",
            status: "active",
            credential: ids.credAws,
            index: 2,
            extra: { region: "eu-west-1" },
          },
          {
            id: g.prefixedId("vm-reporting-01"),
            resourceName: g.name("reporting-vm"),
            type: "vm",
            status: "active",
            credential: ids.credAzure,
            index: 3,
            extra: { resource_group: g.name("rg-reporting") },
          },
        ],
        dependencies: true,
        state: "active",
      },
    ],
  };

  const globex: OrganizationRecord = {
    id: ids.globex,
    name: g.name("Globex Labs"),
    owner: users.outsider,
    members: [{ email: users.outsider, role: "owner", state: "active" }],
    mfa: { view: false, create: false, update: false, delete: false, usersmgmt: false },
    subscription: null,
    invoices: [],
    credentials: [
      {
        id: ids.globexAws,
        type: "aws",
        name: g.name("globex-aws"),
        comments: "",
        specific: { role: `arn:aws:iam::${g.name("210987654321")}:role/CloudPlansScheduler` },
        lastTime: "2025-05-10T09:00:00Z",
      },
      {
        id: ids.globexAzure,
        type: "azure",
        name: g.name("globex-azure"),
        comments: "",
        specific: {
          tenant: g.uuid("0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0"),
          clientId: g.uuid("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"),
          key: "globex-client-secret",
        },
        lastTime: "2025-05-10T09:00:00Z",
      },
      {
        id: ids.globexGcp,
        type: "gcp",
        name: g.name("globex-gcp"),
        comments: "",
        specific: { project: g.name("globex-labs-trial") },
        lastTime: "2025-05-10T09:00:00Z",
      },
    ],
    plans: [
      {
        id: ids.planGlobexTrial,
        name: g.name("Trial"),
        description: "The free plan, with the free tier's three resources.",
        schedule: { start: "9", duration: "8", timezone: "UTC", days: ["L", "M", "X", "J", "V"] },
        resources: [
          {
            id: g.prefixedId("i-0f9e8d7c6b5a40001"),
            resourceName: g.name("lab-01"),
            type: "ec2",
            status: "active",
            credential: ids.globexAws,
            index: 1,
            extra: { region: "us-east-1" },
          },
          {
            id: g.prefixedId("vm-globex-01"),
            resourceName: g.name("lab-vm"),
            type: "vm",
            status: "active",
            credential: ids.globexAzure,
            index: 2,
            extra: { resource_group: g.name("rg-lab") },
          },
          { id: g.prefixedId("gce-globex-01"), resourceName: g.name("lab-gce"), type: "gce", status: "active", credential: ids.globexGcp, index: 3, extra: {} },
        ],
        dependencies: false,
        state: "active",
      },
    ],
  };

  return [acme, globex];
}
