// Issue 13, item 12: Commet's undocumented list order, list filtering, slug rule and the after-effects
// of a delete are marked x-assumed; and x-request-id, which every mock sends on every response, is a
// required response header of every operation of every API.
import { describe, expect, it } from "vitest";
import { startMock } from "../../src/mock/index.js";
import { API_NAMES } from "../../src/spec/apis.js";
import { getOperations } from "../../src/spec/operations.js";

const commet = getOperations("commet");
const assumed = (operationId: string) => (commet.byId(operationId).object as unknown as Record<string, unknown>)["x-assumed"] as string | undefined;

describe("Commet assumptions", () => {
  it("listAddons: newest first and deleted add-ons not listed are assumed", () => {
    expect(assumed("listAddons")).toMatch(/newest/i);
    expect(assumed("listAddons")).toMatch(/deleted add-ons/i);
  });

  it("updateAddon: the slug kept on rename is assumed", () => {
    expect(assumed("updateAddon")).toMatch(/slug is kept on rename/);
  });

  it("deleteAddon: what a deleted add-on leaves behind is assumed", () => {
    const note = assumed("deleteAddon");
    expect(note).toMatch(/after-effects are assumed/);
    for (const effect of [/feature and the slug are freed/, /left out of the list/, /404 addon_not_found/]) expect(note).toMatch(effect);
  });
});

describe("x-request-id", () => {
  it.each(API_NAMES)("%s: is a required response header of every response of every operation", (api) => {
    const missing: string[] = [];
    for (const operation of getOperations(api).operations) {
      for (const [status, response] of Object.entries(operation.object.responses)) {
        const header = response.headers?.["x-request-id"];
        if (header?.required !== true || !header.schema) missing.push(`${operation.operationId} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it.each(API_NAMES)("%s: the mock sends it, also on errors (an unauthenticated call, an unknown route)", async (api) => {
    const mock = await startMock(api);
    try {
      const operation = getOperations(api).operations[0]!;
      for (const response of [
        await fetch(`${mock.url}${operation.path.replace(/\{[^}]+\}/g, "x")}`, { method: operation.method.toUpperCase() }),
        await fetch(`${mock.url}/no-such-route`),
      ]) {
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.headers.get("x-request-id")).toMatch(/\S/);
      }
    } finally {
      await mock.close();
    }
  });
});
