// A fresh Commet mock and a client for it, per test file.
import { afterAll, beforeAll } from "vitest";
import { createCommetClient, type CommetClient } from "../../src/commet/index.js";
import { startMock, type MockServer } from "../../src/mock/index.js";

export const SANDBOX_KEY = "ck_sandbox_tests";

export function useCommetMock(): { mock: () => MockServer; client: (apiKey?: string) => CommetClient } {
  let server: MockServer | undefined;
  beforeAll(async () => {
    server = await startMock("commet");
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    mock: () => server!,
    client: (apiKey = SANDBOX_KEY) => createCommetClient({ apiKey, baseUrl: server!.url }),
  };
}
