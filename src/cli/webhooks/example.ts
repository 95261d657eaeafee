/**
 * The spec's description of each Commet webhook event (its OAS 3.1 `webhooks` section, read from the
 * bundle like everything else that reads a spec), and a delivery of its example at a given moment.
 */
import type { CommetWebhookEventName } from "../../commet/webhooks.js";
import { envelope, type CommetEnvelope } from "../../mock/commet/webhooks/envelope.js";
import { getDocument, type OperationObject } from "../../spec/document.js";

const webhooks = getDocument("commet").webhooks ?? {};

/** The `post` operation that describes what Commet sends for `event`: its headers and body schema. */
export function webhookOperation(event: CommetWebhookEventName): OperationObject {
  const operation = webhooks[event]?.post;
  // The event names are checked against the spec's keys in test/commet/webhooks.test.ts.
  if (!operation) throw new Error(`generated/commet/openapi.json has no webhook ${JSON.stringify(event)}: run \`npm run generate\`.`);
  return operation;
}

/**
 * The spec's example of `event`, emitted `at`: its organization, mode and data, with a fresh id and
 * `at` as the timestamp, so that a receiver's deduplication and replay check see a new event.
 */
export function exampleEvent(event: CommetWebhookEventName, at: Date): CommetEnvelope {
  const example = webhookOperation(event).requestBody?.content["application/json"]?.example as CommetEnvelope | undefined;
  if (!example) throw new Error(`generated/commet/openapi.json has no example for the webhook ${JSON.stringify(event)}.`);
  const { organizationId, mode, data } = example;
  // A copy: the checks change values of their deliveries, never the bundle's.
  return envelope({ event, organizationId, mode, data: structuredClone(data), at });
}
