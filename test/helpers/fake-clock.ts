// Time for unit tests without the wall clock: fake setTimeout/clearTimeout (what the transport's
// timeouts and backoff sleeps use), and `settle()` to let a scripted exchange run to its next timer.
// Nothing here depends on how busy the machine is.
import { afterEach, beforeEach, vi } from "vitest";

/** Fakes the timers (and Date, for Retry-After dates) in every test of the calling file. */
export function useFakeClock(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/**
 * Runs every callback that needs no timer: promise jobs and I/O turns. A scripted fetch answers within
 * a few of these, so afterwards the exchange waits on a timer (or is done). setImmediate is not faked.
 */
export async function settle(turns = 20): Promise<void> {
  for (let turn = 0; turn < turns; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/** Tracks whether a promise has settled, without awaiting it. */
export function track<T>(promise: Promise<T>): { done: () => boolean; result: Promise<T> } {
  let done = false;
  const result = promise.finally(() => (done = true));
  // The caller awaits `result` later; a rejection before then is not unhandled.
  result.catch(() => undefined);
  return { done: () => done, result };
}

/** Advances fake time one timer at a time until the promise settles; returns the fake milliseconds spent. */
export async function runUntilSettled(promise: Promise<unknown>, maxTimers = 100): Promise<number> {
  const started = Date.now();
  const tracked = track(promise);
  await settle();
  for (let timers = 0; !tracked.done() && timers < maxTimers; timers++) {
    await vi.advanceTimersToNextTimerAsync();
    await settle();
  }
  if (!tracked.done()) throw new Error(`still pending after ${maxTimers} timers`);
  return Date.now() - started;
}
