// Path parameters cannot change the path or the query that is called.
import { describe, expect, it } from "vitest";
import { serializePath } from "../../src/core/paths.js";
import { createCommetClient } from "../../src/commet/index.js";

describe("serializePath", () => {
  it.each([
    ["../admin", "..%2Fadmin"],
    ["a/b", "a%2Fb"],
    ["x?limit=1", "x%3Flimit%3D1"],
    ["x#frag", "x%23frag"],
    ["50%", "50%25"],
    ["é", "%C3%A9"],
  ])("keeps %j inside its segment", (id, encoded) => {
    expect(serializePath("https://api.test/addons/{id}", { id })).toBe(`https://api.test/addons/${encoded}`);
  });

  it("refuses a missing or empty parameter instead of calling another route", () => {
    expect(() => serializePath("/addons/{id}", { id: "" })).toThrow(/"id".*missing or empty/);
    expect(() => serializePath("/addons/{id}", {})).toThrow(/"id"/);
    expect(() => serializePath("/addons/{id}", { id: { nested: true } })).toThrow(/"id"/);
  });

  it.each([".", ".."])("refuses %j, which any URL parser resolves as a dot segment, encoded or not", (id) => {
    expect(() => serializePath("/addons/{id}", { id })).toThrow(/another path/);
    // Why encoding cannot help: the WHATWG parser treats %2E%2E as ".." too.
    expect(new URL("https://api.test/addons/%2E%2E").pathname).toBe("/");
  });
});

describe("the clients' path parameters on the wire", () => {
  it("send an id with ../, ? or # as one encoded segment of the documented path", async () => {
    const seen: string[] = [];
    const client = createCommetClient({
      apiKey: "ck_sandbox_paths",
      fetch: async (input) => {
        seen.push((input as Request).url);
        return Response.json({ success: true, data: {} });
      },
    });
    for (const id of ["../../customers", "a?b=c", "x#y"]) await client.GET("/addons/{id}", { params: { path: { id } } });
    expect(seen).toEqual([
      "https://commet.co/api/v1/addons/..%2F..%2Fcustomers",
      "https://commet.co/api/v1/addons/a%3Fb%3Dc",
      "https://commet.co/api/v1/addons/x%23y",
    ]);
  });

  it("refuses an empty or dot-segment id before sending anything", async () => {
    let calls = 0;
    const client = createCommetClient({
      apiKey: "ck_sandbox_paths",
      fetch: async () => {
        calls++;
        return Response.json({});
      },
    });
    await expect(client.GET("/addons/{id}", { params: { path: { id: "" } } })).rejects.toThrow(/"id"/);
    await expect(client.DELETE("/addons/{id}", { params: { path: { id: ".." } } })).rejects.toThrow(/"id"/);
    expect(calls).toBe(0);
  });
});
