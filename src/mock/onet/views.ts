/**
 * State records as the API shows them (the spec's schemas), and the timeline that moves asynchronous
 * tasks along. Beyond the documented fields, the spec declares (as assumed) what the mock's rules make
 * observable: an instance's description, hostname, tags and last task, a hosting account's status and
 * pending cancellation.
 */
import type { components } from "../../../generated/onet/schema.js";
import type { MockReply } from "../types.js";
import { centsToNumber, formatCents } from "./money.js";
import type { DomainRecord, DomainTaskRecord, HostingRecord, InstanceRecord, InstanceTaskRecord, OnetState, OrderRecord, OrganizationRecord } from "./state.js";

type Schemas = components["schemas"];

/** DRF answers with the object itself, in no envelope. */
export const ok = (body: unknown): MockReply => ({ status: 200, body });
export const created = (body: unknown): MockReply => ({ status: 201, body });

/**
 * Tasks run on the mock's clock (`startMock(api, { now })`): pending when created, running after
 * `startsAfterMs`, completed after `completesAfterMs`. Tests move the clock instead of sleeping.
 */
export const TASK_TIMELINE = { startsAfterMs: 2_000, completesAfterMs: 10_000 } as const;

export interface TaskProgress {
  status: "pending" | "running" | "completed";
  started_at: string | null;
  completed_at: string | null;
  modified: string;
}

export function taskProgress(createdAt: Date, now: Date): TaskProgress {
  const age = now.getTime() - createdAt.getTime();
  const at = (offset: number) => new Date(createdAt.getTime() + offset).toISOString();
  const started_at = age >= TASK_TIMELINE.startsAfterMs ? at(TASK_TIMELINE.startsAfterMs) : null;
  const completed_at = age >= TASK_TIMELINE.completesAfterMs ? at(TASK_TIMELINE.completesAfterMs) : null;
  return {
    status: completed_at ? "completed" : started_at ? "running" : "pending",
    started_at,
    completed_at,
    modified: completed_at ?? started_at ?? createdAt.toISOString(),
  };
}

export function sizeOf(state: OnetState, id: string): Schemas["Size"] {
  const size = state.catalogue.sizes.find((candidate) => candidate.id === id);
  if (!size) throw new Error(`seed bug: no size ${id}`);
  return size;
}

export function toInstance(state: OnetState, instance: InstanceRecord): Schemas["Instance"] {
  const location = state.catalogue.locations.find((candidate) => candidate.id === instance.locationId);
  const vpc = state.catalogue.vpcs.find((candidate) => candidate.id === instance.vpcId);
  if (!location || !vpc) throw new Error(`seed bug: instance ${instance.id} has no location or VPC`);
  return {
    id: instance.id,
    legacy_id: instance.legacyId,
    organization_id: instance.organizationId,
    project_id: instance.projectId,
    name: instance.name,
    status: instance.status,
    size: sizeOf(state, instance.sizeId),
    location,
    vpc,
    description: instance.description,
    hostname: instance.hostname,
    tags: instance.tags,
    last_task_id: instance.lastTaskId,
  };
}

export function toInstanceTask(state: OnetState, task: InstanceTaskRecord, now: Date): Schemas["InstanceTask"] {
  const instance = state.instances.get(task.instanceId)!;
  const progress = taskProgress(task.createdAt, now);
  return {
    id: task.id,
    instance_id: instance.id,
    instance: { id: instance.id, name: instance.name },
    task_type: task.taskType,
    status: progress.status,
    result: progress.status === "completed" ? { success: true } : null,
    started_at: progress.started_at,
    completed_at: progress.completed_at,
    retry_count: 0,
    created: task.createdAt.toISOString(),
    modified: progress.modified,
    created_by: state.user,
    parameters: task.parameters,
    max_retries: 3,
  };
}

