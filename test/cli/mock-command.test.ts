// `specwright mock <api>`: the base URL on stdout is a working mock, and SIGINT or SIGTERM stop it
// cleanly (exit 0) within a couple of seconds. The control URL, with its token, is on stderr; a --host
// beyond loopback gets a warning that names the risk.
import { describe, expect, it } from "vitest";
import { firstLine, startCli } from "./cli.js";

describe("specwright mock", () => {
  it.each(["SIGINT", "SIGTERM"] as const)("prints a base URL that serves the API, and stops cleanly on %s", async (signal) => {
    const cli = startCli(["mock", "commet"]);
    const url = await firstLine(cli);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/v1$/);
    const response = await fetch(`${url}/addons`, { headers: { "x-api-key": "ck_sandbox_cli" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ success: true, data: [], hasMore: false });

    const sent = Date.now();
    cli.child.kill(signal);
    const run = await cli.done;
    expect(Date.now() - sent).toBeLessThan(2_000);
    expect(run).toMatchObject({ code: 0, signal: null });
    expect(run.stderr).toContain("commet stopped");
    await expect(fetch(`${url}/addons`)).rejects.toThrow();
  });

  it("listens on the --port and --host given", async () => {
    const probe = startCli(["mock", "onet"]);
    const port = Number(new URL(await firstLine(probe)).port);
    probe.child.kill("SIGTERM");
    await probe.done;

    const cli = startCli(["mock", "onet", "--port", String(port), "--host", "localhost"]);
    const url = await firstLine(cli);
    expect(new URL(url).port).toBe(String(port));
    const response = await fetch(`${url}/compute/instances/`, { headers: { Authorization: "Bearer sk-onetsolutions-cli" } });
    expect(response.headers.get("x-request-id")).toBeTruthy();
    cli.child.kill("SIGINT");
    expect((await cli.done).code).toBe(0);
  });

  it("prints the control URL with its token on stderr: it drives the mock, the bare control path does not", async () => {
    const cli = startCli(["mock", "commet"]);
    const url = await firstLine(cli);
    const deadline = Date.now() + 15_000;
    while (!/control routes at \S+/.test(cli.output().stderr) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    const controlUrl = /control routes at (\S+)/.exec(cli.output().stderr)![1]!;
    expect(controlUrl).toMatch(new RegExp(`^${new URL(url).origin}/__specwright/[A-Za-z0-9_-]{22}$`));
    expect(cli.output().stderr).not.toContain("warning");
    expect((await fetch(`${controlUrl}/reset`, { method: "POST" })).status).toBe(204);
    expect((await fetch(`${new URL(url).origin}/__specwright/reset`, { method: "POST" })).status).toBe(403);
    cli.child.kill("SIGTERM");
    expect((await cli.done).code).toBe(0);
  });

  it("warns on stderr, naming the risk, when --host is beyond loopback", async () => {
    const cli = startCli(["mock", "onet", "--host", "0.0.0.0"]);
    const url = await firstLine(cli);
    expect(url).toMatch(/^http:\/\/0\.0\.0\.0:\d+/);
    cli.child.kill("SIGTERM");
    const run = await cli.done;
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/warning: listening on 0\.0\.0\.0, beyond loopback: anyone on the network can read and change the mock's data/);
    expect(run.stderr).toMatch(/drive its control routes/);
    expect(run.stderr).toMatch(/Any Host header is accepted/);
  });

  it("exits 1 with the reason when the port is taken", async () => {
    const first = startCli(["mock", "cloudplans"]);
    const port = new URL(await firstLine(first)).port;
    const second = startCli(["mock", "cloudplans", "--port", port]);
    const run = await second.done;
    first.child.kill("SIGTERM");
    await first.done;
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/EADDRINUSE/);
  });
});
