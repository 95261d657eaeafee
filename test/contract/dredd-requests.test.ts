// How the contract runner's dredd pass talks to the server: a connection per transaction, and a
// transaction that gets no response at all fails with the reason, never a bare "failed".
import { createConnection, createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { onetScenario } from "../../src/contract/scenarios/onet.js";
import { runDreddPass } from "../../src/contract/dredd/run.js";
import { failuresOf, useContractMock } from "../helpers/contract.js";

const harness = useContractMock("onet", onetScenario);

/** A TCP relay in front of the mock that counts the connections opened through it. */
async function countingRelay(upstreamUrl: string): Promise<{ url: string; connections: () => number; close(): Promise<void> }> {
  const upstream = new URL(upstreamUrl);
  let connections = 0;
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    connections += 1;
    const server = createConnection(Number(upstream.port), upstream.hostname);
    for (const socket of [client, server]) {
      sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => sockets.delete(socket));
    }
    client.pipe(server).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const { port } = relay.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    connections: () => connections,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => relay.close(() => resolve()));
    },
  };
}

describe("the dredd pass's requests", () => {
  it("go out on a connection each, so that none reuses an idle socket the server may be closing", async () => {
    harness.mock().reset();
    const relay = await countingRelay(harness.mock().url);
    try {
      const report = await runDreddPass(onetScenario, harness.target(relay.url), { only: ["replaceInstance"] });
      const sent = report.cases.filter((result) => result.outcome !== "skip");
      expect(failuresOf(report)).toEqual([]);
      expect(sent.length).toBe(6);
      // The drivers' own set-up requests go straight to the mock (the client has its own pool), so
      // every connection through the relay is dredd's.
      expect(relay.connections()).toBe(sent.length);
    } finally {
      await relay.close();
    }
  });

  it("fail a transaction that got no response with the reason, not a bare 'failed'", async () => {
    harness.mock().reset();
    harness.mock().injectFault({ operationId: "replaceInstance", drop: "before", count: 10 });
    const report = await runDreddPass(onetScenario, harness.target(harness.mock().url), { only: ["replaceInstance"] });
    const failures = failuresOf(report);
    expect(failures.map((result) => result.status).sort()).toEqual(["200", "400", "401", "403", "404", "429"]);
    for (const failure of failures) {
      expect(failure.message).toMatch(new RegExp(`^replaceInstance ${failure.status}: no response from the server \\(.*(socket hang up|ECONNRESET)`));
    }
  });
});
