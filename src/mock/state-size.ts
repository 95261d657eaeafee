/**
 * The approximate size of a tenant's state, for the tenant limits: how many objects it holds and
 * about how many bytes it would take as JSON. Iterative, so no depth of nesting can overflow the
 * stack; a value reachable twice is counted once.
 */

export interface StateSize {
  objects: number;
  bytes: number;
}

/** Bytes charged for a scalar (number, boolean, null, a date) and for an object's or an entry's punctuation. */
const SCALAR_BYTES = 8;
const ENTRY_BYTES = 4;

export function measureState(state: unknown): StateSize {
  const size: StateSize = { objects: 0, bytes: 0 };
  const seen = new Set<object>();
  const pending: unknown[] = [state];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value === "string") {
      size.bytes += value.length + 2;
      continue;
    }
    if (value === null || typeof value !== "object") {
      size.bytes += SCALAR_BYTES;
      continue;
    }
    if (seen.has(value)) continue;
    seen.add(value);
    size.objects += 1;
    size.bytes += 2;
    if (value instanceof Date) continue;
    if (value instanceof Map) {
      for (const [key, entry] of value) {
        size.bytes += ENTRY_BYTES;
        pending.push(key, entry);
      }
    } else if (value instanceof Set || Array.isArray(value)) {
      for (const entry of value as Iterable<unknown>) {
        size.bytes += 1;
        pending.push(entry);
      }
    } else {
      for (const key of Object.keys(value)) {
        size.bytes += key.length + ENTRY_BYTES;
        pending.push((value as Record<string, unknown>)[key]);
      }
    }
  }
  return size;
}
