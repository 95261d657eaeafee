/** Fault injection: make the next N requests (to one operation, or to any) fail with a given status. */
export interface FaultSpec {
  /** Only requests to this operation; any operation when absent. */
  operationId?: string;
  status: number;
  /** How many requests fail; 1 by default. */
  count?: number;
  /** Seconds, sent as `Retry-After`. */
  retryAfter?: number;
}

export class FaultQueue {
  private queue: (FaultSpec & { count: number })[] = [];

  add(fault: FaultSpec): void {
    if (!Number.isInteger(fault.status) || fault.status < 400 || fault.status > 599) {
      throw new RangeError(`fault status must be an integer from 400 to 599, got ${String(fault.status)}`);
    }
    const count = fault.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new RangeError(`fault count must be a positive integer, got ${String(count)}`);
    this.queue.push({ ...fault, count });
  }

  /** Takes the first fault that applies to this operation, if any. */
  take(operationId: string): FaultSpec | undefined {
    const index = this.queue.findIndex((fault) => fault.operationId === undefined || fault.operationId === operationId);
    if (index < 0) return undefined;
    const fault = this.queue[index]!;
    fault.count -= 1;
    if (fault.count === 0) this.queue.splice(index, 1);
    return fault;
  }

  clear(): void {
    this.queue = [];
  }
}
