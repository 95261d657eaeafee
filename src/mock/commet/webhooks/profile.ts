/**
 * How the Commet mock's events travel (the generic dispatcher does the rest): the documented envelope,
 * signed with the endpoint's `whsec_` secret, with Commet's delivery headers.
 */
import { COMMET_WEBHOOK_EVENT_NAMES, type CommetWebhookEventName } from "../../../commet/webhooks.js";
import type { VendorWebhooks } from "../../types.js";
import { deliveryHeaders, envelope, SECRET_PATTERN } from "./envelope.js";

/**
 * The organization every `ck_` key of the mock belongs to. Its two tenants are that organization's
 * two modes, as in Commet, so both send this id and `mode` tells them apart. A UUID, as the 2026-07-31
 * docs show one; fixed, so a receiver sees the same id across resets and restarts.
 */
export const MOCK_ORGANIZATION_ID = "5f0c3a9e-1b7d-4e2a-8c6f-0d9e4b2a7c31";

export const commetWebhooks: VendorWebhooks = {
  events: COMMET_WEBHOOK_EVENT_NAMES,
  secretPattern: SECRET_PATTERN,
  secretForm: "whsec_ followed by letters, digits or _ + / = -",
  delivery(tenant, { event, data }, at, secret) {
    const body = envelope({
      event: event as CommetWebhookEventName,
      data,
      organizationId: MOCK_ORGANIZATION_ID,
      mode: tenant === "live" ? "live" : "sandbox",
      at,
    });
    const text = JSON.stringify(body);
    return { id: body.id, body: text, headers: deliveryHeaders(body, text, secret) };
  },
};
