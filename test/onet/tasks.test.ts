// OnetSolutions tasks through the public client against the mock: an action that starts a task names
// it in the typed reply (`last_task_id`), and waitForTask reads it until it has ended, within a
// deadline, on the mock's clock (each read moves it on, so no test sleeps for the task's 10 s).
import { describe, expect, expectTypeOf, it } from "vitest";
import { ConfigurationError, createOnetClient, isTaskFinished, NotFoundError, TimeoutError, waitForTask, type OnetClient } from "../../src/onet/index.js";
import { IN_PROJECT, MISSING, SEED, TOKEN, useOnetMockAt } from "../helpers/onet.js";

const START = new Date("2025-06-03T10:00:00Z");
const { mock, client, clock } = useOnetMockAt(START);

const P = {
  instance: "/v1/organizations/{organization_id}/projects/{project_id}/compute/instances/{id}",
  unsuspend: "/v1/organizations/{organization_id}/projects/{project_id}/compute/instances/{id}/unsuspend",
  activate: "/v1/organizations/{organization_id}/projects/{project_id}/compute/instances/{id}/addons/activate",
} as const;

/** A client whose every task read moves the mock's clock on by `stepMs` afterwards, recording the statuses read. */
function pollingClient(stepMs: number): { onet: OnetClient; statuses: string[]; reads: () => number } {
  const statuses: string[] = [];
  const onet = createOnetClient({
    token: TOKEN,
    baseUrl: mock().url,
    retries: 0,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (/\/compute\/tasks\/[^/]+$/.test(new Request(input, init).url) && response.ok) {
        statuses.push(((await response.clone().json()) as { status: string }).status);
        clock.advanceMs(stepMs);
      }
      return response;
    },
  });
  return { onet, statuses, reads: () => statuses.length };
}

describe("finding the task an action started", () => {
  it("a reactivation names its start_vps task in the typed reply, and waitForTask reads it until completed", async () => {
    const { data, response } = await client().POST(P.unsuspend, { params: { path: { ...IN_PROJECT, id: SEED.web03 } } });
    expect(response.status).toBe(200);
    // The field type-checks on the reply: a typed user finds the task without a cast.
    expectTypeOf(data!.last_task_id).toEqualTypeOf<string | null | undefined>();
    const id = data!.last_task_id;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const { onet, statuses } = pollingClient(4_000);
    const task = await waitForTask(onet, { ...IN_PROJECT, id: id! }, { intervalMs: 1, timeoutMs: 10_000 });
    expectTypeOf(task.status).toEqualTypeOf<string>();
    expect(task).toMatchObject({ id, task_type: "start_vps", instance_id: SEED.web03, status: "completed", completed_at: expect.any(String) });
    // Read while pending and running, returned at the first read that showed it ended.
    expect(statuses).toEqual(["pending", "running", "running", "completed"]);
  });

  it("a hostname change names its change_hostname task; a change without one leaves last_task_id alone", async () => {
    const put = (body: { name?: string; hostname?: string }) => client().PUT(P.instance, { params: { path: { ...IN_PROJECT, id: SEED.web01 } }, body });
    expect((await put({ name: "front" })).data!.last_task_id).toBeNull();
    const moved = (await put({ hostname: "front.atelier-lumiere.fr" })).data!;
    const { onet } = pollingClient(20_000);
    const task = await waitForTask(onet, { ...IN_PROJECT, id: moved.last_task_id! }, { intervalMs: 1 });
    expect(task).toMatchObject({ task_type: "change_hostname", parameters: { hostname: "front.atelier-lumiere.fr" }, status: "completed" });
  });

  it("an add-on activation is an order, not a task: it starts none", async () => {
    const { data, response } = await client().POST(P.activate, { params: { path: { ...IN_PROJECT, id: SEED.web01 } }, body: { addon_id: SEED.addonBackup } });
    expect(response.status).toBe(201);
    expect(Object.keys(data!)).not.toContain("last_task_id");
    const instance = (await client().PUT(P.instance, { params: { path: { ...IN_PROJECT, id: SEED.web01 } }, body: {} })).data!;
    expect(instance.last_task_id).toBeNull();
  });
});

describe("waitForTask's limits", () => {
  async function startedTask(): Promise<string> {
    const { data } = await client().POST(P.unsuspend, { params: { path: { ...IN_PROJECT, id: SEED.web03 } } });
    return data!.last_task_id!;
  }

  it("throws a TimeoutError naming the task and its last status once the deadline passes", async () => {
    const id = await startedTask();
    const { onet, reads } = pollingClient(0);
    const started = Date.now();
    const error = await waitForTask(onet, { ...IN_PROJECT, id }, { intervalMs: 20, timeoutMs: 300 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    const taskUrl = `${mock().url}/v1/organizations/${IN_PROJECT.organization_id}/projects/${IN_PROJECT.project_id}/compute/tasks/${id}`;
    expect((error as TimeoutError).message).toBe(
      `GET ${taskUrl} timed out after 300 ms on attempt ${reads()}, waiting for task ${id} to end (last status "pending")`,
    );
    expect((error as TimeoutError).url).toBe(taskUrl);
    expect(reads()).toBeGreaterThanOrEqual(2);
    expect(reads()).toBeLessThanOrEqual(16);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("throws the read's typed error for a task that does not exist", async () => {
    await expect(waitForTask(client(), { ...IN_PROJECT, id: MISSING }, { intervalMs: 1 })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("stops with the signal's reason when the caller aborts", async () => {
    const id = await startedTask();
    const controller = new AbortController();
    const reason = new Error("user gave up");
    const waiting = waitForTask(pollingClient(0).onet, { ...IN_PROJECT, id }, { intervalMs: 5_000, signal: controller.signal });
    setTimeout(() => controller.abort(reason), 20);
    await expect(waiting).rejects.toBe(reason);
  });

  it("refuses a pause below 1 ms and a bad timeout before it sends anything", async () => {
    let sent = 0;
    const onet = createOnetClient({
      token: TOKEN,
      fetch: async () => {
        sent++;
        return Response.json({});
      },
    });
    for (const options of [{ intervalMs: 0 }, { intervalMs: Number.NaN }, { timeoutMs: -1 }, { timeoutMs: Infinity }]) {
      await expect(waitForTask(onet, { ...IN_PROJECT, id: MISSING }, options)).rejects.toBeInstanceOf(ConfigurationError);
    }
    expect(sent).toBe(0);
  });
});

describe("isTaskFinished", () => {
  it("reads the end from completed_at, and from a final status word", () => {
    expect(isTaskFinished({ status: "pending", completed_at: null })).toBe(false);
    expect(isTaskFinished({ status: "running", completed_at: null })).toBe(false);
    expect(isTaskFinished({ status: "completed", completed_at: "2025-06-03T10:00:10Z" })).toBe(true);
    // A status the docs do not list, ended: completed_at says so.
    expect(isTaskFinished({ status: "error", completed_at: "2025-06-03T10:00:10Z" })).toBe(true);
    expect(isTaskFinished({ status: "failed", completed_at: null })).toBe(true);
  });
});
