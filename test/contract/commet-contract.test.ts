// The Commet contract: it passes against the mock with every documented (operation, status) pair
// exercised and every response body schema-validated, and it fails against broken servers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMock, type MockServer } from "../../src/mock/index.js";
import { runContract, type ContractReport } from "../../src/contract/run.js";
import { commetScenario } from "../../src/contract/commet.js";
import { coverageOf } from "../../src/contract/report.js";
import { getOperations } from "../../src/spec/operations.js";
import type { JsonSchema } from "../../src/spec/document.js";
import { startBrokenProxy, wrongType, type Tamper } from "../helpers/broken-proxy.js";

let mock: MockServer;
beforeAll(async () => {
  mock = await startMock("commet");
});
afterAll(() => mock.close());

async function contractThrough(tamper: Tamper, only?: string[]): Promise<ContractReport> {
  mock.reset();
  const proxy = await startBrokenProxy("commet", mock.url, tamper);
  try {
    return await runContract(
      commetScenario,
      { api: "commet", baseUrl: proxy.url, credentials: commetScenario.mockCredentials, controlUrl: mock.controlUrl },
      only ? { only } : {},
    );
  } finally {
    await proxy.close();
  }
}

function failuresOf(report: ContractReport) {
  return report.cases.filter((result) => result.outcome === "fail");
}

describe("the Commet contract against the mock", () => {
  it("exercises all 8 operations and every documented status, validating every body", async () => {
    mock.reset();
    const report = await runContract(commetScenario, { api: "commet", baseUrl: mock.url, credentials: commetScenario.mockCredentials, controlUrl: mock.controlUrl });
    expect(failuresOf(report)).toEqual([]);
    const coverage = coverageOf(report);
    expect(coverage.operations).toEqual({ exercised: 8, documented: 8 });
    expect(coverage.pairs).toEqual({ exercised: 50, documented: 50 });
    expect(coverage.missing).toEqual([]);
    expect(report.cases.every((result) => result.schemaValidated)).toBe(true);
    expect(report.cases.map((result) => `${result.operationId} ${result.status}`)).toContain("createAddon 409");
  });

  it("runs the same when started twice against one server (drivers arrange their own state)", async () => {
    const target = { api: "commet" as const, baseUrl: mock.url, credentials: commetScenario.mockCredentials, controlUrl: mock.controlUrl };
    mock.reset();
    await runContract(commetScenario, target);
    const second = await runContract(commetScenario, target);
    expect(failuresOf(second)).toEqual([]);
  });
});

describe("the Commet contract against deliberately broken servers", () => {
  it("fails a field of the wrong type, naming the operation and the field", async () => {
    const report = await contractThrough(({ operationId, status, body }) => {
      if (operationId !== "getAddon" || status !== 200) return undefined;
      const broken = structuredClone(body) as { data: Record<string, unknown> };
      broken.data.basePrice = "2900";
      return { body: broken };
    });
    const failures = failuresOf(report);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ operationId: "getAddon", status: "200" });
    expect(failures[0]!.message).toContain("data.basePrice must be integer");
  });

  it("fails a missing required field", async () => {
    const report = await contractThrough(({ operationId, status, body }) => {
      if (operationId !== "createAddon" || status !== 200) return undefined;
      const broken = structuredClone(body) as { data: Record<string, unknown> };
      delete broken.data.slug;
      return { body: broken };
    });
    const failures = failuresOf(report);
    expect(failures.map((result) => `${result.operationId} ${result.status}`)).toEqual(["createAddon 200"]);
    expect(failures[0]!.message).toContain("data.slug");
  });

  it("fails a wrong status", async () => {
    const report = await contractThrough(({ operationId, status }) => (operationId === "deleteAddon" && status === 200 ? { status: 201 } : undefined));
    const failures = failuresOf(report);
    expect(failures.map((result) => `${result.operationId} ${result.status}`)).toEqual(["deleteAddon 200"]);
    expect(failures[0]!.realStatus).toBe(201);
  });

  it("fails an error body that leaves the documented envelope", async () => {
    const report = await contractThrough(({ operationId, status }) => (operationId === "getAddon" && status === 404 ? { body: { detail: "Not found." } } : undefined));
    const failures = failuresOf(report);
    expect(failures.map((result) => `${result.operationId} ${result.status}`)).toEqual(["getAddon 404"]);
    expect(failures[0]!.message).toMatch(/success|error/);
  });
});

// Every required field of every documented success body, per operation: changing its type in what the
// server sends must make the contract fail on that operation, naming that field.
const mutations = getOperations("commet").operations.flatMap((operation) => {
  const schema = operation.object.responses["200"]?.content?.["application/json"]?.schema as JsonSchema;
  const envelope = (schema.required as string[]).map((field) => ({ operationId: operation.operationId, field, path: [field] }));
  const data = (schema.properties as Record<string, JsonSchema>).data!;
  const item = (data.type === "array" ? data.items : data) as JsonSchema;
  const fields = ((item.required as string[] | undefined) ?? []).map((field) => ({
    operationId: operation.operationId,
    field: data.type === "array" ? `data.0.${field}` : `data.${field}`,
    path: data.type === "array" ? ["data", "*", field] : ["data", field],
  }));
  return [...envelope, ...fields];
});

describe("changing the type of any response field fails the contract", () => {
  it.each(mutations.map((mutation) => [`${mutation.operationId}: ${mutation.field}`, mutation] as const))("%s", async (_, mutation) => {
    let touched = 0;
    const report = await contractThrough(({ operationId, status, body }) => {
      if (operationId !== mutation.operationId || status !== 200) return undefined;
      const broken = structuredClone(body) as Record<string, unknown>;
      const [first, second, third] = mutation.path as [string, string?, string?];
      if (!second) broken[first] = wrongType(broken[first]);
      else if (second === "*") for (const entry of broken[first] as Record<string, unknown>[]) (entry[third!] = wrongType(entry[third!])), (touched += 1);
      else (broken[first] as Record<string, unknown>)[second] = wrongType((broken[first] as Record<string, unknown>)[second]);
      if (second !== "*") touched += 1;
      return { body: broken };
    }, [mutation.operationId]);
    expect(touched).toBeGreaterThan(0);
    const failures = failuresOf(report);
    expect(failures.map((result) => `${result.operationId} ${result.status}`)).toEqual([`${mutation.operationId} 200`]);
    expect(failures[0]!.message).toContain(mutation.field);
  });
});
