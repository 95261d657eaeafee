/**
 * The OnetSolutions mock's seed set: what every account (every token) starts with. With seed 0 the ids
 * are the ones of the spec's examples, so that each example request finds its object; what the business
 * rules need besides (a size that does not offer the backup add-on, a suspended instance, an account
 * that cannot pay, an image in use, a TLD without WHOIS privacy...) has fixed ids of its own. The
 * README's seed table lists them. Any other seed draws every id, name and amount from it (seeding.ts):
 * the same account, that nobody knows.
 */
import type { components } from "../../../generated/onet/schema.js";
import type { Fixtures } from "../../contract/fixtures.js";
import { seeding, specExamples, type Seeding } from "../seeding.js";
import { formatCents, toCents } from "./money.js";
import type { DomainRecord, HostingRecord, ImageRecord, InstanceRecord, OnetState, OrganizationRecord, ProjectRecord } from "./state.js";

type Schemas = components["schemas"];
type Ids = Record<keyof typeof IDS, string>;

/** The seed-0 ids (seed n draws its own from them). */
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

/** Billing-system numbers continue from the spec's examples (order 52417, invoice 90417). */
export const FIRST_NUMBERS = { order: 52417, invoice: 90417, domainLegacyId: 7801 };

/** The seed set of one seed; every call builds a fresh copy, so an account may change its own. */
export interface OnetSeed {
  ids: Ids;
  user: Schemas["TaskUser"];
  catalogue: OnetState["catalogue"];
  organizations: OrganizationRecord[];
  projects: ProjectRecord[];
  instances: InstanceRecord[];
  /** The seeded task is created when the account's state is (its age drives its status, like any task's). */
  tasks: { id: string; instanceId: string; taskType: string; parameters: unknown }[];
  consoleSessions: { id: string; instanceId: string }[];
  images: ImageRecord[];
  /** Oldest first: the list pages in this order. */
  hostings: HostingRecord[];
  domains: DomainRecord[];
  firstNumbers: typeof FIRST_NUMBERS;
  /** What the account's user knows from the console (see `onetFixtures`). */
  fixtures: Fixtures;
}

/** Prices in cents, drawn for seeds other than 0: from 1.00 to 999.99. */
const PRICE_CENTS = [100, 99_999] as const;
/** Numeric ids by size, so that ranges do not overlap where numbers continue (a new domain's legacy id). */
const SHORT_IDS = [1_000, 9_999] as const;
const LONG_IDS = [10_000, 99_999] as const;

export function onetSeed(seed: number): OnetSeed {
  const g = seeding(seed, specExamples("onet"));
  const ids = Object.fromEntries(Object.entries(IDS).map(([role, id]) => [role, g.uuid(id)])) as Ids;
  const catalogue = onetCatalogue(g, ids);
  return {
    ids,
    user: { id: ids.user, email: g.email("camille.martin@atelier-lumiere.fr"), first_name: g.name("Camille"), last_name: g.name("Martin") },
    catalogue,
    ...accountData(g, ids),
    firstNumbers: {
      order: g.integer(FIRST_NUMBERS.order, ...LONG_IDS),
      invoice: g.integer(FIRST_NUMBERS.invoice, ...LONG_IDS),
      domainLegacyId: g.integer(FIRST_NUMBERS.domainLegacyId, ...LONG_IDS),
    },
    fixtures: onetFixtures(ids),
  };
}

/**
 * The ids a user of the account knows from its console, by the spec's parameter names: its
 * organization and project, and per operation what its `id` names there (an instance, a task, an
 * image, a web hosting account, a plan, a domain), each one the operation can act on.
 */
export function onetFixtures(ids: Ids): Fixtures {
  const id = (value: string) => ({ id: value });
  return {
    values: {
      organization_id: ids.organization,
      project_id: ids.project,
      instance_id: ids.web01,
      session_id: ids.consoleSession,
      // What the contract's error cases and flows need by role, beyond the parameters' own names.
      hosting_id: ids.hosting,
      hosting_plan_id: ids.planPro,
      image_in_use_id: ids.imageInUse,
      public_image_id: ids.imagePublic,
      domain_without_privacy_id: ids.domainEu,
    },
    operations: {
      replaceInstance: id(ids.web01),
      activateInstanceAddon: id(ids.web01),
      // The suspended one: unsuspending a running instance is refused.
      unsuspendInstance: id(ids.web03),
      getConsoleSession: id(ids.web01),
      getComputeTask: id(ids.task),
      getInstanceTask: id(ids.task),
      // The private image no instance uses: the one that can be deleted.
      deleteImage: id(ids.imagePrivate),
      cancelWebHosting: id(ids.hosting),
      revokeWebHostingCancellation: id(ids.hosting),
      getHostingPlan: id(ids.planPro),
      getDomain: id(ids.domainFr),
      setDomainAutoRenew: id(ids.domainFr),
      setDomainPrivacy: id(ids.domainFr),
      updateDomainContacts: id(ids.domainFr),
    },
  };
}

