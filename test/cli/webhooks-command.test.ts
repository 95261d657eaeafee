// `specwright webhooks trigger|check` (issue 15, item 4) against receivers on loopback: a correct one
// passes all five checks, and each kind of broken one fails exactly the checks it should; every event
// `trigger` sends is a delivery parseWebhook accepts and the spec's schema and header parameters
// describe. The CLI itself is spawned only where its exit code or argument handling is the point; the
// rest calls runWebhooksCommand, which main.ts calls the same way.
import { once } from "node:events";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseCommandLine } from "../../src/cli/arguments.js";
import { HELP } from "../../src/cli/help.js";
import { UsageError } from "../../src/cli/usage-error.js";
import { SECRET_VARIABLE, WEBHOOKS_OPTIONS, type WebhooksCommand } from "../../src/cli/webhooks-arguments.js";
import { runWebhooksCommand } from "../../src/cli/webhooks-command.js";
import { STALE_AGE_MS } from "../../src/cli/webhooks/checks.js";
import { webhookOperation } from "../../src/cli/webhooks/example.js";
import { post } from "../../src/cli/webhooks/post.js";
import { COMMET_WEBHOOK_EVENT_NAMES, parseWebhook, WebhookVerificationError, type CommetWebhookEventName } from "../../src/commet/webhooks.js";
import { validateBody, validateParameters } from "../../src/spec/validator.js";
import { runCli } from "./cli.js";

const SECRET = "whsec_Th1sMustNeverBePrinted0123456789abcdef";
const TOLERANCE_MS = 5 * 60_000;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  url: string;
  received: Received[];
  /** Event ids acted on, once each for a correct receiver. */
  handled: string[];
}

