/** `specwright/mock`: stateful mock servers for the vendor APIs, on loopback, for tests and demos. */
import type { ApiName } from "../spec/apis.js";
import { cloudplansMock } from "./cloudplans/index.js";
import { commetMock } from "./commet/index.js";
import { onetMock } from "./onet/index.js";
import { serveMock, type MockServer, type MockServerOptions } from "./server.js";
import type { VendorMock } from "./types.js";

export type { MockServer, MockServerOptions } from "./server.js";
export { FAULT_HEADER, MAX_FAULT_DELAY_MS, type FaultSpec } from "./faults.js";
export { DEFAULT_RETRY_DELAYS_MS, DEFAULT_TIMEOUT_MS, type WebhookOptions } from "./webhooks/options.js";
export { FAILED_EVENTS_TO_DISABLE, MAX_DELIVERY_RECORDS, type DeliveryError, type WebhookDeliveryRecord } from "./webhooks/dispatcher.js";
export type { ApiName } from "../spec/apis.js";
// startMock refuses bad options with a ConfigurationError, one of the package's one error family.
export { ConfigurationError, SpecwrightError, isSpecwrightError } from "../core/errors/index.js";
export type { Fixtures } from "../contract/fixtures.js";

// Each vendor's state type is its own business; the server only passes it back to that vendor's handlers.
const vendors: Record<ApiName, VendorMock<unknown>> = {
  commet: commetMock as unknown as VendorMock<unknown>,
  onet: onetMock as unknown as VendorMock<unknown>,
  cloudplans: cloudplansMock as unknown as VendorMock<unknown>,
};

/** Starts the mock server for `api`; resolves once it listens. `url` is the base URL for the client. */
export function startMock(api: ApiName, options: MockServerOptions = {}): Promise<MockServer> {
  const vendor = vendors[api];
  if (!vendor) return Promise.reject(new TypeError(`startMock: unknown API ${JSON.stringify(api)}; expected one of ${Object.keys(vendors).join(", ")}.`));
  return serveMock(vendor, options);
}
