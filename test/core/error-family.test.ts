// One error family: every error class specwright exports extends SpecwrightError, and
// isSpecwrightError() recognises its errors from any entry, from another copy of the package and from
// another realm, and nothing else.
import vm from "node:vm";
import { buildSync } from "esbuild";
import { describe, expect, it } from "vitest";
import * as cloudplans from "../../src/cloudplans/index.js";
import * as commet from "../../src/commet/index.js";
import * as mock from "../../src/mock/index.js";
import * as onet from "../../src/onet/index.js";
import { ConfigurationError, isSpecwrightError, NotFoundError, SpecwrightError } from "../../src/core/errors/index.js";
import { paginate } from "../../src/core/paginate.js";

type ErrorClass = abstract new (...args: never[]) => Error;

/** The error classes an entry exports: every exported function whose prototype is an Error's. */
function errorClasses(entry: Record<string, unknown>): [string, ErrorClass][] {
  return Object.entries(entry).filter((pair): pair is [string, ErrorClass] => typeof pair[1] === "function" && pair[1].prototype instanceof Error);
}

/** The errors module bundled on its own: a second copy, as two installed versions of the package would be. */
function bundle(format: "esm" | "iife"): string {
  const built = buildSync({
    entryPoints: [new URL("../../src/core/errors/index.ts", import.meta.url).pathname],
    bundle: true,
    format,
    globalName: "errors",
    platform: "neutral",
    write: false,
  });
  return built.outputFiles[0]!.text;
}

describe("the error family", () => {
  const entries = { commet, onet, cloudplans, mock } as Record<string, Record<string, unknown>>;

  it.each(Object.keys(entries))("specwright/%s exports SpecwrightError, isSpecwrightError and only error classes that extend it", (name) => {
    const entry = entries[name]!;
    expect(entry.SpecwrightError).toBe(SpecwrightError);
    expect(entry.isSpecwrightError).toBe(isSpecwrightError);
    const classes = errorClasses(entry);
    expect(classes.map(([exported]) => exported)).toContain("ConfigurationError");
    for (const [exported, ErrorClass] of classes) {
      expect(ErrorClass === SpecwrightError || ErrorClass.prototype instanceof SpecwrightError, exported).toBe(true);
      expect(isSpecwrightError(Object.create(ErrorClass.prototype)), exported).toBe(true);
    }
  });

  it("covers every error class of the client entries, the webhook error included", () => {
    const names = errorClasses(commet)
      .map(([name]) => name)
      .sort();
    expect(names).toEqual(
      expect.arrayContaining([
        "ApiError",
        "ConfigurationError",
        "NetworkError",
        "RedirectError",
        "ResponseTooLargeError",
        "TimeoutError",
        "WebhookVerificationError",
      ]),
    );
  });

  it("keeps each error's own name, class and fields", () => {
    const error = new ConfigurationError("baseUrl", "createOnetClient: no");
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toBeInstanceOf(SpecwrightError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: "ConfigurationError", option: "baseUrl", message: "createOnetClient: no" });
    expect(String(error)).toBe("ConfigurationError: createOnetClient: no");
  });

  it("adds nothing to an error's own keys or JSON", () => {
    const error = new commet.ApiError({ vendor: "Commet", status: 500, body: null, request: "GET /x" });
    expect(Object.getOwnPropertySymbols(error)).toEqual([]);
    expect(JSON.stringify(error.toJSON())).not.toContain("specwright.error");
  });
});

describe("isSpecwrightError", () => {
  it("refuses everything that is not one of specwright's errors, and never throws", () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const lookalike = Object.assign(new Error("x"), { name: "NetworkError", request: "GET /x" });
    for (const value of [
      new Error("x"),
      new TypeError("fetch failed"),
      lookalike,
      { name: "SpecwrightError" },
      null,
      undefined,
      "SpecwrightError",
      42,
      proxy,
    ]) {
      expect(isSpecwrightError(value)).toBe(false);
    }
  });

  it("recognises an error from another copy of the package, where instanceof cannot", async () => {
    const copy = (await import(
      `data:text/javascript;base64,${Buffer.from(bundle("esm")).toString("base64")}`
    )) as typeof import("../../src/core/errors/index.js");
    expect(copy.SpecwrightError).not.toBe(SpecwrightError);
    const error = new copy.NotFoundError({ vendor: "Commet", status: 404, body: null, request: "GET /x" });
    expect(error).not.toBeInstanceOf(NotFoundError);
    expect(isSpecwrightError(error)).toBe(true);
    // And the other way round: the copy's check knows this copy's errors.
    expect(copy.isSpecwrightError(new ConfigurationError("token", "no token"))).toBe(true);
  });

  it("recognises an error from another realm", () => {
    const realm = vm.createContext({});
    vm.runInContext(bundle("iife"), realm);
    const foreign: unknown = vm.runInContext('new errors.ConfigurationError("token", "createOnetClient: no token")', realm);
    expect(foreign).not.toBeInstanceOf(Error);
    expect(isSpecwrightError(foreign)).toBe(true);
    expect((foreign as ConfigurationError).name).toBe("ConfigurationError");
    expect(isSpecwrightError(vm.runInContext('new Error("x")', realm))).toBe(false);
  });

  it("throws a SpecwrightError, not a bare Error, when a server hands back a cursor it already gave", async () => {
    const pages = [
      { items: [1], next: "a" },
      { items: [2], next: "b" },
      { items: [3], next: "a" },
    ];
    const seen: number[] = [];
    let index = 0;
    const error = await (async () => {
      for await (const item of paginate<number, string>(async () => pages[index++]!)) seen.push(item);
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SpecwrightError);
    expect((error as Error).message).toBe('pagination: the server returned the cursor "a" twice');
    expect(seen).toEqual([1, 2, 3]);
  });
});