type Answer = (delivery: Received, receiver: Receiver) => Promise<number> | number;

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function startReceiver(answer: Answer, body = "receiver-says-something"): Promise<Receiver> {
  const receiver: Receiver = { url: "", received: [], handled: [] };
  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const delivery = { headers: request.headers, body: Buffer.concat(chunks).toString("utf8") };
    receiver.received.push(delivery);
    const status = await answer(delivery, receiver);
    response.writeHead(status, status >= 300 && status < 400 ? { location: `${receiver.url}/elsewhere` } : {}).end(body);
  });
  servers.push(server);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/commet`;
  return receiver;
}

/** A receiver as the docs describe one: verify, then skip ids already handled; `repeat` is its answer to those. */
function verifying({ toleranceMs, repeat = 200 }: { toleranceMs?: number; repeat?: number } = {}): Answer {
  return async ({ headers, body }, receiver) => {
    let id: string;
    try {
      const signature = headers["x-commet-signature"] as string | undefined;
      ({ id } = await parseWebhook({ payload: body, signature, secret: SECRET, ...(toleranceMs !== undefined ? { toleranceMs } : {}) }));
    } catch (error) {
      if (error instanceof WebhookVerificationError) return 400;
      throw error;
    }
    if (receiver.handled.includes(id)) return repeat;
    receiver.handled.push(id);
    return 200;
  };
}

const correct = verifying({ toleranceMs: TOLERANCE_MS });

function command(action: WebhooksCommand["action"], url: string, event: CommetWebhookEventName = "subscription.activated"): WebhooksCommand {
  return { command: "webhooks", action, event, to: new URL(url), secret: SECRET };
}

async function run(webhooks: WebhooksCommand, send = post): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await runWebhooksCommand(webhooks, { write: (text) => (out += text), post: (url, delivery) => send(url, delivery) });
  expect(out).not.toContain(SECRET);
  return { code, out };
}

/** The table's verdict per check letter, e.g. { a: "pass", e: "FAIL" }. */
function verdicts(out: string): Record<string, string> {
  return Object.fromEntries([...out.matchAll(/^\((\w)\) .*\s(pass|FAIL)$/gm)].map((match) => [match[1]!, match[2]!]));
}

const freePort = async () => {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
};

describe("specwright webhooks check", () => {
  it("passes 5/5 against a correct receiver (exit 0), which acts on the event once; the secret comes from the environment", async () => {
    const receiver = await startReceiver(correct);
    const cli = await runCli(["webhooks", "check", "--to", receiver.url], { env: { [SECRET_VARIABLE]: SECRET } });
    expect(cli.stderr).toBe("");
    expect(cli.code).toBe(0);
    expect(verdicts(cli.stdout)).toEqual({ a: "pass", b: "pass", c: "pass", d: "pass", e: "pass" });
    expect(cli.stdout).toMatch(/\n5 passed, 0 failed\n$/);
    expect(cli.stdout).toContain("cannot be seen from outside");
    expect(cli.stdout).toContain("signed with whsec_Th1s…");
    expect(cli.stdout).not.toContain(SECRET);

    const [first, again, ...others] = receiver.received;
    expect(again).toEqual(first);
    expect(receiver.handled).toEqual([first!.headers["x-commet-event-id"]]);
    const ids = others.map(({ headers }) => headers["x-commet-event-id"]);
    expect(new Set([first!.headers["x-commet-event-id"], ...ids]).size).toBe(4);
  });

  it("fails the tampered, wrong-signature and stale checks against a receiver that accepts everything (exit 1), and never prints its answers", async () => {
    const receiver = await startReceiver(() => 200, "RECEIVER-BODY-MUST-NOT-SHOW");
    const cli = await runCli(["webhooks", "check", "--to", receiver.url, "--secret", SECRET, "--event", "customer.created"]);
    expect(cli.code).toBe(1);
    expect(verdicts(cli.stdout)).toEqual({ a: "pass", b: "pass", c: "FAIL", d: "FAIL", e: "FAIL" });
    expect(cli.stdout).toMatch(/^\(e\) failed: refuse a timestamp older than Commet's retry window/m);
    expect(cli.stdout).toMatch(/\n2 passed, 3 failed\n$/);
    expect(cli.stdout + cli.stderr).not.toContain("RECEIVER-BODY-MUST-NOT-SHOW");
    expect(cli.stdout + cli.stderr).not.toContain(SECRET);
    expect(receiver.received.map(({ headers }) => headers["x-commet-event"])).toEqual(Array(5).fill("customer.created"));
  });

  it("fails only the stale check against a receiver without replay tolerance", async () => {
    const receiver = await startReceiver(verifying());
    const { code, out } = await run(command("check", receiver.url));
    expect(verdicts(out)).toEqual({ a: "pass", b: "pass", c: "pass", d: "pass", e: "FAIL" });
    expect(code).toBe(1);
    const stale = JSON.parse(receiver.received[4]!.body) as { timestamp: string };
    expect(Date.now() - Date.parse(stale.timestamp)).toBeGreaterThanOrEqual(STALE_AGE_MS);
  });

  it("fails only the redelivery check against a receiver that answers 500 to an id it has seen", async () => {
    const receiver = await startReceiver(verifying({ toleranceMs: TOLERANCE_MS, repeat: 500 }));
    const { code, out } = await run(command("check", receiver.url));
    expect(verdicts(out)).toEqual({ a: "pass", b: "FAIL", c: "pass", d: "pass", e: "pass" });
    expect(out).toMatch(/^\(b\) redelivery.*500 in \d+ ms\s+FAIL$/m);
    expect(out).not.toContain("cannot be seen from outside");
    expect(code).toBe(1);
  });

  it("sends the tampered body with the first delivery's signature, differing in its id and mode only", async () => {
    const receiver = await startReceiver(correct);
    await run(command("check", receiver.url));
    const [valid, , tampered] = receiver.received.map(({ headers, body }) => ({ headers, body: JSON.parse(body) as Record<string, unknown> }));
    expect(tampered!.headers["x-commet-signature"]).toBe(valid!.headers["x-commet-signature"]);
    expect(tampered!.body).toEqual({ ...valid!.body, id: tampered!.body.id, mode: valid!.body.mode === "live" ? "sandbox" : "live" });
  });

  it("does not follow a redirect: a 3xx fails", async () => {
    const receiver = await startReceiver(() => 307);
    const { code, out } = await run(command("check", receiver.url));
    expect(code).toBe(1);
    expect(out).toMatch(/^\(a\) valid delivery.*307 \(a redirect: not followed\)/m);
    expect(receiver.received).toHaveLength(5);
  });

  it("stops at an unreachable receiver: one attempt, the rest not sent (exit 1)", async () => {
    const { code, out } = await run(command("check", `http://127.0.0.1:${await freePort()}/hook`));
    expect(code).toBe(1);
    expect(out).toMatch(/^\(a\) valid delivery.*connection refused \(127\.0\.0\.1:\d+\)/m);
    expect(out.match(/not sent +FAIL$/gm)).toHaveLength(4);
    expect(out).toContain("The receiver is unreachable");
    expect(out).toMatch(/\n0 passed, 5 failed\n$/);
  });
});

