/**
 * The OnetSolutions mock's seed set: what every account (every token) starts with. The ids are the
 * ones of the spec's examples, so that each example request finds its object; what the business
 * rules need besides (a size that does not offer the backup add-on, a suspended instance, an account
 * that cannot pay, an image in use, a TLD without WHOIS privacy...) has fixed ids of its own. The
 * README's seed table lists them.
 */
import type { components } from "../../../generated/onet/schema.js";
import type { DomainRecord, HostingRecord, ImageRecord, InstanceRecord, OrganizationRecord, ProjectRecord } from "./state.js";

type Schemas = components["schemas"];

export const IDS = {
  user: "fe23cc1e-f48c-44f1-9400-ae1a346d4291",
  organization: "e6af4f6e-1606-468e-9092-3f740a445140",
  project: "38fa341f-422e-4ee3-b79b-454c5b2ca9b5",
  personalOrganization: "de95be24-7b87-48b5-b519-4659f90afeb8",
  personalProject: "0aa023a8-34fe-4d76-8b9e-5d282a4d2db9",
  foreignOrganization: "df3c324d-2fd7-4d01-b913-79dbe579f30b",
  foreignProject: "2012e104-4345-4536-bdec-4b3c92bc2eec",
  location: "922b0d03-9d18-423a-a145-309fe3900988",
  vpc: "0e7dd394-62d4-4173-a078-d9bdfb4dffbc",
  sizeM: "c391c5bc-246c-4938-b393-37bb4be4173e",
  sizeS: "9a0379b0-524a-4422-9fb0-f0e3c274db18",
  addonBackup: "17ee3090-0e7e-4706-b023-9b66827a0559",
  addonSnapshot: "1a9b3c15-d2e6-4fa8-a890-53dc3557cc91",
  addonMonitoring: "b7a044d2-ae1c-45d3-8393-87a1389c6517",
  /** Size-addon links (`available_addons[].id`). */
  linkMBackup: "fc9c314b-b957-4f3f-8bb5-17a71977037c",
  linkMSnapshot: "bb6714ba-b19c-4458-8a08-2d659d4bc27f",
  linkMMonitoring: "b679c6fe-8664-4ee7-8786-d217f6080e9d",
  linkSSnapshot: "97b139dd-b216-4992-b875-7030dbebafdc",
  web01: "facdf01b-1b98-4b43-9348-72d7e15bddf6",
  web02: "e5ce3e20-6051-4234-9b49-b3239a1d4e39",
  web03: "b190ea4b-44e3-427b-985e-2bb31e8a1619",
  lab01: "ef865347-17e9-4022-9ef0-9fe72cea6cfa",
  lab02: "22653271-5c5e-4697-b11a-6f0c8133102f",
  shop01: "31cbfb73-d2eb-4d5a-afdc-a0fb56836ee3",
  task: "478d6da4-7d6d-480c-90a1-2d18aa50e207",
  consoleSession: "835e0946-3420-4b57-be9c-a0a7c6e543db",
  imagePrivate: "ffc8b125-9e4b-46b3-899d-fc444b64fe3d",
  imageInUse: "894245dd-6bac-47b2-96e0-3a5fd3a221a8",
  imagePublic: "4b71f9f3-52cc-4572-83f6-7cdff4b0fec1",
  planPro: "f153350a-ece8-4101-8462-df5e1bd1c25e",
  planStarter: "426cc956-f2e5-4a92-9370-e89a38768481",
  planGroup: "413c78cf-7e23-4d5d-b6ce-5e47b52b4e40",
  server: "16ee671c-774c-4ec0-b518-44fbb0a2aa1f",
  hosting: "2cf76ce5-00a0-4726-8389-52081696d0db",
  hostingBlog: "75364a14-e223-4ff0-954e-dcdb06c89cdd",
  hostingExternal: "b764c688-75d7-4452-8c85-03c8d420aee0",
  domainFr: "d0450a12-46e4-42f0-9ad7-aee87a134398",
  domainCom: "9b2b07f8-3ea8-4eec-9eeb-48d917b89c39",
  domainEu: "6840d6f5-8d27-48b8-9c9e-868402608d22",
  tldFr: "12b72ab2-7807-43f9-8e21-af252624fb76",
  tldCom: "c1aca8db-bfb4-471d-9df2-135d8294e55c",
  tldEu: "b3269692-cba1-4a61-87ee-c519c9f9c3f1",
} as const;

