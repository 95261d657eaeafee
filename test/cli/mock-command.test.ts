// `specwright mock <api>`: the base URL on stdout is a working mock, and SIGINT or SIGTERM stop it
// cleanly (exit 0) within a couple of seconds.
import { describe, expect, it } from "vitest";
import { startCli } from "./cli.js";

async function firstLine(cli: ReturnType<typeof startCli>): Promise<string> {
  const deadline = Date.now() + 15_000;
  while (!cli.output().stdout.includes("\n")) {
    if (Date.now() > deadline) throw new Error(`no URL printed; stderr: ${cli.output().stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return cli.output().stdout.split("\n")[0]!;
}

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