// ------------------------------------------------------------------ catalogue (read-only)

function onetCatalogue(g: Seeding, ids: Ids): OnetState["catalogue"] {
  const money = (amount: string) => formatCents(g.cents(toCents(amount), ...PRICE_CENTS));
  const location: Schemas["Location"] = {
    id: ids.location,
    name: g.name("Paris"),
    slug: "par1",
    country_code: "FR",
    created: "2024-11-04T08:00:00Z",
    modified: "2025-02-10T16:45:00Z",
    is_active: true,
  };

  const addons = {
    backup: {
      id: ids.addonBackup,
      slug: "backup",
      name: g.name("Automated backups"),
      name_fr: g.name("Sauvegardes automatiques"),
      description: "Daily backups kept for 7 days.",
      description_fr: "Sauvegardes quotidiennes conservees 7 jours.",
      billing_type: "recurring",
      is_active: true,
    },
    snapshot: {
      id: ids.addonSnapshot,
      slug: "snapshot",
      name: g.name("Snapshots"),
      name_fr: g.name("Instantanes"),
      description: "Up to 5 manual snapshots.",
      description_fr: "Jusqu'a 5 instantanes manuels.",
      billing_type: "recurring",
      is_active: true,
    },
    monitoring: {
      id: ids.addonMonitoring,
      slug: "monitoring",
      name: g.name("Monitoring"),
      name_fr: g.name("Supervision"),
      description: "Uptime and resource alerts.",
      description_fr: "Alertes de disponibilite et de ressources.",
      billing_type: "recurring",
      is_active: true,
    },
  } satisfies Record<string, Schemas["Addon"]>;

  const price = (id: string, billing_cycle: string, amount: string, is_active = true): Schemas["AddonPricingOption"] => ({
    id: g.uuid(id),
    billing_cycle,
    price: money(amount),
    is_active,
  });
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
  const sizes: Schemas["Size"][] = [
    {
      id: ids.sizeM,
      name: g.name("VPS M"),
      slug: "vps-m",
      vcpu: 2,
      ram_mb: 4096,
      bandwidth_mbps: 1000,
      available_volumes: [{ id: g.uuid("6ac1ad13-ac3f-4f2e-b24c-249c72f19b6f"), volume_type: "ssd", disk_gb: 80, is_default: true, is_active: true }],
      pricing_options: [
        {
          id: g.uuid("246277e8-e807-44a8-88b3-5846eb8c963a"),
          billing_cycle: "monthly",
          price: money("12.00"),
          discount_percent: "0.00",
          is_default: true,
          is_active: true,
        },
        {
          id: g.uuid("d017040a-6460-4b28-84db-c4778e960986"),
          billing_cycle: "annually",
          price: money("129.60"),
          discount_percent: "10.00",
          is_default: false,
          is_active: true,
        },
      ],
      available_addons: [
        link(ids.linkMBackup, addons.backup, [
          price("280b4fe9-518f-45b3-9700-b8000616b2ec", "monthly", "4.99"),
          price("082135fb-3aba-4196-a8c0-41a0e2b948d0", "quarterly", "14.47"),
          price("4ec6907a-02d7-4043-943e-ce5fb097bb2f", "semi_annually", "27.94"),
          price("93da527c-f0b2-4644-8b8d-eea7704ac832", "annually", "53.89"),
          price("cff43d29-7305-4adc-87e9-71e296d0084b", "biennially", "101.78"),
          price("ee055c3c-5db6-4dde-9296-c45e69088677", "triennially", "143.71"),
        ]),
        link(ids.linkMSnapshot, addons.snapshot, [
          price("5763e149-e535-40aa-90c1-51f8aa0d6532", "monthly", "2.50"),
          price("2baf8c88-9d72-43d3-9dd7-3316d12666ff", "annually", "25.00"),
          price("5d525455-7a30-4cbe-b5e7-b6ce36762ddd", "quarterly", "7.50", false),
        ]),
        link(ids.linkMMonitoring, addons.monitoring, [price("0a8128be-bc55-44fe-ab6f-ee55be4eba73", "monthly", "0.00")]),
      ],
      created: "2025-01-15T09:00:00Z",
      modified: "2025-06-02T14:30:00Z",
      cpu_model: "e5-2680-v4",
      is_active: true,
      description: "2 vCPU, 4 GB RAM, 80 GB SSD",
    },
    {
      id: ids.sizeS,
      name: g.name("VPS S"),
      slug: "vps-s",
      vcpu: 1,
      ram_mb: 2048,
      bandwidth_mbps: 500,
      available_volumes: [{ id: g.uuid("175e6293-9e83-477e-a987-333a2ba2b461"), volume_type: "ssd", disk_gb: 40, is_default: true, is_active: true }],
      pricing_options: [
        {
          id: g.uuid("1d1b5a70-21cb-481e-a5c7-45419118a6b5"),
          billing_cycle: "monthly",
          price: money("6.00"),
          discount_percent: "0.00",
          is_default: true,
          is_active: true,
        },
      ],
      available_addons: [link(ids.linkSSnapshot, addons.snapshot, [price("840ea12f-00a2-4cb6-8b62-3cf4d2df2bf8", "monthly", "1.50")])],
      created: "2025-01-15T09:00:00Z",
      modified: "2025-06-02T14:30:00Z",
      cpu_model: "e5-2680-v4",
      is_active: true,
      description: "1 vCPU, 2 GB RAM, 40 GB SSD",
    },
  ];

  const group: Schemas["HostingPlanGroup"] = {
    id: ids.planGroup,
    name: g.name("Web Hosting"),
    slug: "web-hosting",
    name_en: g.name("Web Hosting"),
    name_fr: g.name("Hebergement web"),
    headline: "Fast, managed web hosting",
    headline_en: "Fast, managed web hosting",
    headline_fr: "Hebergement web rapide et gere",
    tagline: "Everything your site needs",
    tagline_en: "Everything your site needs",
    tagline_fr: "Tout ce dont votre site a besoin",
    display_order: 1,
    is_active: true,
  };

  const limits = { hosting_type: "hostingaccount", max_accounts: 1, created: "2024-09-01T08:00:00Z", modified: "2025-04-15T12:00:00Z", is_active: true };

  const hostingPlans: Schemas["HostingPlan"][] = [
    {
      id: ids.planPro,
      name: g.name("Web Pro"),
      slug: "web-pro",
      name_en: g.name("Web Pro"),
      name_fr: g.name("Web Pro"),
      description: "Hosting for busy sites.",
      description_en: "Hosting for busy sites.",
      description_fr: "Hebergement pour sites a fort trafic.",
      group,
      pricing: [
        { billing_cycle: "monthly", price: money("9.99"), discount_percent: "0.00", is_default: true },
        { billing_cycle: "annually", price: money("99.90"), discount_percent: "16.67", is_default: false },
      ],
      disk_space_mb: 51200,
      bandwidth_mb: 1048576,
      max_email_accounts: 50,
      max_databases: 20,
      max_subdomains: 50,
      max_addon_domains: 5,
      max_parked_domains: 5,
      max_ftp_accounts: 10,
      ...limits,
    },
    {
      id: ids.planStarter,
      name: g.name("Web Starter"),
      slug: "web-starter",
      name_en: g.name("Web Starter"),
      name_fr: g.name("Web Starter"),
      description: "One small site.",
      description_en: "One small site.",
      description_fr: "Un petit site.",
      group,
      pricing: [
        { billing_cycle: "monthly", price: money("4.99"), discount_percent: "0.00", is_default: true },
        { billing_cycle: "annually", price: money("49.90"), discount_percent: "16.67", is_default: false },
      ],
      disk_space_mb: 10240,
      bandwidth_mb: 102400,
      max_email_accounts: 5,
      max_databases: 2,
      max_subdomains: 5,
      max_addon_domains: 0,
      max_parked_domains: 1,
      max_ftp_accounts: 2,
      ...limits,
    },
  ];

  const hostingServers: Schemas["HostingServer"][] = [
    {
      id: ids.server,
      name: g.name("web-par1-03"),
      hostname: g.domain("web03.par1.onetsolutions.net"),
      ns1: "ns1.onetsolutions.net",
      ns2: "ns2.onetsolutions.net",
      is_active: true,
    },
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
    pricing: [{ id: g.uuid(priceId), years: 1, registration_price: money(prices[0]), renewal_price: money(prices[1]), transfer_price: money(prices[2]) }],
    is_active: true,
    is_registration_available: true,
    is_transfer_available: true,
    whois_privacy_available: whoisPrivacy,
    whois_privacy_price: money("0.00"),
    transfer_lock_available: true,
    min_registration_years: 1,
    max_registration_years: 10,
  });

  /** The TLDs the mock sells; a domain of any other TLD cannot be registered or transferred. `.eu` has no WHOIS privacy. */
  const tlds: Schemas["TldInfo"][] = [
    tld(ids.tldFr, "fr", "b991827f-cdab-4663-821d-dc1bc4c1dccb", ["7.99", "7.99", "7.99"], true),
    tld(ids.tldCom, "com", "fd1d1e4b-6896-46b9-8956-9199dbbf44a4", ["11.99", "13.99", "11.99"], true),
    tld(ids.tldEu, "eu", "e6a2556b-1424-4ff2-ae0a-fcadd9df5eb8", ["6.99", "8.99", "6.99"], false),
  ];

  return {
    sizes,
    locations: [location],
    vpcs: [{ id: ids.vpc, name: g.name("default-par1"), cidr_block: "10.0.0.0/16", location }],
    hostingPlans,
    hostingServers,
    tlds,
  };
}

