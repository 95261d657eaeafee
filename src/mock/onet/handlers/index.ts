/** The 17 OnetSolutions operations and their business rules, over one account's in-memory state. */
import { randomUUID } from "node:crypto";
import type { components, operations } from "../../../../generated/onet/schema.js";
import type { MockContext, MockHandler, MockReply } from "../../types.js";
import { onetErrors } from "../errors.js";
import { splitPayment, toCents } from "../money.js";
import type { DomainRecord, HostingRecord, InstanceRecord, OnetState, OrderRecord, OrganizationRecord, ProjectRecord } from "../state.js";
import {
  sizeOf,
  taskProgress,
  toAddonActivationOrder,
  toDomain,
  toDomainTask,
  toInstance,
  toInstanceTask,
  toOrganization,
  toWebHosting,
  toWebHostingOrder,
} from "../views.js";
import { websitePreview } from "../seed.js";
import { applyPresent } from "../../patch.js";

type Schemas = components["schemas"];
type Context = MockContext<OnetState>;

const ok = (body: unknown): MockReply => ({ status: 200, body });
const created = (body: unknown): MockReply => ({ status: 201, body });

/** DRF PageNumberPagination as the mock configures it: 20 per page unless `page_size` says otherwise, at most 100. */
export const PAGINATION = { defaultPageSize: 20, maxPageSize: 100 } as const;

/** Which body fields each web-hosting domain source needs (the spec's x-assumed rule). */
const DOMAIN_SOURCE_FIELDS = {
  register: ["domain_name"],
  transfer: ["domain_name", "epp_code"],
  existing: ["domain_id"],
  external: ["domain_name"],
} as const satisfies Record<Schemas["WebHostingOrderRequest"]["domain_source"], readonly (keyof Schemas["WebHostingOrderRequest"])[]>;

const ACTIVATION_DEFAULT_CYCLE = "monthly";
const HOSTING_DEFAULT_CYCLE = "monthly";
const INVOICE_URL = "https://billing.onetsolutions.net/viewinvoice.php?id=";
const DOMAIN_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

// ------------------------------------------------------------------ lookups: anything out of scope is 404

interface Scope {
  organization: OrganizationRecord;
  project: ProjectRecord;
}

function organizationOf(state: OnetState, id: string): OrganizationRecord {
  const organization = state.organizations.get(id);
  // Another customer's organization is as unknown as one that does not exist.
  if (!organization?.member) throw onetErrors.notFound();
  return organization;
}

function scopeOf(state: OnetState, params: Record<string, string>): Scope {
  const organization = organizationOf(state, params.organization_id!);
  const project = state.projects.get(params.project_id!);
  if (!project || project.organizationId !== organization.profile.id) throw onetErrors.notFound();
  return { organization, project };
}

function inScope<T extends { projectId: string | null }>(record: T | undefined, scope: Scope): T {
  if (!record || record.projectId !== scope.project.id) throw onetErrors.notFound();
  return record;
}

// ------------------------------------------------------------------ tasks and orders

function startTask(state: OnetState, instance: InstanceRecord, taskType: string, parameters: unknown, now: Date): void {
  const id = randomUUID();
  state.tasks.set(id, { id, instanceId: instance.id, taskType, parameters, createdAt: now });
  instance.lastTaskId = id;
}

/** Contacts updates take effect when their task completes; reads call this first. */
function settleDomainTasks(state: OnetState, now: Date): void {
  for (const task of state.domainTasks.values()) {
    if (task.applied || taskProgress(task.createdAt, now).status !== "completed") continue;
    Object.assign(state.domains.get(task.domainId)!.contacts, task.contacts);
    task.applied = true;
  }
}

/**
 * Creates an order paid with credit first. What credit does not cover stays due on an unpaid invoice,
 * which needs a saved payment method: without one the order is refused and nothing changes. Every
 * hosting order is invoiced (its response always carries an invoice); an add-on order only when it
 * costs something.
 */
