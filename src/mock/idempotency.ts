/**
 * Idempotency keys as Commet documents them: the same key with the same request replays the first
 * reply; the same key with another request is a mismatch. Server errors are not kept, so a retry
 * after a 5xx runs again.
 */
import { createHash } from "node:crypto";
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
    return createHash("sha256").update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`).digest("hex");
  }

  begin(scope: string, key: string, fingerprint: string, now: number): IdempotencyOutcome {
    const id = `${scope}\u0000${key}`;
    const entry = this.entries.get(id);
    if (entry && entry.expiresAt > now) {
      if (entry.fingerprint !== fingerprint) return { kind: "mismatch" };
      return entry.reply ? { kind: "replay", reply: entry.reply } : { kind: "in-progress" };
    }
    this.entries.set(id, { fingerprint, expiresAt: now + TTL_MS });
    return { kind: "new" };
  }

  finish(scope: string, key: string, reply: MockReply): void {
    const id = `${scope}\u0000${key}`;
    const entry = this.entries.get(id);
    if (!entry) return;
    if (reply.status >= 500) this.entries.delete(id);
    else entry.reply = reply;
  }
}

/** JSON with object keys sorted, so that `{a,b}` and `{b,a}` are the same request. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
