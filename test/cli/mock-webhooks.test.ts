// `specwright mock commet --webhook-url URL --webhook-secret whsec_…`: the mock delivers its webhooks,
// signed, to the URL; the secret is printed only masked, and appears nowhere else (stdout, stderr, the
// deliveries control route). The two options go together, and only the commet mock takes them.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Commet } from "@commet/node";
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src/cli/arguments.js";
import { UsageError } from "../../src/cli/usage-error.js";
import { firstLine, runCli, startCli } from "./cli.js";

const SECRET = "whsec_cliSecretValue_0123456789";

describe("specwright mock commet --webhook-url --webhook-secret", () => {
  it("delivers signed webhooks to the URL and prints the secret masked only", async () => {
    const received: { body: string; headers: IncomingHttpHeaders }[] = [];
    let arrived: () => void;
    const first = new Promise<void>((resolve) => (arrived = resolve));
    const receiver = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      received.push({ body: Buffer.concat(chunks).toString("utf8"), headers: request.headers });
      response.writeHead(204).end();
      arrived();
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

    // One node process, so that SIGTERM reaches the CLI itself (see startCli).
    const cli = startCli(["mock", "commet", "--webhook-url", url, "--webhook-secret", SECRET]);
    try {
      const base = await firstLine(cli);
      const deadline = Date.now() + 15_000;
      while (!/webhooks: delivering/.test(cli.output().stderr) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(cli.output().stderr).toContain(`webhooks: delivering to ${url}, signed with whsec_cliS…`);
      const created = await fetch(`${base}/customers`, {
        method: "POST",
        headers: { "x-api-key": "ck_sandbox_cli", "content-type": "application/json" },
        body: JSON.stringify({ email: "cli@example.com" }),
      });
      expect(created.status).toBe(200);
      await first;
      const payload = new Commet({ apiKey: "ck_sandbox_cli" }).webhooks.verifyAndParse({
        rawBody: received[0]!.body,
        signature: received[0]!.headers["x-commet-signature"] as string,
        secret: SECRET,
      });
      expect(payload).toMatchObject({ event: "customer.created", mode: "sandbox" });

      const controlUrl = /control routes at (\S+)/.exec(cli.output().stderr)![1]!;
      const deliveries = await (await fetch(`${controlUrl}/webhooks/deliveries`)).text();
      expect(JSON.parse(deliveries)).toMatchObject([{ event: "customer.created", status: 204, state: "delivered" }]);
      expect(deliveries).not.toContain(SECRET);
    } finally {
      cli.child.kill("SIGTERM");
      receiver.closeAllConnections();
      receiver.close();
    }
    const run = await cli.done;
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain(SECRET);
    expect(run.stderr).not.toContain(SECRET);
    expect(run.stderr).not.toContain("whsec_cliSe");
  });

  it.each([
    [["--webhook-url", "http://127.0.0.1:9/hooks"], /--webhook-url and --webhook-secret go together/],
    [["--webhook-secret", SECRET], /--webhook-url and --webhook-secret go together/],
    [["--webhook-url", "127.0.0.1:9/hooks", "--webhook-secret", SECRET], /--webhook-url must be an absolute http or https URL/],
    [["--webhook-url", "http://127.0.0.1:9/hooks", "--webhook-secret", "whsec_bad secret value"], /--webhook-secret is not a Commet signing secret/],
  ])("refuses %j as a usage error, never echoing the secret", (options, message) => {
    let error: unknown;
    try {
      parseCommandLine(["mock", "commet", ...options]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(/cliSecretValue|bad secret value/);
  });

  it("parses both options for commet", () => {
    expect(parseCommandLine(["mock", "commet", "--webhook-url", "https://example.com/hooks", "--webhook-secret", SECRET])).toMatchObject({
      command: "mock",
      api: "commet",
      webhooks: { url: "https://example.com/hooks", secret: SECRET },
    });
  });

  it.each(["onet", "cloudplans"])("exits 2 for the %s mock, which sends no webhooks", async (api) => {
    const run = await runCli(["mock", api, "--webhook-url", "http://127.0.0.1:9/hooks", "--webhook-secret", SECRET]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`the ${api} mock sends no webhooks`);
    expect(run.stdout).toBe("");
    expect(run.stderr).not.toContain(SECRET);
  });
});
