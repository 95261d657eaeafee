/** The Cloud Plans mock's in-memory state: one world of organizations, shared by every token. */
import type { components } from "../../../generated/cloudplans/schema.js";
import { cloudplansSeed } from "./seed.js";

type Schemas = components["schemas"];

export type Role = "owner" | "admin" | "billing" | "planner" | "viewer";
export type UserState = Schemas["UserState"];
export type CredentialType = Schemas["CredentialType"];

export interface MemberRecord {
  /** Users are identified by their e-mail address. */
  email: string;
  role: Role;
  /** An inactive member belongs to the organization but cannot use it. */
  state: UserState;
}

export interface CredentialRecord {
  id: string;
  type: CredentialType;
  name: string;
  comments: string;
  /** The provider-specific fields; stored, never listed. */
  specific: Record<string, string>;
  lastTime: string;
}

export interface ResourceRecord {
  id: string;
  resourceName: string;
  type: string;
  status: string;
  credential: string;
  index: number;
  /** What Add Resource accepts besides and no read returns (instanceName, reason, region, resource_group). */
  extra: Record<string, string>;
}

export interface PlanRecord {
  id: string;
  name: string;
  /** Accepted by Create Plan, never returned. */
  description: string;
  /** As the reads show it: hours as strings, like the docs' examples. */
  schedule: { start: string; duration: string; timezone: string; days: string[] };
  resources: ResourceRecord[];
  dependencies: boolean;
  state: Schemas["PlanState"];
}

/** An organization has a subscription only while it is active; without one it is on the free tier. */
export interface SubscriptionRecord {
  plan: string;
  quantity: number;
  paymentExp: string;
}

export interface InvoiceRecord {
  id: string;
  status: "paid" | "unpaid";
  date: string;
  dueDate: string;
  amount: string;
}

export interface OrganizationRecord {
  id: string;
  name: string;
  /** The owner's e-mail: the organization's first user. */
  owner: string;
  /** In the order they joined; the owner first. */
  members: MemberRecord[];
  mfa: Schemas["MfaRequirements"];
  subscription: SubscriptionRecord | null;
  /** Oldest first. */
  invoices: InvoiceRecord[];
  credentials: CredentialRecord[];
  plans: PlanRecord[];
}

/** A Create subscription link that has not been paid yet, or has been (paying it twice is refused). */
export interface CheckoutSessionRecord {
  id: string;
  orgId: string;
  quantity: number;
  createdAt: string;
  paidAt: string | null;
}

export interface CloudPlansState {
  /** Who each seeded token logs in as: the e-mails are the seed's, like every user id. */
  users: Map<string, string>;
  organizations: Map<string, OrganizationRecord>;
  checkouts: Map<string, CheckoutSessionRecord>;
}

/** The world of the seed set of `seed` (0: the documented one; see MockServerOptions.seed). */
export function createCloudPlansState(seed = 0): CloudPlansState {
  // cloudplansSeed builds new records on every call: the world owns them, no copy needed.
  const data = cloudplansSeed(seed);
  return {
    users: data.users,
    organizations: new Map(data.organizations.map((organization) => [organization.id, organization])),
    checkouts: new Map(),
  };
}
