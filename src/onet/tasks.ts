/**
 * `waitForTask(onet, { organization_id, project_id, id })`: polls an OnetSolutions instance task (GET
 * …/compute/tasks/{id}) until it has ended, and resolves to it as last read; the caller reads `status`.
 */
import type { components } from "../../generated/onet/schema.js";
import { ConfigurationError, TimeoutError } from "../core/errors/index.js";
import { sleep } from "../core/sleep.js";
import { targetOf } from "../core/exchange.js";
import { validateTimeout } from "../core/policy-options.js";
import { unwrap } from "../core/unwrap.js";
import type { OnetClient } from "./client.js";

type OnetInstanceTask = components["schemas"]["InstanceTask"];

/** Which task: its project, and its id (an instance's `last_task_id`). */
export interface OnetTaskRef {
  organization_id: string;
  project_id: string;
  id: string;
}

export interface WaitForTaskOptions {
  /** How long to keep polling before a `TimeoutError`, in milliseconds (default 300 000: 5 minutes). */
  timeoutMs?: number;
  /** The pause between two reads, in milliseconds (default 2 000; at least 1). */
  intervalMs?: number;
  signal?: AbortSignal;
}

const WAIT_FOR_TASK_DEFAULTS = { timeoutMs: 300_000, intervalMs: 2_000 } as const;

/**
 * Only `pending` is documented among the statuses, so a task counts as ended once `completed_at` is set
 * (the spec's reading of it), or once its status is one of these words.
 */
const FINAL_STATUSES = new Set(["completed", "failed"]);

export function isTaskFinished(task: Pick<OnetInstanceTask, "status" | "completed_at">): boolean {
  return task.completed_at !== null || FINAL_STATUSES.has(task.status);
}

/**
 * Reads the task until it has ended. A read that fails throws its typed error (a 404 is a
 * `NotFoundError`); the deadline is checked between reads, each of which the client's own `timeoutMs`
 * bounds. Past the deadline it throws a `TimeoutError` naming the task and its last status.
 */
export async function waitForTask(onet: OnetClient, task: OnetTaskRef, options: WaitForTaskOptions = {}): Promise<OnetInstanceTask> {
  const timeoutMs = validateTimeout(options.timeoutMs, "waitForTask") ?? WAIT_FOR_TASK_DEFAULTS.timeoutMs;
  const intervalMs = options.intervalMs ?? WAIT_FOR_TASK_DEFAULTS.intervalMs;
  // A pause of 0 would spend the account's rate limit (1000 requests a minute) on one task.
  if (typeof intervalMs !== "number" || !Number.isFinite(intervalMs) || intervalMs < 1) {
    throw new ConfigurationError("intervalMs", `waitForTask: option "intervalMs" must be a number of milliseconds, at least 1.`);
  }
  const deadline = Date.now() + timeoutMs;
  for (let reads = 1; ; reads++) {
    const result = await onet.GET("/v1/organizations/{organization_id}/projects/{project_id}/compute/tasks/{id}", {
      params: { path: task },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const current = unwrap(result);
    if (isTaskFinished(current)) return current;
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new TimeoutError(
        targetOf("GET", result.response.url),
        timeoutMs,
        reads,
        `waiting for task ${task.id} to end (last status ${JSON.stringify(current.status)})`,
      );
    }
    await sleep(Math.min(intervalMs, left), options.signal);
  }
}