export const SEED_USER: Schemas["TaskUser"] = { id: IDS.user, email: "camille.martin@atelier-lumiere.fr", first_name: "Camille", last_name: "Martin" };

// ------------------------------------------------------------------ catalogue (read-only)

const LOCATION: Schemas["Location"] = {
  id: IDS.location,
  name: "Paris",
  slug: "par1",
  country_code: "FR",
  created: "2024-11-04T08:00:00Z",
  modified: "2025-02-10T16:45:00Z",
  is_active: true,
};

export const LOCATIONS: readonly Schemas["Location"][] = [LOCATION];

export const VPCS: readonly Schemas["Vpc"][] = [{ id: IDS.vpc, name: "default-par1", cidr_block: "10.0.0.0/16", location: LOCATION }];

const ADDONS = {
  backup: {
    id: IDS.addonBackup,
    slug: "backup",
    name: "Automated backups",
    name_fr: "Sauvegardes automatiques",
    description: "Daily backups kept for 7 days.",
    description_fr: "Sauvegardes quotidiennes conservees 7 jours.",
    billing_type: "recurring",
    is_active: true,
  },
  snapshot: {
    id: IDS.addonSnapshot,
    slug: "snapshot",
    name: "Snapshots",
    name_fr: "Instantanes",
    description: "Up to 5 manual snapshots.",
    description_fr: "Jusqu'a 5 instantanes manuels.",
    billing_type: "recurring",
    is_active: true,
  },
  monitoring: {
    id: IDS.addonMonitoring,
    slug: "monitoring",
    name: "Monitoring",
    name_fr: "Supervision",
    description: "Uptime and resource alerts.",
    description_fr: "Alertes de disponibilite et de ressources.",
    billing_type: "recurring",
    is_active: true,
  },
} satisfies Record<string, Schemas["Addon"]>;

const price = (id: string, billing_cycle: string, amount: string, is_active = true): Schemas["AddonPricingOption"] => ({ id, billing_cycle, price: amount, is_active });
const link = (id: string, addon: Schemas["Addon"], pricing_options: Schemas["AddonPricingOption"][]): Schemas["SizeAddon"] => ({
  id,
  addon,
  pricing_options,
  is_included: false,
  is_default: false,
  is_active: true,
});

/**
 * Add-on prices are per size (on the size-addon link). The backup add-on has a price for every
 * activation billing cycle; the snapshot add-on only monthly and annually (its quarterly price is
 * inactive); monitoring is free. Size S does not offer backups at all.
 */
