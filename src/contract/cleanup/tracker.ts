/**
 * Everything a contract run created, and the calls that remove it. The tracker sees every response of
 * every pass (and of the drivers' set-up): a success with an undo link (undo.ts) adds the undo call;
 * the run's own later call of that same undo (a delete case, a deactivation) settles it. At the end
 * of the run, also when a pass failed or the run was interrupted, `run()` sends what is left, newest
 * first (an add-on is deactivated before it is deleted, and deleted before its feature).
 */
import type { ApiName } from "../../spec/apis.js";
import { getOperations } from "../../spec/operations.js";
import { redact, send } from "../cases/request-base.js";
import type { ContractTarget, Observation } from "../types.js";
import { undoCall, undoLinks, type UndoCall } from "./undo.js";

/** A run creates a few dozen things; more than this pending at once is a loop, not a run. */
const MAX_PENDING = 10_000;

export interface CleanupReport {
  /** Undo calls sent at the end that the server accepted (or found already done: 404). */
  removed: string[];
  /** What is still there: an undo that failed, or a success whose undo values were missing. */
  leftBehind: string[];
  /** How long each undo call sent took, by the label it has in `removed` or starts with in `leftBehind`. */
  durationsMs: Map<string, number>;
}

export interface CleanupTracker {
  observe(observation: Observation): void;
  /** Sends every pending undo call, newest first; never throws. */
  run(): Promise<CleanupReport>;
  /** How many undo calls are pending. */
  readonly pending: number;
}

export function createCleanupTracker(api: ApiName, target: ContractTarget, perRequestHeaders?: () => Record<string, string>): CleanupTracker {
  const index = getOperations(api);
  // Keyed by the call itself: the same add-on activated twice needs one deactivation.
  const pending = new Map<string, UndoCall>();
  const leftBehind: string[] = [];

  return {
    get pending() {
      return pending.size;
    },
    observe(observation) {
      if (observation.statusCode < 200 || observation.statusCode >= 300 || !observation.request) return;
      const operation = index.byId(observation.operationId);
      const request = observation.request;
      // The run undid something itself (a delete case, a deactivation in a driver's set-up). That call
      // restored the state it found before, so its own undo link (revoking a cancellation links back to
      // requesting it) must not be followed: the clean-up would redo what the run took back.
      let settled = false;
      for (const [key, call] of pending) {
        if (call.operation === operation && isPartOf(call.path, request.path) && isPartOf(call.query, request.query)) settled = pending.delete(key);
      }
      if (settled) return;
      const links = undoLinks(api, operation, String(observation.statusCode));
      if (links.length === 0) return;
      let body: unknown;
      try {
        body = JSON.parse(observation.body);
      } catch {
        body = undefined;
      }
      for (const link of links) {
        const call = undoCall(link, { request, body });
        if ("missing" in call) {
          leftBehind.push(
            `${operation.operationId} ${observation.statusCode}: ${link.operation.operationId} cannot undo it, the exchange holds no ${call.missing.join(", ")}`,
          );
          continue;
        }
        const key = keyOf(call);
        pending.delete(key);
        if (pending.size >= MAX_PENDING) throw new Error(`more than ${MAX_PENDING} undo calls pending: the run creates without end`);
        pending.set(key, call);
      }
    },
    async run() {
      const removed: string[] = [];
      const durationsMs = new Map<string, number>();
      const calls = [...pending.values()].reverse();
      pending.clear();
      // Clean-up is not interrupted by the signal that stopped the run, and is no case of it.
      const { signal: _signal, observe: _observe, ...quiet } = target;
      for (const call of calls) {
        const label = describe(call);
        const started = performance.now();
        try {
          const response = await send(quiet, call.operation, { path: call.path, query: call.query, headers: perRequestHeaders?.() ?? {} });
          if ((response.statusCode >= 200 && response.statusCode < 300) || response.statusCode === 404) removed.push(label);
          else leftBehind.push(redact(`${label}: got ${response.statusCode} ${response.body.slice(0, 200)}`, target));
        } catch (error) {
          leftBehind.push(redact(`${label}: ${(error as Error).message}`, target));
        }
        durationsMs.set(label, performance.now() - started);
      }
      return { removed, leftBehind: leftBehind.splice(0), durationsMs };
    },
  };
}

function isPartOf(wanted: Record<string, string>, values: Record<string, string>): boolean {
  return Object.entries(wanted).every(([name, value]) => values[name] === value);
}

function keyOf(call: UndoCall): string {
  return JSON.stringify([call.operation.operationId, sorted(call.path), sorted(call.query)]);
}

function sorted(values: Record<string, string>): [string, string][] {
  return Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function describe(call: UndoCall): string {
  const values = [...Object.entries(call.path), ...Object.entries(call.query)].map(([name, value]) => `${name}=${value}`).join(" ");
  return `${call.operation.operationId}${values ? ` ${values}` : ""}`;
}
