#!/usr/bin/env node
/** The `specwright` command: `mock`, `contract` and `webhooks` (see help.ts). Exit codes: 0 ok, 1 failed, 2 usage. */
import { createRequire } from "node:module";
import { parseCommandLine } from "./arguments.js";
import { HELP } from "./help.js";
import { runMockCommand } from "./mock-command.js";
import { UsageError } from "./usage-error.js";
import { runWebhooksCommand } from "./webhooks-command.js";

async function main(argv: readonly string[]): Promise<number> {
  const command = parseCommandLine(argv);
  switch (command.command) {
    case "help":
      process.stdout.write(HELP);
      return 0;
    case "mock":
      await runMockCommand(command);
      return 0;
    case "contract": {
      // Loaded on demand: the contract runner pulls in dredd and fast-check, which `mock` and `--help` do
      // without; they are optional peer dependencies, so a project that only imports the clients skips them.
      const missing = ["dredd", "fast-check"].filter((name) => !resolvable(name));
      if (missing.length > 0) {
        throw new UsageError(`"specwright contract" needs ${missing.join(" and ")}: npm install --save-dev dredd@14.1.0 fast-check@4.10.2`);
      }
      const { runContractCommand } = await import("./contract-command.js");
      return runContractCommand(command);
    }
    case "webhooks":
      return runWebhooksCommand(command);
  }
}

function resolvable(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`specwright: ${error.message}\n`);
      if (process.argv.length <= 2) process.stderr.write(`\n${HELP}`);
      process.exitCode = 2;
      return;
    }
    // Secrets never reach here: the contract command catches (and redacts) what a run throws.
    process.stderr.write(`specwright: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