export const SIZES: readonly Schemas["Size"][] = [
  {
    id: IDS.sizeM,
    name: "VPS M",
    slug: "vps-m",
    vcpu: 2,
    ram_mb: 4096,
    bandwidth_mbps: 1000,
    available_volumes: [{ id: "6ac1ad13-ac3f-4f2e-b24c-249c72f19b6f", volume_type: "ssd", disk_gb: 80, is_default: true, is_active: true }],
    pricing_options: [
      { id: "246277e8-e807-44a8-88b3-5846eb8c963a", billing_cycle: "monthly", price: "12.00", discount_percent: "0.00", is_default: true, is_active: true },
      { id: "d017040a-6460-4b28-84db-c4778e960986", billing_cycle: "annually", price: "129.60", discount_percent: "10.00", is_default: false, is_active: true },
    ],
    available_addons: [
      link(IDS.linkMBackup, ADDONS.backup, [
        price("280b4fe9-518f-45b3-9700-b8000616b2ec", "monthly", "4.99"),
        price("082135fb-3aba-4196-a8c0-41a0e2b948d0", "quarterly", "14.47"),
        price("4ec6907a-02d7-4043-943e-ce5fb097bb2f", "semi_annually", "27.94"),
        price("93da527c-f0b2-4644-8b8d-eea7704ac832", "annually", "53.89"),
        price("cff43d29-7305-4adc-87e9-71e296d0084b", "biennially", "101.78"),
        price("ee055c3c-5db6-4dde-9296-c45e69088677", "triennially", "143.71"),
      ]),
      link(IDS.linkMSnapshot, ADDONS.snapshot, [
        price("5763e149-e535-40aa-90c1-51f8aa0d6532", "monthly", "2.50"),
        price("2baf8c88-9d72-43d3-9dd7-3316d12666ff", "annually", "25.00"),
        price("5d525455-7a30-4cbe-b5e7-b6ce36762ddd", "quarterly", "7.50", false),
      ]),
      link(IDS.linkMMonitoring, ADDONS.monitoring, [price("0a8128be-bc55-44fe-ab6f-ee55be4eba73", "monthly", "0.00")]),
    ],
    created: "2025-01-15T09:00:00Z",
    modified: "2025-06-02T14:30:00Z",
    cpu_model: "e5-2680-v4",
    is_active: true,
    description: "2 vCPU, 4 GB RAM, 80 GB SSD",
  },
  {
    id: IDS.sizeS,
    name: "VPS S",
    slug: "vps-s",
    vcpu: 1,
    ram_mb: 2048,
    bandwidth_mbps: 500,
    available_volumes: [{ id: "175e6293-9e83-477e-a987-333a2ba2b461", volume_type: "ssd", disk_gb: 40, is_default: true, is_active: true }],
    pricing_options: [{ id: "1d1b5a70-21cb-481e-a5c7-45419118a6b5", billing_cycle: "monthly", price: "6.00", discount_percent: "0.00", is_default: true, is_active: true }],
    available_addons: [link(IDS.linkSSnapshot, ADDONS.snapshot, [price("840ea12f-00a2-4cb6-8b62-3cf4d2df2bf8", "monthly", "1.50")])],
    created: "2025-01-15T09:00:00Z",
    modified: "2025-06-02T14:30:00Z",
    cpu_model: "e5-2680-v4",
    is_active: true,
    description: "1 vCPU, 2 GB RAM, 40 GB SSD",
  },
];

const PLAN_GROUP: Schemas["HostingPlanGroup"] = {
  id: IDS.planGroup,
  name: "Web Hosting",
  slug: "web-hosting",
  name_en: "Web Hosting",
  name_fr: "Hebergement web",
  headline: "Fast, managed web hosting",
  headline_en: "Fast, managed web hosting",
  headline_fr: "Hebergement web rapide et gere",
  tagline: "Everything your site needs",
  tagline_en: "Everything your site needs",
  tagline_fr: "Tout ce dont votre site a besoin",
  display_order: 1,
  is_active: true,
};

const PLAN_LIMITS = { hosting_type: "hostingaccount", max_accounts: 1, created: "2024-09-01T08:00:00Z", modified: "2025-04-15T12:00:00Z", is_active: true };

