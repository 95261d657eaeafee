/** Customers: list (by external ID, paged), create (idempotent on the caller's own ID), get and update. */
import { isDeepStrictEqual } from "node:util";
import type { components, operations } from "../../../../generated/commet/schema.js";
import { MockError } from "../../mock-error.js";
import type { HandlerGroup, MockContext } from "../../types.js";
import { newId } from "../ids.js";
import { findCustomer } from "../lookup.js";
import { page } from "../paging.js";
import { checkPaymentMethod } from "../payment-method.js";
import type { CommetState, CustomerRecord } from "../state.js";
import { ok, toCustomer } from "../views.js";
import { applyPresent } from "../../patch.js";
import { customerCreated, customerUpdated } from "../webhooks/events.js";

type Schemas = components["schemas"];
type Context = MockContext<CommetState>;

/** An external ID names one customer: `customerId` resolves by it and the list filter finds at most one. */
function refuseTakenExternalId(state: CommetState, externalId: string | undefined, except?: CustomerRecord): void {
  if (externalId === undefined) return;
  const taken = [...state.customers.values()].some((customer) => customer !== except && customer.externalId === externalId);
  if (taken) throw new MockError(409, "duplicate", `Another customer already has the external ID ${JSON.stringify(externalId)}.`, { param: "externalId" });
}

function listCustomers({ state, query }: Context) {
  const externalId = query.externalId as string | undefined;
  const customers = [...state.customers.values()].filter((customer) => externalId === undefined || customer.externalId === externalId);
  return page(customers, query, (customer) => toCustomer(state, customer));
}

/** Documented: these fields' changes send customer.updated (taxDocument and address alone do not; x-assumed in the spec). */
const NOTIFIED_FIELDS = ["email", "fullName", "timezone", "externalId", "metadata"] as const;

function createCustomer({ state, body, now, emit }: Context) {
  const input = body as Schemas["CreateCustomerRequest"];
  // Documented: creating with an `id` that exists returns that customer unchanged.
  const existing = input.id === undefined ? undefined : [...state.customers.values()].find((customer) => customer.ownId === input.id);
  if (existing) return ok(toCustomer(state, existing));
  checkPaymentMethod(input.metadata);
  refuseTakenExternalId(state, input.externalId);
  const customer = addCustomer(state, input, now);
  emit(customerCreated(state, customer));
  return ok(toCustomer(state, customer));
}

/**
 * Stores a new customer of a request already checked. `id` is the Commet ID: a random one for a
 * customer created through the API, the seed's for a seeded account's customer (see seed.ts).
 */
export function addCustomer(state: CommetState, input: Schemas["CreateCustomerRequest"], now: Date, id = newId("cus")): CustomerRecord {
  const at = now.toISOString();
  const customer: CustomerRecord = {
    id,
    seq: state.nextSeq++,
    ownId: input.id ?? null,
    externalId: input.externalId ?? null,
    email: input.email,
    fullName: input.fullName ?? null,
    taxDocument: input.taxDocument ?? null,
    timezone: input.timezone ?? "UTC",
    metadata: input.metadata ?? {},
    address: input.address ?? null,
    createdAt: at,
    updatedAt: at,
  };
  state.customers.set(customer.id, customer);
  return customer;
}

const getCustomer = ({ state, params }: Context) => ok(toCustomer(state, findCustomer(state, params.id!, "id")));

function updateCustomer({ state, params, body, now, emit }: Context) {
  const customer = findCustomer(state, params.id!, "id");
  const input = body as Schemas["UpdateCustomerRequest"];
  checkPaymentMethod(input.metadata);
  refuseTakenExternalId(state, input.externalId, customer);
  const before = NOTIFIED_FIELDS.map((field) => customer[field]);
  // Fields not sent keep their value; metadata is replaced, not merged (x-assumed in the spec).
  applyPresent(customer, input, ["email", "fullName", "externalId", "taxDocument", "timezone", "metadata", "address"]);
  customer.updatedAt = now.toISOString();
  if (NOTIFIED_FIELDS.some((field, index) => !isDeepStrictEqual(customer[field], before[index]))) emit(customerUpdated(state, customer));
  return ok(toCustomer(state, customer));
}

export const customerHandlers = { listCustomers, createCustomer, getCustomer, updateCustomer } satisfies HandlerGroup<operations, CommetState>;
