/**
 * A Commet webhook delivery as Commet sends one: the JSON envelope
 * `{ id, event, timestamp, organizationId, mode, apiVersion, data }`, its signature (hex HMAC-SHA256
 * of the body's bytes, keyed with the whole `whsec_…` secret, as @commet/node's `verify` checks it)
 * and its headers. The mock's deliveries and `specwright webhooks trigger|check` both build them
 * here, so what one sends the other can check.
 */
import { createHmac, randomBytes } from "node:crypto";
import { COMMET_API_VERSION } from "../../../commet/client.js";
import type { CommetWebhookEventName } from "../../../commet/webhooks.js";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A fresh event id in the documented form (`whev_` and 24 base62 characters, as in the docs' examples). */
export function newEventId(): string {
  return `whev_${[...randomBytes(24)].map((byte) => BASE62[byte % 62]).join("")}`;
}

export interface CommetEnvelope {
  id: string;
  event: CommetWebhookEventName;
  timestamp: string;
  organizationId: string;
  mode: "live" | "sandbox";
  apiVersion: string;
  data: Record<string, unknown>;
}

export interface EnvelopeInput {
  event: CommetWebhookEventName;
  data: Record<string, unknown>;
  organizationId: string;
  mode: "live" | "sandbox";
  /** When the event was emitted; the envelope's `timestamp` and the `X-Commet-Timestamp` header. */
  at: Date;
  /** Defaults to a fresh one; a retry reuses the first attempt's. */
  id?: string;
}

export function envelope({ event, data, organizationId, mode, at, id }: EnvelopeInput): CommetEnvelope {
  return { id: id ?? newEventId(), event, timestamp: at.toISOString(), organizationId, mode, apiVersion: COMMET_API_VERSION, data };
}

/** `X-Commet-Signature` for this exact body: lower-case hex HMAC-SHA256, the secret (prefix included) as the key. */
export function signPayload(body: string | Uint8Array, secret: string): string {
  return createHmac("sha256", secret).update(body).digest("hex");
}

/**
 * The request headers of a delivery of `body` (the serialized envelope). `signature` replaces the
 * computed one (for deliveries that must fail the check).
 */
export function deliveryHeaders(
  event: Pick<CommetEnvelope, "id" | "event" | "timestamp">,
  body: string,
  secret: string,
  signature?: string,
): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": "specwright-mock (Commet webhooks)",
    "x-commet-signature": signature ?? signPayload(body, secret),
    "x-commet-event": event.event,
    "x-commet-event-id": event.id,
    "x-commet-timestamp": event.timestamp,
  };
}

/** The documented secret form: `whsec_` and at least one more character, nothing that cannot be typed. */
export const SECRET_PATTERN = /^whsec_[A-Za-z0-9_+/=-]+$/;

/** A secret as it may be printed: the prefix and the first 4 characters after it (as `commet listen` shows `whsec_abc123...`, shorter). */
export function maskSecret(secret: string): string {
  return secret.startsWith("whsec_") ? `whsec_${secret.slice(6, 10)}…` : "…";
}