function placeOrder(state: OnetState, organization: OrganizationRecord, totalCents: number, now: Date, item: OrderRecord["item"]): OrderRecord {
  const split = splitPayment(totalCents, organization.creditCents);
  if (split.amountDueCents > 0 && organization.paymentMethod === null) {
    throw onetErrors.rule("Your credit does not cover this order and no payment method is saved for this organization.");
  }
  organization.creditCents -= split.creditAppliedCents;
  const legacyOrderId = state.next.order++;
  const invoiceId = totalCents > 0 || item.kind === "hosting" ? state.next.invoice++ : null;
  const order: OrderRecord = {
    id: randomUUID(),
    legacyOrderId,
    orderNumber: String(8_316_500_000 + legacyOrderId),
    invoiceId,
    organizationId: organization.profile.id,
    ...split,
    status: split.amountDueCents === 0 ? "paid" : "unpaid",
    invoicePaymentUrl: split.amountDueCents > 0 && invoiceId !== null ? `${INVOICE_URL}${invoiceId}` : null,
    createdAt: now.toISOString(),
    item,
  };
  state.orders.push(order);
  return order;
}

// ------------------------------------------------------------------ compute

function replaceInstance({ state, params, body, now }: Context): MockReply {
  const instance = inScope(state.instances.get(params.id!), scopeOf(state, params));
  const input = body as Schemas["InstanceUpdateRequest"];
  // DRF CharFields refuse blanks unless told otherwise; a description may be blank.
  const blank = (["name", "hostname"] as const).filter((field) => typeof input[field] === "string" && input[field].trim() === "");
  if (blank.length > 0) throw onetErrors.fields(Object.fromEntries(blank.map((field) => [field, ["This field may not be blank."]])));
  // Only the metadata changes; size_id, location_id, image_id, vpc_id, os_name and billing_cycle are ignored.
  applyPresent(instance, input, ["name", "description", "tags"]);
  if (input.hostname !== undefined && input.hostname !== instance.hostname) {
    instance.hostname = input.hostname;
    startTask(state, instance, "change_hostname", { hostname: input.hostname }, now);
  }
  return ok(toInstance(state, instance));
}

function activateInstanceAddon({ state, params, body, now }: Context): MockReply {
  const scope = scopeOf(state, params);
  const instance = inScope(state.instances.get(params.id!), scope);
  const input = body as Schemas["AddonActivateRequest"];
  const cycle = input.billing_cycle ?? ACTIVATION_DEFAULT_CYCLE;
  // The addon's id, or the size-addon link's id (`available_addons[].id`).
  const matches = (link: Schemas["SizeAddon"]) => link.addon.id === input.addon_id || link.id === input.addon_id;
  const known = state.catalogue.sizes.flatMap((size) => size.available_addons).find(matches);
  if (!known) throw onetErrors.field("addon_id", `Invalid pk "${input.addon_id}" - object does not exist.`);
  const size = sizeOf(state, instance.sizeId);
  const offer = size.available_addons.find((link) => matches(link) && link.is_active && link.addon.is_active);
  if (!offer) throw onetErrors.rule(`The addon "${known.addon.slug}" is not offered for the instance's size (${size.slug}).`);
  if (instance.status === "suspended") throw onetErrors.rule("This instance is suspended; reactivate it before adding addons.");
  if (instance.activeAddonIds.includes(offer.addon.id)) throw onetErrors.rule(`The addon "${offer.addon.slug}" is already active on this instance.`);
  const price = offer.pricing_options.find((option) => option.billing_cycle === cycle && option.is_active);
  if (!price) throw onetErrors.field("billing_cycle", `The addon "${offer.addon.slug}" has no ${cycle} price for size ${size.slug}.`);
  const order = placeOrder(state, scope.organization, toCents(price.price), now, { kind: "addon", instanceId: instance.id, addonId: offer.addon.id, billingCycle: cycle });
  instance.activeAddonIds.push(offer.addon.id);
  return created(toAddonActivationOrder(order));
}

function unsuspendInstance({ state, params, now }: Context): MockReply {
  const scope = scopeOf(state, params);
  const instance = inScope(state.instances.get(params.id!), scope);
  if (instance.status !== "suspended") throw onetErrors.rule("This instance is not suspended.");
  // The overdue amount is settled from credit first; a payment method covers the rest.
  const split = splitPayment(instance.overdueCents, scope.organization.creditCents);
  if (split.amountDueCents > 0 && scope.organization.paymentMethod === null) {
    throw onetErrors.rule("Reactivation needs enough account credit or an active payment method.");
  }
  scope.organization.creditCents -= split.creditAppliedCents;
  instance.overdueCents = 0;
  instance.status = "running";
  // "Upon successful reactivation, the instance will be started automatically."
  startTask(state, instance, "start_vps", {}, now);
  return ok(toInstance(state, instance));
}