export const HOSTING_PLANS: readonly Schemas["HostingPlan"][] = [
  {
    id: IDS.planPro,
    name: "Web Pro",
    slug: "web-pro",
    name_en: "Web Pro",
    name_fr: "Web Pro",
    description: "Hosting for busy sites.",
    description_en: "Hosting for busy sites.",
    description_fr: "Hebergement pour sites a fort trafic.",
    group: PLAN_GROUP,
    pricing: [
      { billing_cycle: "monthly", price: "9.99", discount_percent: "0.00", is_default: true },
      { billing_cycle: "annually", price: "99.90", discount_percent: "16.67", is_default: false },
    ],
    disk_space_mb: 51200,
    bandwidth_mb: 1048576,
    max_email_accounts: 50,
    max_databases: 20,
    max_subdomains: 50,
    max_addon_domains: 5,
    max_parked_domains: 5,
    max_ftp_accounts: 10,
    ...PLAN_LIMITS,
  },
  {
    id: IDS.planStarter,
    name: "Web Starter",
    slug: "web-starter",
    name_en: "Web Starter",
    name_fr: "Web Starter",
    description: "One small site.",
    description_en: "One small site.",
    description_fr: "Un petit site.",
    group: PLAN_GROUP,
    pricing: [
      { billing_cycle: "monthly", price: "4.99", discount_percent: "0.00", is_default: true },
      { billing_cycle: "annually", price: "49.90", discount_percent: "16.67", is_default: false },
    ],
    disk_space_mb: 10240,
    bandwidth_mb: 102400,
    max_email_accounts: 5,
    max_databases: 2,
    max_subdomains: 5,
    max_addon_domains: 0,
    max_parked_domains: 1,
    max_ftp_accounts: 2,
    ...PLAN_LIMITS,
  },
];

export const HOSTING_SERVERS: readonly Schemas["HostingServer"][] = [
  { id: IDS.server, name: "web-par1-03", hostname: "web03.par1.onetsolutions.net", ns1: "ns1.onetsolutions.net", ns2: "ns2.onetsolutions.net", is_active: true },
];

const tld = (
  id: string,
  name: string,
  priceId: string,
  prices: [registration: string, renewal: string, transfer: string],
  whoisPrivacy: boolean,
): Schemas["TldInfo"] => ({
  id,
  tld: name,
  display_name: `.${name}`,
  category: "generic",
  pricing: [{ id: priceId, years: 1, registration_price: prices[0], renewal_price: prices[1], transfer_price: prices[2] }],
  is_active: true,
  is_registration_available: true,
  is_transfer_available: true,
  whois_privacy_available: whoisPrivacy,
  whois_privacy_price: "0.00",
  transfer_lock_available: true,
  min_registration_years: 1,
  max_registration_years: 10,
});

/** The TLDs the mock sells; a domain of any other TLD cannot be registered or transferred. `.eu` has no WHOIS privacy. */
export const TLDS: readonly Schemas["TldInfo"][] = [
  tld(IDS.tldFr, "fr", "b991827f-cdab-4663-821d-dc1bc4c1dccb", ["7.99", "7.99", "7.99"], true),
  tld(IDS.tldCom, "com", "fd1d1e4b-6896-46b9-8956-9199dbbf44a4", ["11.99", "13.99", "11.99"], true),
  tld(IDS.tldEu, "eu", "e6a2556b-1424-4ff2-ae0a-fcadd9df5eb8", ["6.99", "8.99", "6.99"], false),
];

// ------------------------------------------------------------------ account data (copied per account)

const ADDRESS = { address_1: "12 rue des Lilas", address_2: "Batiment B", city: "Lyon", state: "Auvergne-Rhone-Alpes", postcode: "69003", country: "FR" };

export const SEED_ORGANIZATIONS: readonly OrganizationRecord[] = [
  // Listed after Atelier Lumiere although seeded first: the list is ordered by name.
  {
    profile: {
      id: IDS.personalOrganization,
      legacy_id: 1043,
      name: "Camille Martin",
      modules: ["compute"],
      organization_type: "personal",
      support_plan: "basic",
      user_quota: 1,
      project_quota: 2,
      instance_quota: 5,
      domain_quota: 5,
      logo: "",
      company_name: "",
      ...ADDRESS,
      phone: "+33.145678900",
      vat_number: "",
      is_active: true,
    },
    member: true,
    // No credit and no payment method: nothing that costs money can be paid for here.
    creditCents: 0,
    paymentMethod: null,
  },
  {
    profile: {
      id: IDS.organization,
      legacy_id: 1042,
      name: "Atelier Lumiere SAS",
      modules: ["compute", "hosting", "domains"],
      organization_type: "professional",
      support_plan: "basic",
      user_quota: 5,
      project_quota: 10,
      instance_quota: 20,
      domain_quota: 50,
      logo: "",
      company_name: "Atelier Lumiere SAS",
      ...ADDRESS,
      phone: "+33.145678900",
      vat_number: "FR12345678901",
      is_active: true,
    },
    member: true,
    // 10.00 of credit, so that "credit first" shows: a 4.99 order is paid in full, the next ones in part.
    creditCents: 1000,
    paymentMethod: "card",
  },
  {
    profile: {
      id: IDS.foreignOrganization,
      legacy_id: 1077,
      name: "Boulangerie Durand",
      modules: ["compute"],
      organization_type: "professional",
      support_plan: "basic",
      is_active: true,
    },
    // Another customer's: invisible to the caller (not listed, 404 on every path).
    member: false,
    creditCents: 0,
    paymentMethod: "card",
  },
];

