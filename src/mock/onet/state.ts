/** The OnetSolutions mock's in-memory state for one account, built from the seed set. */
import type { components } from "../../../generated/onet/schema.js";
import { onetSeed } from "./seed.js";

type Schemas = components["schemas"];

export interface OrganizationRecord {
  /** What the API shows, except `project_count`, which is counted. */
  profile: Omit<Schemas["Organization"], "project_count">;
  /** Organizations the caller is not a member of are invisible: not listed, 404 on every path. */
  member: boolean;
  /** Account credit, in cents; orders use it first. */
  creditCents: number;
  /** A saved payment method pays what credit does not cover; without one, such an order is refused. */
  paymentMethod: "card" | null;
}

export interface ProjectRecord {
  id: string;
  organizationId: string;
  name: string;
}

export interface InstanceRecord {
  id: string;
  legacyId: number;
  organizationId: string;
  projectId: string;
  name: string;
  description: string;
  hostname: string;
  tags: unknown;
  status: "running" | "suspended";
  sizeId: string;
  locationId: string;
  vpcId: string;
  imageId: string;
  /** What the instance was suspended for, in cents; paid on reactivation. */
  overdueCents: number;
  /** Add-ons (Addon ids) activated on this instance. */
  activeAddonIds: string[];
  lastTaskId: string | null;
}

/** An asynchronous action on an instance; its status follows from its age (see TASK_TIMELINE). */
export interface InstanceTaskRecord {
  id: string;
  instanceId: string;
  taskType: string;
  parameters: unknown;
  createdAt: Date;
}

export interface DomainTaskRecord {
  id: string;
  domainId: string;
  taskType: string;
  createdAt: Date;
  /** The WHOIS contacts the task applies once it completes. */
  contacts: Record<string, string>;
  applied: boolean;
}

export interface ImageRecord {
  id: string;
  name: string;
  visibility: "private" | "public";
  /** Null for the platform's public images. */
  organizationId: string | null;
  projectId: string | null;
}

export interface HostingRecord {
  id: string;
  organizationId: string;
  projectId: string;
  domain: string;
  planId: string;
  serverId: string;
  /** `pending` until an ordered account is set up (the mock never finishes that); seeded ones are `active`. */
  status: "active" | "pending";
  /** When a cancellation was requested and not revoked; null otherwise. */
  cancellationRequestedAt: string | null;
  websitePreview: Schemas["WebsitePreview"];
}

export interface DomainRecord {
  id: string;
  legacyId: number;
  organizationId: string;
  projectId: string;
  name: string;
  sld: string;
  tld: string;
  status: string;
  registrationDate: string;
  expirationDate: string;
  autoRenew: boolean;
  whoisPrivacy: boolean;
  isLocked: boolean;
  nameservers: unknown;
  billingCycle: number;
  nextBillingDate: string;
  dnsZone: Schemas["DnsZone"];
  websitePreview: Schemas["WebsitePreview"];
  /** WHOIS contact fields (`registrant_first_name`, `admin_email`, ...). */
  contacts: Record<string, string>;
}

/** Every order, in integer cents: total = creditApplied + amountDue always. */
export interface OrderRecord {
  id: string;
  legacyOrderId: number;
  orderNumber: string;
  invoiceId: number | null;
  organizationId: string;
  totalCents: number;
  creditAppliedCents: number;
  amountDueCents: number;
  status: "paid" | "unpaid";
  invoicePaymentUrl: string | null;
  createdAt: string;
  item:
    | { kind: "addon"; instanceId: string; addonId: string; billingCycle: string }
    | { kind: "hosting"; hostingId: string; planId: string; billingCycle: string; domainName: string; domainId: string | null };
}

export interface OnetState {
  user: Schemas["TaskUser"];
  /** The read-only catalogue, the same for every account. */
  catalogue: {
    sizes: readonly Schemas["Size"][];
    locations: readonly Schemas["Location"][];
    vpcs: readonly Schemas["Vpc"][];
    hostingPlans: readonly Schemas["HostingPlan"][];
    hostingServers: readonly Schemas["HostingServer"][];
    tlds: readonly Schemas["TldInfo"][];
  };
  organizations: Map<string, OrganizationRecord>;
  projects: Map<string, ProjectRecord>;
  instances: Map<string, InstanceRecord>;
  tasks: Map<string, InstanceTaskRecord>;
  consoleSessions: Map<string, { id: string; instanceId: string }>;
  images: Map<string, ImageRecord>;
  /** In creation order, which is the order lists page in. */
  hostings: Map<string, HostingRecord>;
  domains: Map<string, DomainRecord>;
  domainTasks: Map<string, DomainTaskRecord>;
  orders: OrderRecord[];
  next: { order: number; invoice: number; domainLegacyId: number };
}

/** A fresh account of the seed set of `seed` (0: the documented one; see MockServerOptions.seed). */
export function createOnetState(now: Date, seed = 0): OnetState {
  // onetSeed builds new records on every call: the account owns them, no copy needed.
  const data = onetSeed(seed);
  return {
    user: data.user,
    catalogue: data.catalogue,
    organizations: new Map(data.organizations.map((organization) => [organization.profile.id, organization])),
    projects: new Map(data.projects.map((project) => [project.id, project])),
    instances: new Map(data.instances.map((instance) => [instance.id, instance])),
    tasks: new Map(data.tasks.map((task) => [task.id, { ...task, createdAt: now }])),
    consoleSessions: new Map(data.consoleSessions.map((session) => [session.id, session])),
    images: new Map(data.images.map((image) => [image.id, image])),
    hostings: new Map(data.hostings.map((hosting) => [hosting.id, hosting])),
    domains: new Map(data.domains.map((domain) => [domain.id, domain])),
    domainTasks: new Map(),
    orders: [],
    next: data.firstNumbers,
  };
}