// ------------------------------------------------------------------ account data (copied per account)

type AccountData = Pick<OnetSeed, "organizations" | "projects" | "instances" | "tasks" | "consoleSessions" | "images" | "hostings" | "domains">;

function accountData(g: Seeding, ids: Ids): AccountData {
  const address = () => ({
    address_1: "12 rue des Lilas",
    address_2: "Batiment B",
    city: "Lyon",
    state: "Auvergne-Rhone-Alpes",
    postcode: "69003",
    country: "FR",
  });
  const credit = (cents: number) => g.cents(cents, ...PRICE_CENTS);
  const shopDomain = g.domain("atelier-lumiere.fr");

  const organizations: OrganizationRecord[] = [
    // Listed after Atelier Lumiere although seeded first: the list is ordered by name.
    {
      profile: {
        id: ids.personalOrganization,
        legacy_id: g.integer(1043, ...SHORT_IDS),
        name: g.name("Camille Martin"),
        modules: ["compute"],
        organization_type: "personal",
        support_plan: "basic",
        user_quota: 1,
        project_quota: 2,
        instance_quota: 5,
        domain_quota: 5,
        logo: "",
        company_name: "",
        ...address(),
        phone: "+33.145678900",
        vat_number: "",
        is_active: true,
      },
      member: true,
      // No credit and no payment method: nothing that costs money can be paid for here.
      creditCents: credit(0),
      paymentMethod: null,
    },
    {
      profile: {
        id: ids.organization,
        legacy_id: g.integer(1042, ...SHORT_IDS),
        name: g.name("Atelier Lumiere SAS"),
        modules: ["compute", "hosting", "domains"],
        organization_type: "professional",
        support_plan: "basic",
        user_quota: 5,
        project_quota: 10,
        instance_quota: 20,
        domain_quota: 50,
        logo: "",
        company_name: g.name("Atelier Lumiere SAS"),
        ...address(),
        phone: "+33.145678900",
        // A VAT number is an id: its country prefix stays, its digits are drawn.
        vat_number: `FR${g.name("12345678901")}`,
        is_active: true,
      },
      member: true,
      // 10.00 of credit (seed 0), so that "credit first" shows: a 4.99 order is paid in full, the next ones in part.
      creditCents: credit(1000),
      paymentMethod: "card",
    },
    {
      profile: {
        id: ids.foreignOrganization,
        legacy_id: g.integer(1077, ...SHORT_IDS),
        name: g.name("Boulangerie Durand"),
        modules: ["compute"],
        organization_type: "professional",
        support_plan: "basic",
        is_active: true,
      },
      // Another customer's: invisible to the caller (not listed, 404 on every path).
      member: false,
      creditCents: credit(0),
      paymentMethod: "card",
    },
  ];

  const projects: ProjectRecord[] = [
    { id: ids.project, organizationId: ids.organization, name: g.name("Production") },
    { id: ids.personalProject, organizationId: ids.personalOrganization, name: g.name("Sandbox") },
    { id: ids.foreignProject, organizationId: ids.foreignOrganization, name: g.name("Boutique") },
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
    imageId: string = ids.imagePublic,
  ): InstanceRecord => ({
    id,
    legacyId: g.integer(legacyId, ...LONG_IDS),
    organizationId,
    projectId,
    name: g.name(name),
    description: "",
    hostname: `${g.name(name)}.${shopDomain}`,
    tags: [],
    status,
    sizeId,
    locationId: ids.location,
    vpcId: ids.vpc,
    imageId,
    overdueCents: credit(overdueCents),
    activeAddonIds: [],
    lastTaskId: null,
  });

  const instances: InstanceRecord[] = [
    {
      ...instance(ids.web01, 48213, ids.organization, ids.project, "web-01", ids.sizeM, "running"),
      description: "Front web server of the shop",
      tags: ["production", "web"],
    },
    // Size S: does not offer the backup add-on. Runs on the private image that is in use.
    instance(ids.web02, 48214, ids.organization, ids.project, "web-02", ids.sizeS, "running", 0, ids.imageInUse),
    // Suspended for an unpaid 12.00 (seed 0); its organization has credit and a card, so it can be reactivated.
    instance(ids.web03, 48215, ids.organization, ids.project, "web-03", ids.sizeM, "suspended", 1200),
    // The personal organization has neither credit nor a card: lab-01 cannot be reactivated, and
    // lab-02 can only get free add-ons.
    instance(ids.lab01, 48301, ids.personalOrganization, ids.personalProject, "lab-01", ids.sizeM, "suspended", 1200),
    instance(ids.lab02, 48302, ids.personalOrganization, ids.personalProject, "lab-02", ids.sizeM, "running"),
    instance(ids.shop01, 48400, ids.foreignOrganization, ids.foreignProject, "shop-01", ids.sizeM, "running"),
  ];

  const images: ImageRecord[] = [
    { id: ids.imagePrivate, name: g.name("web-01-golden"), visibility: "private", organizationId: ids.organization, projectId: ids.project },
    { id: ids.imageInUse, name: g.name("shop-base"), visibility: "private", organizationId: ids.organization, projectId: ids.project },
    { id: ids.imagePublic, name: g.name("debian-12"), visibility: "public", organizationId: null, projectId: null },
  ];

  const preview = (domain: string) => ({ ...websitePreview(domain, CHECKED), page_title: g.name("Atelier Lumiere") });
  const hosting = (id: string, domain: string, planId: string): HostingRecord => ({
    id,
    organizationId: ids.organization,
    projectId: ids.project,
    domain,
    planId,
    serverId: ids.server,
    status: "active",
    cancellationRequestedAt: null,
    websitePreview: preview(domain),
  });
  const hostings: HostingRecord[] = [
    hosting(ids.hosting, shopDomain, ids.planPro),
    hosting(ids.hostingBlog, g.domain("blog.atelier-lumiere.fr"), ids.planStarter),
    hosting(ids.hostingExternal, g.domain("lumiere-ateliers.net"), ids.planStarter),
  ];

  const dnsZone = (id: string, zone_name: string): Schemas["DnsZone"] => ({
    id: g.uuid(id),
    zone_name,
    mode: "onetsolutions",
    cloudflare_nameservers: [],
    is_active: true,
    is_verified: true,
    record_count: 12,
    created: "2024-06-03T10:00:00Z",
    modified: "2025-05-28T17:20:00Z",
  });

  const sld = g.name("atelier-lumiere");
  const domain = (id: string, legacyId: number, tldName: string, dnsZoneId: string): DomainRecord => ({
    id,
    legacyId: g.integer(legacyId, ...SHORT_IDS),
    organizationId: ids.organization,
    projectId: ids.project,
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
    websitePreview: preview(`${sld}.${tldName}`),
    contacts: { registrant_first_name: g.name("Camille"), registrant_last_name: g.name("Martin") },
  });

  const domains: DomainRecord[] = [
    // Hosted by the seeded web hosting account.
    domain(ids.domainFr, 7781, "fr", "7ca0f207-642c-4726-b602-9447e011e5fd"),
    // Not hosted anywhere: a web hosting order can use it as an "existing" domain.
    domain(ids.domainCom, 7782, "com", "3d0eb646-26f5-403f-ac8e-9eb3c0ed83b6"),
    // .eu: no WHOIS privacy.
    domain(ids.domainEu, 7783, "eu", "dc705396-3fdf-497d-bb2d-42031f8fee20"),
  ];

  return {
    organizations,
    projects,
    instances,
    tasks: [{ id: ids.task, instanceId: ids.web01, taskType: "reboot_vps", parameters: {} }],
    consoleSessions: [{ id: ids.consoleSession, instanceId: ids.web01 }],
    images,
    hostings,
    domains,
  };
}

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
