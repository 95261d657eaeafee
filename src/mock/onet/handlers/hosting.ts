/** The web hosting operations: list (paged as DRF pages), order (with its domain), cancel and revoke a cancellation, and the plan catalogue. */
import { randomUUID } from "node:crypto";
import type { components, operations } from "../../../../generated/onet/schema.js";
import type { HandlerGroup, MockContext, MockReply } from "../../types.js";
import { onetErrors } from "../errors.js";
import { inScope, scopeOf, type Scope } from "../lookup.js";
import { toCents } from "../money.js";
import { placeOrder } from "../orders.js";
import { websitePreview } from "../seed.js";
import type { DomainRecord, HostingRecord, OnetState } from "../state.js";
import { created, ok, toWebHosting, toWebHostingOrder } from "../views.js";

type Schemas = components["schemas"];
type Context = MockContext<OnetState>;

/** DRF PageNumberPagination as the mock configures it: 20 per page unless `page_size` says otherwise, at most 100. */
export const PAGINATION = { defaultPageSize: 20, maxPageSize: 100 } as const;

/** Which body fields each web-hosting domain source needs (the spec's x-assumed rule). */
const DOMAIN_SOURCE_FIELDS = {
  register: ["domain_name"],
  transfer: ["domain_name", "epp_code"],
  existing: ["domain_id"],
  external: ["domain_name"],
} as const satisfies Record<Schemas["WebHostingOrderRequest"]["domain_source"], readonly (keyof Schemas["WebHostingOrderRequest"])[]>;

const HOSTING_DEFAULT_CYCLE = "monthly";
const DOMAIN_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

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
    if (!domain || domain.organizationId !== scope.organization.profile.id)
      throw onetErrors.field("domain_id", `Invalid pk "${input.domain_id}" - object does not exist.`);
    return { name: domain.name, record: domain, isNew: false, priceCents: 0 };
  }
  const name = input.domain_name!.trim().toLowerCase();
  if (!DOMAIN_NAME.test(name)) throw onetErrors.field("domain_name", "Enter a valid domain name.");
  if (input.domain_source === "external") return { name, record: null, isNew: false, priceCents: 0 };
  const dot = name.indexOf(".");
  const [sld, tldName] = [name.slice(0, dot), name.slice(dot + 1)];
  const registering = input.domain_source === "register";
  const tld = state.catalogue.tlds.find(
    (candidate) => candidate.tld === tldName && candidate.is_active && (registering ? candidate.is_registration_available : candidate.is_transfer_available),
  );
  if (!tld) throw onetErrors.field("domain_name", `.${tldName} domains cannot be ${registering ? "registered" : "transferred"} here.`);
  if ([...state.domains.values()].some((domain) => domain.name === name))
    throw onetErrors.field("domain_name", "This domain is already managed by OnetSolutions.");
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
    dnsZone: {
      id: randomUUID(),
      zone_name: name,
      mode: "onetsolutions",
      cloudflare_nameservers: [],
      is_active: true,
      is_verified: false,
      record_count: 0,
      created: now.toISOString(),
      modified: now.toISOString(),
    },
    websitePreview: pendingPreview(name, now),
    contacts: { registrant_first_name: state.user.first_name, registrant_last_name: state.user.last_name },
  };
  return { name, record, isNew: true, priceCents: toCents(registering ? oneYear.registration_price : oneYear.transfer_price) };
}

/** A site nobody has checked yet. */
function pendingPreview(domain: string, now: Date): Schemas["WebsitePreview"] {
  return {
    ...websitePreview(domain, now.toISOString()),
    http_status: 0,
    page_title: "",
    meta_description: "",
    ssl_status: "pending",
    ssl_issuer: "",
    error_message: "",
  };
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

export const hostingHandlers = { listWebHosting, orderWebHosting, cancelWebHosting, revokeWebHostingCancellation, getHostingPlan } satisfies HandlerGroup<
  operations,
  OnetState
>;
