/**
 * The mock's webhook dispatcher, vendor-neutral: it signs each event once (through the vendor's
 * profile), delivers it to the receiver, retries failures on a schedule with the same id, body and
 * signature, keeps the deliveries about one object in order, disables the endpoint after three failed
 * events in a row, and records every attempt. The vendor decides what an event looks like; the
 * dispatcher only how it travels.
 */
import type { EmittedEvent, VendorWebhooks } from "../types.js";
import { sendAttempt } from "./attempt.js";
import { resolveWebhookOptions, type ResolvedWebhookOptions } from "./options.js";

/** Why an attempt failed: a non-2xx status other than a redirect, a redirect (not followed), no status line within the timeout, no connection (refused, reset, dropped), or not sent at all because the endpoint is disabled. */
export type DeliveryError = "status" | "redirect" | "timeout" | "connection" | "disabled";

/**
 * One attempt to deliver one event. `state` is what the event's delivery became with it: delivered
 * (a 2xx), retrying (another attempt follows), failed (that was the last attempt) or skipped (not
 * sent: the endpoint was disabled after three events in a row failed; `error` is "disabled").
 */
export interface WebhookDeliveryRecord {
  eventId: string;
  event: string;
  /** The tenant whose change it reports (Commet: "sandbox" or "live"). */
  tenant: string;
  /** What the event is about; deliveries with the same key and tenant go out one at a time, in order. */
  objectKey: string;
  /** 1 for the first delivery, then one more per retry. */
  attempt: number;
  /** The receiver's HTTP status; null when none arrived (or nothing was sent). */
  status: number | null;
  error?: DeliveryError;
  state: "delivered" | "retrying" | "failed" | "skipped";
  /** When the attempt started, by the wall clock (retries run in real time, whatever the mock's clock says). */
  at: string;
  durationMs: number;
}

/** Attempts kept for `deliveries()`; past it the oldest are forgotten. */
export const MAX_DELIVERY_RECORDS = 1_000;
/** Documented by Commet: three events in a row that fail disable the endpoint. */
export const FAILED_EVENTS_TO_DISABLE = 3;

interface QueuedEvent {
  id: string;
  event: string;
  tenant: string;
  objectKey: string;
  body: string;
  headers: Record<string, string>;
}

export class WebhookDispatcher {
  #records: WebhookDeliveryRecord[] = [];
  /** By tenant and object key; the first event of a queue is the one being delivered. */
  #queues = new Map<string, QueuedEvent[]>();
  #failedInARow = 0;
  #disabled = false;
  /** Cancels pending retry waits and attempts in flight: reset() and close() call them all. */
  #cancels = new Set<() => void>();
  /** Bumped by reset() and close(): work started before it stops at its next step, recording nothing. */
  #generation = 0;
  #closed = false;
  #idle: (() => void)[] = [];

  constructor(
    private readonly options: ResolvedWebhookOptions,
    private readonly profile: VendorWebhooks,
  ) {}