export const SEED_PROJECTS: readonly ProjectRecord[] = [
  { id: IDS.project, organizationId: IDS.organization, name: "Production" },
  { id: IDS.personalProject, organizationId: IDS.personalOrganization, name: "Sandbox" },
  { id: IDS.foreignProject, organizationId: IDS.foreignOrganization, name: "Boutique" },
];

const instance = (
  id: string,
  legacyId: number,
  organizationId: string,
  projectId: string,
  name: string,
  sizeId: string,
  status: InstanceRecord["status"],
  overdueCents = 0,
  imageId: string = IDS.imagePublic,
): InstanceRecord => ({
  id,
  legacyId,
  organizationId,
  projectId,
  name,
  description: "",
  hostname: `${name}.atelier-lumiere.fr`,
  tags: [],
  status,
  sizeId,
  locationId: IDS.location,
  vpcId: IDS.vpc,
  imageId,
  overdueCents,
  activeAddonIds: [],
  lastTaskId: null,
});

export const SEED_INSTANCES: readonly InstanceRecord[] = [
  { ...instance(IDS.web01, 48213, IDS.organization, IDS.project, "web-01", IDS.sizeM, "running"), description: "Front web server of the shop", tags: ["production", "web"] },
  // Size S: does not offer the backup add-on. Runs on the private image that is in use.
  instance(IDS.web02, 48214, IDS.organization, IDS.project, "web-02", IDS.sizeS, "running", 0, IDS.imageInUse),
  // Suspended for an unpaid 12.00; its organization has credit and a card, so it can be reactivated.
  instance(IDS.web03, 48215, IDS.organization, IDS.project, "web-03", IDS.sizeM, "suspended", 1200),
  // The personal organization has neither credit nor a card: lab-01 cannot be reactivated, and
  // lab-02 can only get free add-ons.
  instance(IDS.lab01, 48301, IDS.personalOrganization, IDS.personalProject, "lab-01", IDS.sizeM, "suspended", 1200),
  instance(IDS.lab02, 48302, IDS.personalOrganization, IDS.personalProject, "lab-02", IDS.sizeM, "running"),
  instance(IDS.shop01, 48400, IDS.foreignOrganization, IDS.foreignProject, "shop-01", IDS.sizeM, "running"),
];

/** The seeded task is created when the account's state is (its age drives its status, like any task's). */
export const SEED_TASKS: readonly { id: string; instanceId: string; taskType: string; parameters: unknown }[] = [
  { id: IDS.task, instanceId: IDS.web01, taskType: "reboot_vps", parameters: {} },
];

export const SEED_CONSOLE_SESSIONS: readonly { id: string; instanceId: string }[] = [{ id: IDS.consoleSession, instanceId: IDS.web01 }];

export const SEED_IMAGES: readonly ImageRecord[] = [
  { id: IDS.imagePrivate, name: "web-01-golden", visibility: "private", organizationId: IDS.organization, projectId: IDS.project },
  { id: IDS.imageInUse, name: "shop-base", visibility: "private", organizationId: IDS.organization, projectId: IDS.project },
  { id: IDS.imagePublic, name: "debian-12", visibility: "public", organizationId: null, projectId: null },
];