function getConsoleSession({ state, params }: Context): MockReply {
  const instance = inScope(state.instances.get(params.id!), scopeOf(state, params));
  const session = state.consoleSessions.get(params.session_id!);
  if (!session || session.instanceId !== instance.id) throw onetErrors.notFound();
  // The page's example response is the Instance (spec: ConsoleSession, an open object).
  return ok(toInstance(state, instance));
}

function getComputeTask({ state, params, now }: Context): MockReply {
  const scope = scopeOf(state, params);
  const task = state.tasks.get(params.id!);
  inScope(task && state.instances.get(task.instanceId), scope);
  return ok(toInstanceTask(state, task!, now));
}

function getInstanceTask({ state, params, now }: Context): MockReply {
  const instance = inScope(state.instances.get(params.instance_id!), scopeOf(state, params));
  const task = state.tasks.get(params.id!);
  // A task of another instance is not found under this one.
  if (!task || task.instanceId !== instance.id) throw onetErrors.notFound();
  return ok(toInstanceTask(state, task, now));
}

function deleteImage({ state, params }: Context): MockReply {
  const scope = scopeOf(state, params);
  const image = state.images.get(params.id!);
  // Platform images exist for everyone, so refusing is more truthful than "not found".
  if (image?.visibility === "public") throw onetErrors.permissionDenied();
  inScope(image, scope);
  const users = [...state.instances.values()].filter((instance) => instance.imageId === image!.id && instance.status === "running");
  if (users.length > 0) throw onetErrors.rule(`This image is in use by running instances (${users.map((instance) => instance.name).join(", ")}) and cannot be deleted.`);
  state.images.delete(image!.id);
  return { status: 204 };
}

// ------------------------------------------------------------------ web hosting

function pageUrl(context: Context, page: number | null): string {
  const path = context.operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(context.params[name] ?? ""));
  const query = new URLSearchParams(Object.entries(context.query).map(([name, value]): [string, string] => [name, String(value)]));
  // Like DRF, the link to page 1 has no page parameter.
  if (page === null || page === 1) query.delete("page");
  else query.set("page", String(page));
  const search = query.toString();
  return `http://${context.headers.host ?? "localhost"}${path}${search ? `?${search}` : ""}`;
}

function listWebHosting(context: Context): MockReply {
  const { state, params, query } = context;
  const scope = scopeOf(state, params);
  const all = [...state.hostings.values()].filter((hosting) => hosting.projectId === scope.project.id);
  const page = (query.page as number | undefined) ?? 1;
  const pageSize = Math.min((query.page_size as number | undefined) ?? PAGINATION.defaultPageSize, PAGINATION.maxPageSize);
  const pages = Math.max(1, Math.ceil(all.length / pageSize));
  if (page > pages) throw onetErrors.invalidPage();
  const body: Schemas["PaginatedWebHostingList"] = {
    count: all.length,
    next: page < pages ? pageUrl(context, page + 1) : null,
    previous: page > 1 ? pageUrl(context, page - 1) : null,
    results: all.slice((page - 1) * pageSize, page * pageSize).map((hosting) => toWebHosting(state, hosting)),
  };
  return ok(body);
}

interface PlannedDomain {
  name: string;
  /** The domain record to create (register, transfer) or the one used (existing); null for external. */
  record: DomainRecord | null;
  isNew: boolean;
  priceCents: number;
}

