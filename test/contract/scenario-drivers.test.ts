// Each scenario's drivers are keyed by its spec's operationIds and, per operation, by the statuses it
// documents, so the compiler finds a missing operation, a driver for no operation, or a driver for a
// status the operation does not document. `npm run typecheck` checks this file, where an expected error
// that does not occur is itself an error.
import { describe, expect, expectTypeOf, it } from "vitest";
import type { operations as CloudPlansOperations } from "../../generated/cloudplans/schema.js";
import type { operations as CommetOperations, webhooks as CommetWebhooks } from "../../generated/commet/schema.js";
import type { operations as OnetOperations } from "../../generated/onet/schema.js";
import type { CloudPlansClient } from "../../src/cloudplans/index.js";
import type { CommetClient } from "../../src/commet/index.js";
import type { OnetClient } from "../../src/onet/index.js";
import { scenarios } from "../../src/contract/scenarios/index.js";
import type { RequestedOperations, ScenarioDrivers } from "../../src/contract/types.js";
import { API_NAMES } from "../../src/spec/apis.js";
import { getOperations } from "../../src/spec/operations.js";

type CommetDrivers = ScenarioDrivers<CommetClient, RequestedOperations<CommetOperations, CommetWebhooks>>;
type OnetDrivers = ScenarioDrivers<OnetClient, RequestedOperations<OnetOperations>>;
type CloudPlansDrivers = ScenarioDrivers<CloudPlansClient, RequestedOperations<CloudPlansOperations>>;

/** A driver that sends the request as built; fits every client. */
const asBuilt = () => ({});

describe("a scenario's drivers", () => {
  it("do not compile when they miss one operation", () => {
    const { listOrganizations: _onet, ...onetButOne } = scenarios.onet.drivers as OnetDrivers;
    // @ts-expect-error listOrganizations has no drivers
    const onet: OnetDrivers = onetButOne;
    const { trackUsage: _commet, ...commetButOne } = scenarios.commet.drivers as CommetDrivers;
    // @ts-expect-error trackUsage has no drivers
    const commet: CommetDrivers = commetButOne;
    expectTypeOf([onet, commet]).toBeArray();
  });

  it("do not compile with drivers for no operation of the spec, nor for one of Commet's webhooks", () => {
    // @ts-expect-error the spec has no operation trackUsages
    const typo: Partial<CommetDrivers> = { trackUsages: {} };
    // @ts-expect-error addonActivatedWebhook is sent by Commet, never requested
    const webhook: Partial<CommetDrivers> = { addonActivatedWebhook: {} };
    expectTypeOf([typo, webhook]).toBeArray();
  });

  it("do not compile with a driver for a status the operation does not document; variants of a documented one do", () => {
    // @ts-expect-error getSubscription documents no 418
    const undocumented: Partial<CommetDrivers> = { getSubscription: { "418": asBuilt } };
    const variants: Partial<CloudPlansDrivers> = { billingUpdate: { "200 getpaymentlink": asBuilt, "400": asBuilt } };
    // @ts-expect-error a variant of an undocumented status
    const undocumentedVariant: Partial<CloudPlansDrivers> = { billingUpdate: { "201 getpaymentlink": asBuilt } };
    expectTypeOf([undocumented, variants, undocumentedVariant]).toBeArray();
  });

  it.each(API_NAMES)("of %s cover exactly the spec's operations at run time too", (api) => {
    const ids = getOperations(api).operations.map((operation) => operation.operationId);
    expect(Object.keys(scenarios[api].drivers).sort()).toEqual([...ids].sort());
  });
});