export function toOrganization(state: OnetState, organization: OrganizationRecord): Schemas["Organization"] {
  const project_count = [...state.projects.values()].filter((project) => project.organizationId === organization.profile.id).length;
  return { ...organization.profile, project_count };
}

export function toWebHosting(state: OnetState, hosting: HostingRecord): Schemas["WebHosting"] {
  const plan = state.catalogue.hostingPlans.find((candidate) => candidate.id === hosting.planId);
  const server = state.catalogue.hostingServers.find((candidate) => candidate.id === hosting.serverId);
  const project = state.projects.get(hosting.projectId);
  if (!plan || !server || !project) throw new Error(`seed bug: hosting ${hosting.id} has no plan, server or project`);
  return {
    id: hosting.id,
    organization_id: hosting.organizationId,
    project_id: hosting.projectId,
    project_name: project.name,
    domain: hosting.domain,
    plan,
    server,
    website_preview: hosting.websitePreview,
    status: hosting.status,
    cancellation_requested_at: hosting.cancellationRequestedAt,
  };
}

export function toDomain(state: OnetState, domain: DomainRecord) {
  const tld_info = state.catalogue.tlds.find((candidate) => candidate.tld === domain.tld);
  if (!tld_info) throw new Error(`seed bug: domain ${domain.id} has an unknown TLD`);
  const documented: Schemas["Domain"] = {
    id: domain.id,
    legacy_id: domain.legacyId,
    name: domain.name,
    sld: domain.sld,
    tld: domain.tld,
    tld_info,
    status: domain.status,
    registration_date: domain.registrationDate,
    expiration_date: domain.expirationDate,
    auto_renew: domain.autoRenew,
    whois_privacy: domain.whoisPrivacy,
    is_locked: domain.isLocked,
    nameservers: domain.nameservers,
    billing_cycle: domain.billingCycle,
    next_billing_date: domain.nextBillingDate,
    dns_zone: domain.dnsZone,
    website_preview: domain.websitePreview,
    registrant_first_name: domain.contacts.registrant_first_name ?? "",
    registrant_last_name: domain.contacts.registrant_last_name ?? "",
  };
  // The other WHOIS fields are not documented but "may appear"; they show what a contacts update did.
  return { ...domain.contacts, ...documented };
}

export function toDomainTask(task: DomainTaskRecord, now: Date): Schemas["DomainTask"] {
  const progress = taskProgress(task.createdAt, now);
  return {
    id: task.id,
    task_type: task.taskType,
    status: progress.status,
    created: task.createdAt.toISOString(),
    started_at: progress.started_at,
    completed_at: progress.completed_at,
  };
}

export function toAddonActivationOrder(order: OrderRecord): Schemas["AddonActivationOrder"] {
  return {
    order_id: order.id,
    legacy_order_id: order.legacyOrderId,
    invoice_id: order.invoiceId,
    total: formatCents(order.totalCents),
    amount_due: formatCents(order.amountDueCents),
    credit_applied: formatCents(order.creditAppliedCents),
    status: order.status,
    invoice_payment_url: order.invoicePaymentUrl,
  };
}

export function toWebHostingOrder(state: OnetState, order: OrderRecord): Schemas["WebHostingOrderResponse"] {
  if (order.item.kind !== "hosting" || order.invoiceId === null) throw new Error(`mock bug: order ${order.id} is not an invoiced hosting order`);
  const hosting = state.hostings.get(order.item.hostingId)!;
  return {
    order_id: order.legacyOrderId,
    order_number: order.orderNumber,
    invoice_id: order.invoiceId,
    local_order_id: order.id,
    total: centsToNumber(order.totalCents),
    amount_due: centsToNumber(order.amountDueCents),
    credit_applied: centsToNumber(order.creditAppliedCents),
    status: order.status,
    invoice_payment_url: order.invoicePaymentUrl,
    hosting_id: hosting.id,
    hosting_status: hosting.status,
    domain_id: order.item.domainId,
    domain_name: order.item.domainName,
  };
}
