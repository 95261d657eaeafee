/**
 * Idempotency keys as Commet documents them: the same key with the same request replays the first
 * reply; the same key with another request is a mismatch. Server errors are not kept, so a retry
 * after a 5xx runs again.
 */
import { createHash } from "node:crypto";
import { IDEMPOTENCY_KEY_LIMIT } from "./limits.js";
import type { MockReply } from "./types.js";

interface Entry {
  fingerprint: string;
  reply?: MockReply;
  expiresAt: number;
}

const TTL_MS = 24 * 60 * 60 * 1000;

export type IdempotencyOutcome = { kind: "new" } | { kind: "replay"; reply: MockReply } | { kind: "mismatch" } | { kind: "in-progress" };

export class IdempotencyStore {
  private entries = new Map<string, Entry>();

  static fingerprint(method: string, path: string, body: unknown): string {
    return createHash("sha256")
      .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`)
      .digest("hex");
  }

  begin(scope: string, key: string, fingerprint: string, now: number): IdempotencyOutcome {
    const id = `${scope}\u0000${key}`;
    const entry = this.entries.get(id);
    if (entry && entry.expiresAt > now) {
      if (entry.fingerprint !== fingerprint) return { kind: "mismatch" };
      return entry.reply ? { kind: "replay", reply: entry.reply } : { kind: "in-progress" };
    }
    // Deleted first so that the Map's order stays the keys' age, and the oldest goes first when full.
    this.entries.delete(id);
    this.entries.set(id, { fingerprint, expiresAt: now + TTL_MS });
    if (this.entries.size > IDEMPOTENCY_KEY_LIMIT) this.entries.delete(this.entries.keys().next().value!);
    return { kind: "new" };
  }

  /** Forgets a key whose request did nothing (it was undone), so that a retry with it runs again. */
  forget(scope: string, key: string): void {
    this.entries.delete(`${scope}\u0000${key}`);
  }

  finish(scope: string, key: string, reply: MockReply): void {
    const id = `${scope}\u0000${key}`;
    const entry = this.entries.get(id);
    if (!entry) return;
    if (reply.status >= 500) this.entries.delete(id);
    else entry.reply = reply;
  }
}

/**
 * JSON with object keys sorted, so that `{a,b}` and `{b,a}` are the same request. Recursive: bodies
 * reach it only once the server has checked that they nest at most `REQUEST_LIMITS.jsonDepth` deep.
 */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
