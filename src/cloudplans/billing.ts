/**
 * `billingUpdate`: the four documented operations behind `POST /v1/organizations/billing/update`, one
 * typed request per action. The spec cannot tie `action` to the body, so this is where they are paired:
 * Create subscription sends `org_id` and `quantity` in the query (as its page documents), the other
 * three send a JSON body, and each action's 200 body has its own type.
 */
import type { Client } from "openapi-fetch";
import type { components } from "../../generated/cloudplans/schema.js";
import type { CloudPlansPaths } from "./types.js";

type Schemas = components["schemas"];

export type BillingUpdateRequest =
  /** Create subscription: a Stripe payment link for `quantity` units; nothing changes until it is paid. */
  | { action: "getpaymentlink"; org_id: string; quantity: number }
  /** Change payment method: a link to the page where the card or SEPA mandate is changed. */
  | ({ action: "getupdatecardlink" } & Schemas["BillingOrgRequest"])
  /** Update Subscription: the new quantity, prorated for the current month. */
  | ({ action: "updatesubscription" } & Schemas["BillingQuantityRequest"])
  /** Cancel Subscription: at once; the consumed part of the month is charged. */
  | ({ action: "cancelsubscription" } & Schemas["BillingOrgRequest"]);

export type BillingAction = BillingUpdateRequest["action"];

/** The 200 body of each action: a link for the two link actions, `{status}` for the others. */
export type BillingUpdateData<Action extends BillingAction> = Action extends "getpaymentlink" | "getupdatecardlink"
  ? Schemas["BillingLinkResponse"]
  : Schemas["StatusResponse"];

/** openapi-fetch's result shape, with the action's own success type. */
export type BillingUpdateResult<Action extends BillingAction> =
  | { data: BillingUpdateData<Action>; error?: never; response: Response }
  | { data?: never; error: Schemas["ErrorResponse"]; response: Response };

export interface BillingUpdateInit {
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function createBillingUpdate(client: Client<CloudPlansPaths, "application/json">) {
  return async function billingUpdate<Request extends BillingUpdateRequest>(request: Request, init: BillingUpdateInit = {}): Promise<BillingUpdateResult<Request["action"]>> {
    const { action, ...fields } = request as BillingUpdateRequest;
    const result =
      action === "getpaymentlink"
        ? await client.POST("/v1/organizations/billing/update", { ...init, params: { query: { action, org_id: request.org_id, quantity: (request as { quantity: number }).quantity } } })
        : await client.POST("/v1/organizations/billing/update", { ...init, params: { query: { action } }, body: fields as Schemas["BillingUpdateRequest"] });
    // The spec's 200 body is the union of both shapes; the action decides which one it is.
    return result as BillingUpdateResult<Request["action"]>;
  };
}