export function websitePreview(domain: string, checkedAt: string): Schemas["WebsitePreview"] {
  return {
    url: `https://${domain}/`,
    http_status: 200,
    page_title: "Atelier Lumiere",
    meta_description: "Handmade lamps from Lyon.",
    favicon_url: `https://${domain}/favicon.ico`,
    thumbnail_url: `https://${domain}/preview.png`,
    ssl_status: "valid",
    ssl_issuer: "Let's Encrypt",
    ssl_issued_at: "2025-05-20T00:00:00Z",
    ssl_expires_at: "2025-08-18T00:00:00Z",
    last_check_at: checkedAt,
    last_successful_check_at: checkedAt,
    error_message: "",
  };
}

const CHECKED = "2025-06-03T06:00:00Z";

/** Oldest first: the list pages in this order. */
export const SEED_HOSTINGS: readonly HostingRecord[] = [
  { id: IDS.hosting, organizationId: IDS.organization, projectId: IDS.project, domain: "atelier-lumiere.fr", planId: IDS.planPro, serverId: IDS.server, status: "active", cancellationRequestedAt: null, websitePreview: websitePreview("atelier-lumiere.fr", CHECKED) },
  { id: IDS.hostingBlog, organizationId: IDS.organization, projectId: IDS.project, domain: "blog.atelier-lumiere.fr", planId: IDS.planStarter, serverId: IDS.server, status: "active", cancellationRequestedAt: null, websitePreview: websitePreview("blog.atelier-lumiere.fr", CHECKED) },
  { id: IDS.hostingExternal, organizationId: IDS.organization, projectId: IDS.project, domain: "lumiere-ateliers.net", planId: IDS.planStarter, serverId: IDS.server, status: "active", cancellationRequestedAt: null, websitePreview: websitePreview("lumiere-ateliers.net", CHECKED) },
];

const dnsZone = (id: string, zone_name: string): Schemas["DnsZone"] => ({
  id,
  zone_name,
  mode: "onetsolutions",
  cloudflare_nameservers: [],
  is_active: true,
  is_verified: true,
  record_count: 12,
  created: "2024-06-03T10:00:00Z",
  modified: "2025-05-28T17:20:00Z",
});

const domain = (id: string, legacyId: number, sld: string, tldName: string, dnsZoneId: string): DomainRecord => ({
  id,
  legacyId,
  organizationId: IDS.organization,
  projectId: IDS.project,
  name: `${sld}.${tldName}`,
  sld,
  tld: tldName,
  status: "active",
  registrationDate: "2024-06-03",
  expirationDate: "2026-06-03",
  autoRenew: true,
  whoisPrivacy: false,
  isLocked: true,
  nameservers: ["ns1.onetsolutions.net", "ns2.onetsolutions.net"],
  billingCycle: 1,
  nextBillingDate: "2026-05-04",
  dnsZone: dnsZone(dnsZoneId, `${sld}.${tldName}`),
  websitePreview: websitePreview(`${sld}.${tldName}`, CHECKED),
  contacts: { registrant_first_name: "Camille", registrant_last_name: "Martin" },
});

export const SEED_DOMAINS: readonly DomainRecord[] = [
  // Hosted by the seeded web hosting account.
  domain(IDS.domainFr, 7781, "atelier-lumiere", "fr", "7ca0f207-642c-4726-b602-9447e011e5fd"),
  // Not hosted anywhere: a web hosting order can use it as an "existing" domain.
  domain(IDS.domainCom, 7782, "atelier-lumiere", "com", "3d0eb646-26f5-403f-ac8e-9eb3c0ed83b6"),
  // .eu: no WHOIS privacy.
  domain(IDS.domainEu, 7783, "atelier-lumiere", "eu", "dc705396-3fdf-497d-bb2d-42031f8fee20"),
];

/** Billing-system numbers continue from the spec's examples (order 52417, invoice 90417). */
export const FIRST_NUMBERS = { order: 52417, invoice: 90417, domainLegacyId: 7801 };
