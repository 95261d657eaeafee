/**
 * `specwright mock <api>`: serves the API's mock until SIGINT or SIGTERM, then closes it (connections
 * and pending fault delays included) and exits 0. The base URL alone goes to stdout, for scripts; the
 * control URL (with the server's control token) and any warning go to stderr. `--seed` serves an
 * account nobody knows; `--print-fixtures FILE` writes what its user would know. `--webhook-url` and
 * `--webhook-secret` make the Commet mock deliver its webhooks; the secret is only ever shown masked.
 */
import { writeFile } from "node:fs/promises";
import { formatFixtures } from "../contract/fixtures.js";
import { maskSecret } from "../mock/commet/webhooks/envelope.js";
import { startMock } from "../mock/index.js";
import type { MockCommand } from "./arguments.js";
import { isLoopbackHost } from "./loopback.js";

export async function runMockCommand(command: MockCommand): Promise<void> {
  const mock = await startMock(command.api, {
    port: command.port,
    host: command.host,
    seed: command.seed,
    ...(command.webhooks ? { webhooks: command.webhooks } : {}),
  });
  if (command.printFixtures !== undefined) {
    // Before the URL: a script that waits for the URL finds the whole file.
    await writeFile(command.printFixtures, formatFixtures(mock.fixtures())).catch(async (error: unknown) => {
      await mock.close();
      throw new Error(`--print-fixtures: cannot write ${command.printFixtures}: ${(error as Error).message}`);
    });
  }
  // Listening for the signals before the URL goes out: a script (or test) that reads the URL and at
  // once sends SIGTERM must find the handler in place, not the default action (exit by the signal).
  const stopped = new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        // A second signal while closing: the user wants out now.
        process.exit(128 + (signal === "SIGINT" ? 2 : 15));
      }
      stopping = true;
      mock.close().then(resolve, (error: unknown) => {
        process.stderr.write(`specwright mock: error while closing: ${(error as Error).message}\n`);
        resolve();
      });
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  process.stdout.write(`${mock.url}\n`);
  if (!isLoopbackHost(new URL(mock.url).hostname)) {
    process.stderr.write(
      `specwright mock: warning: listening on ${command.host}, beyond loopback: anyone on the network can read and change the mock's data, ` +
        `and drive its control routes once they see the control URL (plain http carries its token in clear). ` +
        `Any Host header is accepted on this address; the control token is still required and cross-site requests (a foreign Origin) are still refused.\n`,
    );
  }
  process.stderr.write(
    `specwright mock: ${command.api} listening; control routes at ${mock.controlUrl} (the path holds this server's control token: keep it private). Ctrl-C to stop.\n`,
  );
  if (command.webhooks) {
    // Credentials in the receiver's URL are not repeated either.
    const receiver = new URL(command.webhooks.url);
    receiver.username = receiver.password = "";
    process.stderr.write(
      `specwright mock: webhooks: delivering to ${receiver.href}, signed with ${maskSecret(command.webhooks.secret)}; attempts at <controlUrl>/webhooks/deliveries.\n`,
    );
  }
  await stopped;
  process.stderr.write(`specwright mock: ${command.api} stopped.\n`);
}
