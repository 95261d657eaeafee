/** The domain operations: read a domain, toggle auto-renewal and WHOIS privacy, and update its contacts (applied when their task completes). */
import { randomUUID } from "node:crypto";
import type { components, operations } from "../../../../generated/onet/schema.js";
import type { HandlerGroup, MockContext, MockReply } from "../../types.js";
import { onetErrors } from "../errors.js";
import { inScope, scopeOf } from "../lookup.js";
import type { DomainRecord, OnetState } from "../state.js";
import { ok, taskProgress, toDomain, toDomainTask } from "../views.js";

type Schemas = components["schemas"];
type Context = MockContext<OnetState>;

/** Contacts updates take effect when their task completes; reads call this first. */
function settleDomainTasks(state: OnetState, now: Date): void {
  for (const task of state.domainTasks.values()) {
    if (task.applied || taskProgress(task.createdAt, now).status !== "completed") continue;
    Object.assign(state.domains.get(task.domainId)!.contacts, task.contacts);
    task.applied = true;
  }
}

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
  const contacts = Object.fromEntries(
    Object.entries(context.body as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  const task = { id: randomUUID(), domainId: domain.id, taskType: "update_contacts", createdAt: context.now, contacts, applied: false };
  context.state.domainTasks.set(task.id, task);
  return ok(toDomainTask(task, context.now));
}

export const domainHandlers = { getDomain, setDomainAutoRenew, setDomainPrivacy, updateDomainContacts } satisfies HandlerGroup<operations, OnetState>;
