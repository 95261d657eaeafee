/** The waits of injected fault delays: none holds up other requests, and none outlives the server. */
import type { ServerResponse } from "node:http";

export class FaultDelays {
  /** Cancels one pending wait; close() calls them all. */
  #pending = new Set<() => void>();
  #closed = false;

  /**
   * Waits `ms` without holding up other requests. Never resolves once the server is closing or the
   * client has gone (its timer is cleared then): nothing is left to answer.
   */
  wait(ms: number | undefined, response: ServerResponse): Promise<void> {
    if (!ms) return Promise.resolve();
    return new Promise<void>((resolve) => {
      if (this.#closed || response.destroyed) return;
      const cancel = () => {
        clearTimeout(timer);
        this.#pending.delete(cancel);
        response.off("close", cancel);
      };
      const timer = setTimeout(() => {
        cancel();
        resolve();
      }, ms);
      this.#pending.add(cancel);
      response.once("close", cancel);
    });
  }

  /** Clears every pending wait's timer; later waits never start. */
  close(): void {
    this.#closed = true;
    for (const cancel of [...this.#pending]) cancel();
  }
}