function plannedDomain(state: OnetState, scope: Scope, input: Schemas["WebHostingOrderRequest"], now: Date): PlannedDomain {
  if (input.domain_source === "existing") {
    const domain = state.domains.get(input.domain_id!);
    if (!domain || domain.organizationId !== scope.organization.profile.id) throw onetErrors.field("domain_id", `Invalid pk "${input.domain_id}" - object does not exist.`);
    return { name: domain.name, record: domain, isNew: false, priceCents: 0 };
  }
  const name = input.domain_name!.trim().toLowerCase();
  if (!DOMAIN_NAME.test(name)) throw onetErrors.field("domain_name", "Enter a valid domain name.");
  if (input.domain_source === "external") return { name, record: null, isNew: false, priceCents: 0 };
  const dot = name.indexOf(".");
  const [sld, tldName] = [name.slice(0, dot), name.slice(dot + 1)];
  const registering = input.domain_source === "register";
  const tld = state.catalogue.tlds.find((candidate) => candidate.tld === tldName && candidate.is_active && (registering ? candidate.is_registration_available : candidate.is_transfer_available));
  if (!tld) throw onetErrors.field("domain_name", `.${tldName} domains cannot be ${registering ? "registered" : "transferred"} here.`);
  if ([...state.domains.values()].some((domain) => domain.name === name)) throw onetErrors.field("domain_name", "This domain is already managed by OnetSolutions.");
  const oneYear = tld.pricing.find((option) => option.years === 1)!;
  const today = now.toISOString().slice(0, 10);
  const expiry = new Date(now);
  expiry.setUTCFullYear(expiry.getUTCFullYear() + 1);
  const record: DomainRecord = {
    id: randomUUID(),
    legacyId: state.next.domainLegacyId,
    organizationId: scope.organization.profile.id,
    projectId: scope.project.id,
    name,
    sld,
    tld: tld.tld,
    status: registering ? "pending" : "pending_transfer",
    registrationDate: today,
    expirationDate: expiry.toISOString().slice(0, 10),
    autoRenew: true,
    whoisPrivacy: false,
    isLocked: registering,
    nameservers: ["ns1.onetsolutions.net", "ns2.onetsolutions.net"],
    billingCycle: 1,
    nextBillingDate: expiry.toISOString().slice(0, 10),
    dnsZone: { id: randomUUID(), zone_name: name, mode: "onetsolutions", cloudflare_nameservers: [], is_active: true, is_verified: false, record_count: 0, created: now.toISOString(), modified: now.toISOString() },
    websitePreview: pendingPreview(name, now),
    contacts: { registrant_first_name: state.user.first_name, registrant_last_name: state.user.last_name },
  };
  return { name, record, isNew: true, priceCents: toCents(registering ? oneYear.registration_price : oneYear.transfer_price) };
}

/** A site nobody has checked yet. */
function pendingPreview(domain: string, now: Date): Schemas["WebsitePreview"] {
  return { ...websitePreview(domain, now.toISOString()), http_status: 0, page_title: "", meta_description: "", ssl_status: "pending", ssl_issuer: "", error_message: "" };
}

function orderWebHosting({ state, params, body, now }: Context): MockReply {
  const scope = scopeOf(state, params);
  const input = body as Schemas["WebHostingOrderRequest"];
  const plan = state.catalogue.hostingPlans.find((candidate) => candidate.id === input.plan_id && candidate.is_active);
  if (!plan) throw onetErrors.field("plan_id", `Invalid pk "${input.plan_id}" - object does not exist.`);
  const missing = DOMAIN_SOURCE_FIELDS[input.domain_source].filter((field) => input[field] === undefined || input[field] === null || input[field] === "");
  if (missing.length > 0) {
    throw onetErrors.fields(Object.fromEntries(missing.map((field) => [field, [`This field is required when domain_source is "${input.domain_source}".`]])));
  }
  const cycle = input.billing_cycle ?? HOSTING_DEFAULT_CYCLE;
  const price = plan.pricing.find((option) => option.billing_cycle === cycle);
  if (!price) throw onetErrors.field("billing_cycle", `"${cycle}" is not a billing cycle of the ${plan.slug} plan.`);
  const domain = plannedDomain(state, scope, input, now);
  if ([...state.hostings.values()].some((hosting) => hosting.domain === domain.name)) {
    throw onetErrors.field(input.domain_source === "existing" ? "domain_id" : "domain_name", "This domain already has a web hosting account.");
  }
  const hosting: HostingRecord = {
    id: randomUUID(),
    organizationId: scope.organization.profile.id,
    projectId: scope.project.id,
    domain: domain.name,
    planId: plan.id,
    serverId: state.catalogue.hostingServers.find((server) => server.is_active)!.id,
    status: "pending",
    cancellationRequestedAt: null,
    websitePreview: pendingPreview(domain.name, now),
  };
  // The order first: if it cannot be paid for, no domain or account is created.
  const order = placeOrder(state, scope.organization, toCents(price.price) + domain.priceCents, now, {
    kind: "hosting",
    hostingId: hosting.id,
    planId: plan.id,
    billingCycle: cycle,
    domainName: domain.name,
    domainId: domain.record?.id ?? null,
  });
  if (domain.record && domain.isNew) {
    state.domains.set(domain.record.id, domain.record);
    state.next.domainLegacyId += 1;
  }
  state.hostings.set(hosting.id, hosting);
  return created(toWebHostingOrder(state, order));
}

