/**
 * `billingUpdate`: the four documented operations behind `POST /v1/organizations/billing/update`, one
 * typed request per action. The spec cannot tie `action` to the body, so this is where they are paired:
 * Create subscription sends `org_id` and `quantity` in the query (as its page documents), the other
 * three send a JSON body, and each action's 200 body has its own type.
 */
import type { components } from "../../generated/cloudplans/schema.js";
import type { TypedClient } from "../core/client-types.js";
import type { RequestPolicyOptions } from "../core/policy-options.js";
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

/** The success branch of openapi-fetch's result shape, with the action's own data type. */
export type BillingUpdateSuccess<Action extends BillingAction> = { data: BillingUpdateData<Action>; error?: never; response: Response };
/** openapi-fetch's result shape, with the action's own success type. */
export type BillingUpdateResult<Action extends BillingAction> =
  | BillingUpdateSuccess<Action>
  | { data?: never; error: Schemas["ErrorResponse"]; response: Response };

/** What a billing call takes besides its request: the per-request options of every call. */
export type BillingUpdateInit = RequestPolicyOptions;

/** `billingUpdate` as a client has it; on a `throwOnError` client (`Throws`) it resolves to its success branch only. */
export type BillingUpdate<Throws extends boolean = false> = <Request extends BillingUpdateRequest>(
  request: Request,
  init?: BillingUpdateInit,
) => Promise<Throws extends true ? BillingUpdateSuccess<Request["action"]> : BillingUpdateResult<Request["action"]>>;

export function createBillingUpdate(client: TypedClient<CloudPlansPaths>): BillingUpdate {
  return async function billingUpdate<Request extends BillingUpdateRequest>(
    request: Request,
    init: BillingUpdateInit = {},
  ): Promise<BillingUpdateResult<Request["action"]>> {
    const { action, ...fields } = request as BillingUpdateRequest;
    const result =
      action === "getpaymentlink"
        ? await client.POST("/v1/organizations/billing/update", {
            ...init,
            params: { query: { action, org_id: request.org_id, quantity: (request as { quantity: number }).quantity } },
          })
        : await client.POST("/v1/organizations/billing/update", { ...init, params: { query: { action } }, body: fields as Schemas["BillingUpdateRequest"] });
    // The spec's 200 body is the union of both shapes; the action decides which one it is.
    return result as BillingUpdateResult<Request["action"]>;
  };
}
