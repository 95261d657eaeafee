// The package's `bin`: `specwright` points at the built CLI, which runs in plain Node. `npm test` builds first.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ROOT } from "./cli.js";

const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { bin: Record<string, string>; scripts: Record<string, string> };

describe("the specwright bin", () => {
  it("is declared, and `npm run contract` is the CLI's contract command with no arguments", () => {
    expect(pkg.bin).toEqual({ specwright: "./dist/src/cli/main.js" });
    expect(pkg.scripts.contract).toBe("tsx src/cli/main.ts contract");
  });

  it.skipIf(!existsSync(`${ROOT}dist/src/cli/main.js`))("is built with a node shebang, and prints its help without tsx", () => {
    const built = `${ROOT}${pkg.bin.specwright!.replace(/^\.\//, "")}`;
    expect(readFileSync(built, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(execFileSync(process.execPath, [built, "--help"], { encoding: "utf8" })).toContain("specwright contract [api...]");
  });
});
