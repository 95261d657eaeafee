/** A signed delivery: the exact body bytes to send and the headers that go with them. */
import { deliveryHeaders, type CommetEnvelope } from "../../mock/commet/webhooks/envelope.js";

export interface Delivery {
  id: string;
  event: string;
  /** Sent byte for byte: the signature covers this text, not the envelope object. */
  body: string;
  headers: Record<string, string>;
}

/** Signs the serialized envelope with `secret`; `signature` sends another one instead (for a check that must be refused). */
export function signedDelivery(event: CommetEnvelope, secret: string, signature?: string): Delivery {
  const body = JSON.stringify(event);
  return { id: event.id, event: event.event, body, headers: deliveryHeaders(event, body, secret, signature) };
}
