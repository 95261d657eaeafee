// The package's `exports` map: `specwright/commet`, `/onet`, `/cloudplans` and `/mock` resolve (with their type
// declarations) from the built `dist/`, as a consumer would import them. `npm test` builds first.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as { exports: Record<string, { types: string; default: string }> };

describe.skipIf(!existsSync(new URL("dist/", root)))("package exports (built)", () => {
  it.each(["./commet", "./onet", "./cloudplans", "./mock"])("%s points at built JavaScript and type declarations", (entry) => {
    const target = pkg.exports[entry]!;
    expect(existsSync(new URL(target.default, root))).toBe(true);
    expect(existsSync(new URL(target.types, root))).toBe(true);
  });

  it("shares one copy of the error classes among the client entries; a mock's error is recognised by isSpecwrightError", () => {
    const script = `
      const commet = await import("specwright/commet");
      const onet = await import("specwright/onet");
      const cloudplans = await import("specwright/cloudplans");
      const { startMock, ConfigurationError } = await import("specwright/mock");
      const refused = await startMock("commet", { webhooks: { url: "not a url", secret: "whsec_x" } }).catch((error) => error);
      console.log(JSON.stringify([
        commet.ApiError === onet.ApiError && onet.ApiError === cloudplans.ApiError,
        commet.SpecwrightError === cloudplans.SpecwrightError,
        refused instanceof ConfigurationError,
        commet.isSpecwrightError(refused) && refused.name,
      ]));`;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: new URL(".", root), encoding: "utf8" });
    expect(JSON.parse(output)).toEqual([true, true, true, "ConfigurationError"]);
  });

  it("loads no fetch implementation when a client entry is imported (Node 20 loads undici, ~25 ms, on the first read of Response)", () => {
    const script = `
      for (const entry of ["specwright/commet", "specwright/onet", "specwright/cloudplans"]) await import(entry);
      console.log(JSON.stringify(process.moduleLoadList.filter((name) => name.includes("undici"))));`;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: new URL(".", root), encoding: "utf8" });
    expect(JSON.parse(output)).toEqual([]);
  });

  it("imports by package name in plain Node: a client against a started mock", () => {
    const script = `
      const { createCommetClient } = await import("specwright/commet");
      const { startMock } = await import("specwright/mock");
      const mock = await startMock("commet");
      const client = createCommetClient({ apiKey: "ck_sandbox_pkg", baseUrl: mock.url });
      const { data } = await client.GET("/addons");
      await mock.close();
      console.log(JSON.stringify(data));`;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: new URL(".", root), encoding: "utf8" });
    expect(JSON.parse(output)).toEqual({ success: true, data: [], hasMore: false });
  });

  it("imports the Cloud Plans client by package name, and it fills in the action", () => {
    const script = `
      const { createCloudPlansClient } = await import("specwright/cloudplans");
      const { startMock } = await import("specwright/mock");
      const mock = await startMock("cloudplans");
      const client = createCloudPlansClient({ token: "cp-test-owner", baseUrl: mock.url });
      const { data } = await client.GET("/v1/organizations/list");
      await mock.close();
      console.log(JSON.stringify(data.data.organizations.map((organization) => organization.org_id)));`;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: new URL(".", root), encoding: "utf8" });
    expect(JSON.parse(output)).toEqual(["org-acme"]);
  });
});
