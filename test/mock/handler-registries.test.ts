// Each mock's handler registry is keyed by its spec's operationIds, so the compiler finds a missing
// handler, a handler for no operation, or an operation left out that is not one of the spec's webhooks.
// `npm run typecheck` checks this file; an unused @ts-expect-error is itself an error there.
import { describe, expect, expectTypeOf, it } from "vitest";
import type { operations as CloudPlansOperations } from "../../generated/cloudplans/schema.js";
import type { operations as CommetOperations, webhooks as CommetWebhooks } from "../../generated/commet/schema.js";
import type { operations as OnetOperations } from "../../generated/onet/schema.js";
import { cloudplansMock } from "../../src/mock/cloudplans/index.js";
import type { CloudPlansState } from "../../src/mock/cloudplans/state.js";
import { SENT_NOT_SERVED, type ServedOperations } from "../../src/mock/commet/handlers/index.js";
import { commetMock } from "../../src/mock/commet/index.js";
import type { CommetState } from "../../src/mock/commet/state.js";
import { onetMock } from "../../src/mock/onet/index.js";
import type { OnetState } from "../../src/mock/onet/state.js";
import type { HandlerGroup, HandlerRegistry, MockHandler, VendorMock, WebhookOperationId } from "../../src/mock/types.js";
import { getDocument, HTTP_METHODS } from "../../src/spec/document.js";
import { getOperations } from "../../src/spec/operations.js";

const answer: MockHandler<unknown> = () => ({ status: 204 });

describe("a handler registry", () => {
  it("does not compile when it misses one operation", () => {
    const { listOrganizations: _onet, ...onetButOne } = onetMock.handlers;
    // @ts-expect-error listOrganizations has no handler
    const onet: HandlerRegistry<OnetOperations, OnetState> = onetButOne;
    const { billingUpdate: _cloudplans, ...cloudplansButOne } = cloudplansMock.handlers;
    // @ts-expect-error billingUpdate has no handler
    const cloudplans: VendorMock<CloudPlansState, CloudPlansOperations> = { ...cloudplansMock, handlers: cloudplansButOne };
    const { trackUsage: _commet, ...commetButOne } = commetMock.handlers;
    // @ts-expect-error trackUsage has no handler
    const commet: HandlerRegistry<ServedOperations, CommetState> = commetButOne;
    expectTypeOf([onet, cloudplans, commet]).toBeArray();
  });

  it("does not compile with a handler for no operation of the spec", () => {
    // @ts-expect-error the spec has no operation trackUsages
    const group = { trackUsages: answer } satisfies HandlerGroup<CommetOperations, CommetState>;
    expectTypeOf(group).toBeObject();
  });

  it("leaves out only the spec's webhooks, named one by one", () => {
    // @ts-expect-error createCustomer is served: it is no webhook of the spec
    const notAWebhook: WebhookOperationId<CommetOperations, CommetWebhooks> = "createCustomer";
    const webhook: WebhookOperationId<CommetOperations, CommetWebhooks> = "customerCreatedWebhook";
    // @ts-expect-error a webhook has no handler to give
    const served: keyof ServedOperations = "customerCreatedWebhook";
    expectTypeOf([notAWebhook, webhook, served]).toBeArray();
  });

  it("is typed to its spec on each vendor mock, idempotent operations included", () => {
    // @ts-expect-error idempotency names operations of the spec
    const keyed: VendorMock<CommetState, ServedOperations>["idempotency"] = { ...commetMock.idempotency!, operations: ["createCustomers"] };
    expectTypeOf(keyed).not.toBeAny();
  });
});

describe("the registries at run time", () => {
  it("hold exactly the operations of each spec's paths", () => {
    for (const mock of [commetMock, onetMock, cloudplansMock] as VendorMock<unknown>[]) {
      const served = getOperations(mock.api).operations.map((operation) => operation.operationId);
      expect(Object.keys(mock.handlers).sort(), mock.api).toEqual([...served].sort());
    }
  });

  it("leave out exactly Commet's webhooks", () => {
    const webhooks = Object.values(getDocument("commet").webhooks ?? {}).flatMap((item) => HTTP_METHODS.flatMap((method) => item[method]?.operationId ?? []));
    expect(webhooks).toHaveLength(10);
    expect([...SENT_NOT_SERVED].sort()).toEqual(webhooks.sort());
  });
});