describe("specwright webhooks trigger", () => {
  it.each(COMMET_WEBHOOK_EVENT_NAMES.map((event) => [event]))(
    "%s: sends a fresh, signed delivery of the spec's example, valid against its schema and headers",
    async (event) => {
      const receiver = await startReceiver(correct);
      const before = Date.now();
      const { code, out } = await run(command("trigger", receiver.url, event));
      expect(code).toBe(0);

      const [{ headers, body }] = receiver.received as [Received];
      const delivery = await parseWebhook({ payload: body, signature: headers["x-commet-signature"] as string, secret: SECRET, toleranceMs: TOLERANCE_MS });
      expect(out).toMatch(new RegExp(`^${event.replace(".", "\\.")} ${delivery.id}: 200 in \\d+ ms\\n$`));

      const operation = webhookOperation(event);
      const media = operation.requestBody!.content["application/json"]!;
      expect(validateBody(media.schema!, JSON.parse(body))).toEqual({ valid: true });
      expect(validateParameters("header", operation.parameters!, { ...headers })).toEqual({ valid: true });

      const example = media.example as typeof delivery;
      expect(delivery).toEqual({ ...example, id: delivery.id, timestamp: delivery.timestamp });
      expect(delivery.id).not.toBe(example.id);
      expect(Date.parse(delivery.timestamp)).toBeGreaterThanOrEqual(before - 1);
      expect(headers).toMatchObject({
        "x-commet-event": event,
        "x-commet-event-id": delivery.id,
        "x-commet-timestamp": delivery.timestamp,
        "content-type": "application/json",
      });
    },
  );

  it("exits 1 on an answer that is not 2xx, saying Commet would retry it", async () => {
    const receiver = await startReceiver(verifying());
    const { code, out } = await run({ ...command("trigger", receiver.url), secret: "whsec_anotherEndpointsSecret" });
    expect(code).toBe(1);
    expect(out).toMatch(/^subscription\.activated whev_\w{24}: 400 in \d+ ms \(not 2xx: Commet would retry it\)\n$/);
  });

  it("gives up after the timeout it is given, saying so", async () => {
    const receiver = await startReceiver(() => new Promise<number>(() => {}));
    const { code, out } = await run(command("trigger", receiver.url), (url, delivery) => post(url, delivery, 200));
    expect(code).toBe(1);
    expect(out).toMatch(/: no answer within 0\.2 s after \d+ ms\n$/);
  });

  it("exits 1 with a clear message when nothing listens at --to", async () => {
    const port = await freePort();
    const cli = await runCli(["webhooks", "trigger", "checkout.ready", "--to", `http://127.0.0.1:${port}/hook`, "--secret", SECRET]);
    expect(cli.code).toBe(1);
    expect(cli.stdout).toMatch(new RegExp(`^checkout\\.ready whev_\\w{24}: connection refused \\(127\\.0\\.0\\.1:${port}\\) after \\d+ ms\\n$`));
    expect(cli.stdout + cli.stderr).not.toContain(SECRET);
  });
});