function cancelWebHosting({ state, params, now }: Context): MockReply {
  const hosting = inScope(state.hostings.get(params.id!), scopeOf(state, params));
  if (hosting.cancellationRequestedAt !== null) throw onetErrors.rule("A cancellation request is already pending for this web hosting account.");
  hosting.cancellationRequestedAt = now.toISOString();
  return ok(toWebHosting(state, hosting));
}

function revokeWebHostingCancellation({ state, params }: Context): MockReply {
  const hosting = inScope(state.hostings.get(params.id!), scopeOf(state, params));
  if (hosting.cancellationRequestedAt === null) throw onetErrors.rule("This web hosting account has no pending cancellation request.");
  hosting.cancellationRequestedAt = null;
  return ok(toWebHosting(state, hosting));
}

function getHostingPlan({ state, params }: Context): MockReply {
  // The catalogue is not scoped to an organization.
  const plan = state.catalogue.hostingPlans.find((candidate) => candidate.id === params.id && candidate.is_active);
  if (!plan) throw onetErrors.notFound();
  return ok(plan);
}

// ------------------------------------------------------------------ domains

function domainOf({ state, params, now }: Context): DomainRecord {
  const domain = inScope(state.domains.get(params.id!), scopeOf(state, params));
  settleDomainTasks(state, now);
  return domain;
}

function getDomain(context: Context): MockReply {
  return ok(toDomain(context.state, domainOf(context)));
}

function setDomainAutoRenew(context: Context): MockReply {
  const domain = domainOf(context);
  domain.autoRenew = (context.body as Schemas["DomainAutoRenewRequest"]).auto_renew;
  return ok(toDomain(context.state, domain));
}

function setDomainPrivacy(context: Context): MockReply {
  const domain = domainOf(context);
  const tld = context.state.catalogue.tlds.find((candidate) => candidate.tld === domain.tld)!;
  if (!tld.whois_privacy_available) throw onetErrors.rule(`WHOIS privacy is not available for .${tld.tld} domains.`);
  // Setting the state it already has is not an error: the toggle says which state to reach.
  domain.whoisPrivacy = context.params.action_type === "enable";
  return ok(toDomain(context.state, domain));
}

function updateDomainContacts(context: Context): MockReply {
  const domain = domainOf(context);
  const contacts = Object.fromEntries(Object.entries(context.body as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const task = { id: randomUUID(), domainId: domain.id, taskType: "update_contacts", createdAt: context.now, contacts, applied: false };
  context.state.domainTasks.set(task.id, task);
  return ok(toDomainTask(task, context.now));
}

// ------------------------------------------------------------------ organizations

function listOrganizations({ state }: Context): MockReply {
  const visible = [...state.organizations.values()].filter((organization) => organization.member);
  // "ordered by organization name" (by code point, as the database collation would for ASCII names).
  visible.sort((a, b) => (a.profile.name < b.profile.name ? -1 : a.profile.name > b.profile.name ? 1 : 0));
  return ok(visible.map((organization) => toOrganization(state, organization)));
}

export const onetHandlers: Record<keyof operations, MockHandler<OnetState>> = {
  replaceInstance,
  activateInstanceAddon,
  unsuspendInstance,
  getConsoleSession,
  getComputeTask,
  getInstanceTask,
  deleteImage,
  listWebHosting,
  orderWebHosting,
  cancelWebHosting,
  revokeWebHostingCancellation,
  getHostingPlan,
  getDomain,
  setDomainAutoRenew,
  setDomainPrivacy,
  updateDomainContacts,
  listOrganizations,
};
