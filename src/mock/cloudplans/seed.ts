/**
 * The Cloud Plans mock's seed set: one world shared by every token, as a Private deployment's
 * long-term keys would see it. org-acme holds the spec's example data (so each example request finds
 * its objects) and one user per role; org-globex has no subscription and sits exactly at every
 * free-tier limit. The README's seed table lists these values.
 */
import type { OrganizationRecord } from "./state.js";

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

/** Who each token logs in as; an expired token authenticates nobody. */
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

const ACME: OrganizationRecord = {
  id: CLOUDPLANS_IDS.acme,
  name: "Acme Scheduling",
  owner: CLOUDPLANS_USERS.owner,
  members: [
    { email: CLOUDPLANS_USERS.owner, role: "owner", state: "active" },
    { email: CLOUDPLANS_USERS.admin, role: "admin", state: "active" },
    { email: CLOUDPLANS_USERS.billing, role: "billing", state: "active" },
    { email: CLOUDPLANS_USERS.planner, role: "planner", state: "active" },
    { email: CLOUDPLANS_USERS.viewer, role: "viewer", state: "active" },
    { email: CLOUDPLANS_USERS.inactive, role: "viewer", state: "inactive" },
  ],
  mfa: { view: false, create: true, update: true, delete: true, usersmgmt: true },
  subscription: { plan: "monthly", quantity: 10, paymentExp: "12/2027" },
  invoices: [
    { id: CLOUDPLANS_IDS.invoicePaid, status: "paid", date: "2025-04-01", dueDate: "2025-04-15", amount: "59.90" },
    { id: CLOUDPLANS_IDS.invoiceUnpaid, status: "unpaid", date: "2025-05-01", dueDate: "2025-05-15", amount: "59.90" },
  ],
  credentials: [
    {
      id: CLOUDPLANS_IDS.credAws,
      type: "aws",
      name: "aws-production",
      comments: "Production account 123456789012",
      specific: { role: "arn:aws:iam::123456789012:role/CloudPlansScheduler" },
      lastTime: "2025-05-14T08:30:00Z",
    },
    {
      id: CLOUDPLANS_IDS.credAzure,
      type: "azure",
      name: "azure-development",
      comments: "Development subscription",
      specific: {
        tenant: "4d3c2b1a-0f9e-4d8c-b7a6-958473625140",
        clientId: "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
        key: "example-client-secret",
        subscription: "1b2c3d4e-5f60-4718-9a0b-c1d2e3f40516",
      },
      lastTime: "2025-05-14T08:30:00Z",
    },
    {
      id: CLOUDPLANS_IDS.credGcp,
      type: "gcp",
      name: "gcp-analytics",
      comments: "Analytics project",
      specific: { project: "acme-analytics-prod" },
      lastTime: "2025-05-13T17:00:00Z",
    },
  ],
  plans: [
    {
      id: CLOUDPLANS_IDS.planOfficeHours,
      name: "Office hours",
      description: "Runs the office workloads on weekdays from 08:00 to 18:00.",
      schedule: { start: "8", duration: "10", timezone: "UTC +1", days: ["L", "M", "X", "J", "V"] },
      resources: [
        { id: "i-0a1b2c3d4e5f60001", resourceName: "web-01", type: "ec2", status: "active", credential: CLOUDPLANS_IDS.credAws, index: 1, extra: { region: "eu-west-1" } },
        { id: "i-0a1b2c3d4e5f60002", resourceName: "db-01", type: "ec2", status: "active", credential: CLOUDPLANS_IDS.credAws, index: 2, extra: { region: "eu-west-1" } },
        { id: "vm-reporting-01", resourceName: "reporting-vm", type: "vm", status: "active", credential: CLOUDPLANS_IDS.credAzure, index: 3, extra: { resource_group: "rg-reporting" } },
      ],
      dependencies: true,
      state: "active",
    },
  ],
};

const GLOBEX: OrganizationRecord = {
  id: CLOUDPLANS_IDS.globex,
  name: "Globex Labs",
  owner: CLOUDPLANS_USERS.outsider,
  members: [{ email: CLOUDPLANS_USERS.outsider, role: "owner", state: "active" }],
  mfa: { view: false, create: false, update: false, delete: false, usersmgmt: false },
  subscription: null,
  invoices: [],
  credentials: [
    { id: CLOUDPLANS_IDS.globexAws, type: "aws", name: "globex-aws", comments: "", specific: { role: "arn:aws:iam::210987654321:role/CloudPlansScheduler" }, lastTime: "2025-05-10T09:00:00Z" },
    {
      id: CLOUDPLANS_IDS.globexAzure,
      type: "azure",
      name: "globex-azure",
      comments: "",
      specific: { tenant: "0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", clientId: "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", key: "globex-client-secret" },
      lastTime: "2025-05-10T09:00:00Z",
    },
    { id: CLOUDPLANS_IDS.globexGcp, type: "gcp", name: "globex-gcp", comments: "", specific: { project: "globex-labs-trial" }, lastTime: "2025-05-10T09:00:00Z" },
  ],
  plans: [
    {
      id: CLOUDPLANS_IDS.planGlobexTrial,
      name: "Trial",
      description: "The free plan, with the free tier's three resources.",
      schedule: { start: "9", duration: "8", timezone: "UTC", days: ["L", "M", "X", "J", "V"] },
      resources: [
        { id: "i-0f9e8d7c6b5a40001", resourceName: "lab-01", type: "ec2", status: "active", credential: CLOUDPLANS_IDS.globexAws, index: 1, extra: { region: "us-east-1" } },
        { id: "vm-globex-01", resourceName: "lab-vm", type: "vm", status: "active", credential: CLOUDPLANS_IDS.globexAzure, index: 2, extra: { resource_group: "rg-lab" } },
        { id: "gce-globex-01", resourceName: "lab-gce", type: "gce", status: "active", credential: CLOUDPLANS_IDS.globexGcp, index: 3, extra: {} },
      ],
      dependencies: false,
      state: "active",
    },
  ],
};

export const SEED_ORGANIZATIONS: readonly OrganizationRecord[] = [ACME, GLOBEX];
