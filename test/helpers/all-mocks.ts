// One mock per API for a whole test file, started before its tests and closed after them.
import { afterAll, beforeAll } from "vitest";
import { API_NAMES, type ApiName } from "../../src/spec/apis.js";
import { startMock, type MockServer } from "../../src/mock/index.js";

export function useAllMocks(): ReadonlyMap<ApiName, MockServer> {
  const mocks = new Map<ApiName, MockServer>();
  beforeAll(async () => {
    for (const api of API_NAMES) mocks.set(api, await startMock(api));
  });
  afterAll(async () => {
    for (const mock of mocks.values()) await mock.close();
  });
  return mocks;
}
