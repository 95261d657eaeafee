/**
 * What a mock server accepts and keeps, as data with its defaults in one place. Everything it reads
 * from outside has a bound, and hitting one is an error in the vendor's shape, never a crash.
 */

/** Bounds on one request. */
export const REQUEST_LIMITS = {
  /** Bodies larger than this are refused (413) before they are parsed. */
  bodyBytes: 1024 * 1024,
  /**
   * JSON nested deeper than this (objects and arrays, the outermost counting as 1) is refused with
   * the vendor's 400 before it is parsed: deeper documents overflow the stack of whatever recurses
   * over them later (`JSON.stringify` of a reply, the idempotency fingerprint). No documented body
   * comes near it.
   */
  jsonDepth: 64,
} as const;

/**
 * What one tenant (one state: a Commet mode, a OnetSolutions account, the Cloud Plans world) may hold.
 * A write that would take the tenant past either bound is undone and answered with the vendor's
 * "full" error (`GenericErrors.full`); deleting objects or a reset makes room again.
 */
export interface TenantLimits {
  /** Objects in the state: records and the objects, arrays and maps nested in them, the seed's included. */
  objects: number;
  /** The state's approximate size as JSON, in bytes (string lengths plus a few bytes a value). */
  bytes: number;
}

export const DEFAULT_TENANT_LIMITS: Readonly<TenantLimits> = Object.freeze({
  // Well above what a test run or a demo creates, and small enough that a full tenant is still
  // cheap to copy on every write (see the rollback in server.ts).
  objects: 20_000,
  bytes: 8 * 1024 * 1024,
});

/** Idempotency keys kept per server; past it the oldest key is forgotten, as if it had expired. */
export const IDEMPOTENCY_KEY_LIMIT = 10_000;
