// One API's contract against a mock started for the test file, directly or through a deliberately
// broken proxy in front of it: the shared set-up of the contract self-tests.
import { afterAll, beforeAll } from "vitest";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { runDreddPass, type ContractReport } from "../../src/contract/dredd/run.js";
import type { ContractTarget, Scenario } from "../../src/contract/types.js";
import type { ApiName } from "../../src/spec/apis.js";
import { getOperations } from "../../src/spec/operations.js";
import { startBrokenProxy, type Tamper } from "./broken-proxy.js";

export interface ContractHarness {
  mock: () => MockServer;
  /** The target for a run against `baseUrl` (the mock's, or a proxy's in front of it). */
  target: (baseUrl: string) => ContractTarget;
  /** A run against a reset mock, through a proxy that tampers with its replies. */
  through: (tamper: Tamper, only?: readonly string[]) => Promise<ContractReport>;
}

export function useContractMock<Client>(api: ApiName, scenario: Scenario<Client>): ContractHarness {
  let server: MockServer | undefined;
  beforeAll(async () => {
    server = await startMock(api);
  });
  afterAll(async () => {
    await server?.close();
  });
  const target = (baseUrl: string): ContractTarget => ({ api, baseUrl, credentials: scenario.mockCredentials, controlUrl: server!.controlUrl });
  return {
    mock: () => server!,
    target,
    async through(tamper, only) {
      server!.reset();
      const proxy = await startBrokenProxy(api, server!.url, tamper);
      try {
        return await runDreddPass(scenario, target(proxy.url), only ? { only } : {});
      } finally {
        await proxy.close();
      }
    },
  };
}

export function failuresOf(report: ContractReport) {
  return report.cases.filter((result) => result.outcome === "fail");
}

/** Every documented (operation, status) pair of an API as `<operationId> <status>`; `default` is none. */
export function documentedPairs(api: ApiName): string[] {
  return getOperations(api).operations.flatMap((operation) =>
    operation.statuses.filter((status) => status !== "default").map((status) => `${operation.operationId} ${status}`),
  );
}