describe("specwright webhooks: usage errors", () => {
  it("exit 2, naming the mistake and never the secret", async () => {
    const to = ["--to", "http://127.0.0.1:9/hook"];
    const runs = await Promise.all([
      runCli(["webhooks", "trigger", "customer.created", "--secret", SECRET]),
      runCli(["webhooks", "check", ...to, "--secret", `${SECRET}!`]),
      runCli(["webhooks", "trigger", "invoice.paid", ...to, "--secret", SECRET]),
    ]);
    expect(runs.map((run) => run.code)).toEqual([2, 2, 2]);
    expect(runs[0]!.stderr).toMatch(/^specwright: webhooks trigger: --to is required/);
    expect(runs[1]!.stderr).toMatch(/^specwright: webhooks check: --secret is not a Commet signing secret/);
    expect(runs[2]!.stderr).toMatch(
      /^specwright: webhooks trigger: unknown event "invoice\.paid": expected one of addon\.activated, .*trial\.checkout_ready\./,
    );
    for (const run of runs) {
      expect(run.stdout).toBe("");
      expect(run.stderr).not.toContain(SECRET);
    }
  });

  // The parsing tests below must not see a secret the developer's own environment may hold.
  beforeEach(() => vi.stubEnv(SECRET_VARIABLE, undefined));
  afterEach(() => vi.unstubAllEnvs());

  /** The message parseCommandLine refuses `webhooks <args>` with. */
  const refused = (args: string[]): string => {
    try {
      parseCommandLine(["webhooks", ...args]);
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error(`accepted: webhooks ${args.join(" ")}`);
  };

  it.each([
    [[], /webhooks: name an action/],
    [["send"], /webhooks: name an action.*, not "send"/],
    [["trigger", "--to", "http://x/"], /webhooks trigger: name one event/],
    [["trigger", "customer.created", "customer.updated", "--to", "http://x/"], /name one event/],
    [["trigger", "--event", "customer.created", "--to", "http://x/"], /the event is named without --event/],
    [["check", "customer.created", "--to", "http://x/"], /webhooks check: takes no event name/],
    [["check", "--event", "nope", "--to", "http://x/", "--secret", SECRET], /unknown event "nope"/],
    [["check", "--to", "localhost:3000/hook", "--secret", SECRET], /--to must be http or https, not localhost/],
    [["check", "--to", "/hook", "--secret", SECRET], /--to is not an absolute URL/],
    [["check", "--to", "ftp://x/", "--secret", SECRET], /--to must be http or https, not ftp/],
    [["check", "--to", "http://u:p@x/", "--secret", SECRET], /--to must not carry credentials/],
    [["check", "--to", "http://x/"], /--secret is required \(or set COMMET_WEBHOOK_SECRET\)/],
    [["check", "--to", "http://x/", "--secret", "whsec_"], /--secret is not a Commet signing secret/],
    [["check", "--to", "http://x/", "--bogus"], /webhooks: unknown option --bogus; the options are --to, --secret, --event, --help\./],
  ])("%j", (args, message) => {
    expect(refused(args as string[])).toMatch(message);
  });

  it("does not echo a signing secret given where an event or action goes", () => {
    expect(refused(["trigger", SECRET, "--to", "http://x/", "--secret", SECRET])).not.toContain(SECRET);
    expect(refused([SECRET])).not.toContain(SECRET);
  });

  it("names the variable when the secret in it is not one, without showing it", () => {
    vi.stubEnv(SECRET_VARIABLE, "not-a-whsec-value-s3cret");
    const message = refused(["check", "--to", "http://x/"]);
    expect(message).toMatch(new RegExp(`^webhooks check: ${SECRET_VARIABLE} is not a Commet signing secret`));
    expect(message).not.toContain("s3cret");
  });

  it("prefers --secret to the environment, and reads the environment without it", () => {
    const parse = (args: string[]) => parseCommandLine(["webhooks", "check", "--to", "http://x/", ...args]) as WebhooksCommand;
    vi.stubEnv(SECRET_VARIABLE, "whsec_fromTheEnvironment");
    expect(parse([]).secret).toBe("whsec_fromTheEnvironment");
    expect(parse(["--secret", SECRET]).secret).toBe(SECRET);
  });

  it("--help documents every option, the variable and every event", () => {
    for (const option of Object.keys(WEBHOOKS_OPTIONS)) expect(HELP).toContain(`--${option}`);
    expect(HELP).toContain(SECRET_VARIABLE);
    for (const event of COMMET_WEBHOOK_EVENT_NAMES) expect(HELP).toContain(event);
    expect(parseCommandLine(["webhooks", "check", "--help"])).toEqual({ command: "help" });
  });
});