  /** Queues the events of one kept change, in order; those the `events` option leaves out are dropped. */
  publish(tenant: string, events: readonly EmittedEvent[], at: Date): void {
    if (this.#closed) return;
    for (const emitted of events) {
      if (this.options.events && !this.options.events.has(emitted.event)) continue;
      const { id, body, headers } = this.profile.delivery(tenant, emitted, at, this.options.secret);
      const event: QueuedEvent = { id, event: emitted.event, tenant, objectKey: emitted.objectKey, body, headers };
      // A newline cannot occur in a tenant name, so keys of two tenants never meet.
      const key = `${tenant}\n${emitted.objectKey}`;
      const queue = this.#queues.get(key);
      if (queue) {
        queue.push(event);
      } else {
        this.#queues.set(key, [event]);
        void this.#drain(key, this.#generation);
      }
    }
  }

  /** Every attempt so far (the last `MAX_DELIVERY_RECORDS`), oldest first. */
  deliveries(): WebhookDeliveryRecord[] {
    return this.#records.map((record) => ({ ...record }));
  }

  /** Resolves once no event waits for delivery or a retry (at once after close). */
  settled(): Promise<void> {
    if (this.#queues.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idle.push(resolve));
  }

  /** Forgets pending deliveries and the records, and enables the endpoint again. */
  reset(): void {
    this.#stop();
    this.#records = [];
    this.#failedInARow = 0;
    this.#disabled = false;
  }

  /** Cancels pending retries and attempts in flight (their sockets and timers); later events are dropped. The records stay readable. */
  close(): void {
    this.#closed = true;
    this.#stop();
  }

  /** What reset() and close() share: the work under way stops where it is, recording nothing, and whoever waits for it is woken. */
  #stop(): void {
    this.#generation += 1;
    for (const cancel of [...this.#cancels]) cancel();
    this.#queues.clear();
    this.#wakeIdle();
  }

  async #drain(key: string, generation: number): Promise<void> {
    const queue = this.#queues.get(key)!;
    while (queue.length > 0) {
      await this.#deliver(queue[0]!, generation);
      if (generation !== this.#generation) return;
      queue.shift();
    }
    this.#queues.delete(key);
    if (this.#queues.size === 0) this.#wakeIdle();
  }

  async #deliver(event: QueuedEvent, generation: number): Promise<void> {
    const { retryDelaysMs, url, timeoutMs } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      const started = Date.now();
      const base = { eventId: event.id, event: event.event, tenant: event.tenant, objectKey: event.objectKey, attempt, at: new Date(started).toISOString() };
      if (this.#disabled) {
        this.#record({ ...base, status: null, error: "disabled", state: "skipped", durationMs: 0 });
        return;
      }
      const outcome = await sendAttempt({ url, body: event.body, headers: event.headers, timeoutMs }, (cancel) => this.#track(cancel));
      if (generation !== this.#generation) return;
      const durationMs = Date.now() - started;
      const delivered = outcome.status !== null && outcome.status >= 200 && outcome.status < 300;
      const last = attempt > retryDelaysMs.length;
      const error = outcome.status === null ? outcome.error : delivered ? undefined : outcome.status >= 300 && outcome.status < 400 ? "redirect" : "status";
      this.#record({ ...base, status: outcome.status, ...(error ? { error } : {}), state: delivered ? "delivered" : last ? "failed" : "retrying", durationMs });
      if (delivered) {
        this.#failedInARow = 0;
        return;
      }
      if (last) {
        this.#failedInARow += 1;
        if (this.#failedInARow >= FAILED_EVENTS_TO_DISABLE) this.#disabled = true;
        return;
      }
      await this.#wait(retryDelaysMs[attempt - 1]!);
      if (generation !== this.#generation) return;
    }
  }

  /** Resolves after `ms`, or at once when cancelled (the caller then finds its generation gone). */
  #wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        forget();
        resolve();
      }, ms);
      const forget = this.#track(() => {
        clearTimeout(timer);
        forget();
        resolve();
      });
    });
  }

  #track(cancel: () => void): () => void {
    this.#cancels.add(cancel);
    return () => this.#cancels.delete(cancel);
  }

  #record(record: WebhookDeliveryRecord): void {
    this.#records.push(record);
    if (this.#records.length > MAX_DELIVERY_RECORDS) this.#records.splice(0, this.#records.length - MAX_DELIVERY_RECORDS);
  }

  #wakeIdle(): void {
    for (const wake of this.#idle.splice(0)) wake();
  }
}

/** The dispatcher for `MockServerOptions.webhooks`; throws a ConfigurationError naming a bad option. */
export function createWebhookDispatcher(api: string, options: unknown, profile: VendorWebhooks | undefined): WebhookDispatcher {
  const resolved = resolveWebhookOptions(api, options, profile);
  return new WebhookDispatcher(resolved, profile!);
}
