// The small pure parts of the retry policy: Retry-After parsing, full-jitter backoff, option merging.
import { describe, expect, it } from "vitest";
import { backoffDelay } from "../../src/core/retry/backoff.js";
import { DEFAULT_RETRY_POLICY, resolveRetryPolicy } from "../../src/core/retry/policy.js";
import { parseRetryAfter } from "../../src/core/retry/retry-after.js";
import { ConfigurationError } from "../../src/core/errors/configuration-error.js";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-21T12:00:00Z");

  it("reads delay-seconds", () => {
    expect(parseRetryAfter("0", now)).toBe(0);
    expect(parseRetryAfter("7", now)).toBe(7000);
    expect(parseRetryAfter(" 120 ", now)).toBe(120_000);
  });

  it("reads an HTTP-date as the time left until it, and a past date as 0", () => {
    expect(parseRetryAfter("Sat, 21 Nov 2026 12:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sat, 21 Nov 2026 11:00:00 GMT", now)).toBe(0);
  });

  it("ignores an absent or unreadable header", () => {
    for (const value of [null, "", "soon", "1.5", "-3", "5 minutes"]) expect(parseRetryAfter(value, now), String(value)).toBeUndefined();
  });
});

describe("backoffDelay (full jitter)", () => {
  const policy = { baseDelayMs: 500, maxDelayMs: 8000 };

  it("picks from 0 up to base × 2^retry", () => {
    expect(backoffDelay(0, policy, () => 0)).toBe(0);
    expect(backoffDelay(0, policy, () => 0.999_999)).toBe(499);
    expect(backoffDelay(2, policy, () => 0.5)).toBe(1000);
  });

  it("never goes past the cap", () => {
    expect(backoffDelay(10, policy, () => 0.999_999)).toBe(7999);
  });
});

describe("resolveRetryPolicy", () => {
  it("has the documented defaults", () => {
    expect(DEFAULT_RETRY_POLICY).toMatchObject({
      limit: 2,
      baseDelayMs: 500,
      maxDelayMs: 8000,
      maxRetryAfterMs: 60_000,
      statuses: [408, 429, 500, 502, 503, 504],
    });
    expect(DEFAULT_RETRY_POLICY.methods).toEqual(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
  });

  it("takes a number as the retry count and an object as a partial policy", () => {
    expect(resolveRetryPolicy(5, DEFAULT_RETRY_POLICY, "f").limit).toBe(5);
    const merged = resolveRetryPolicy({ baseDelayMs: 10, methods: ["get"] }, DEFAULT_RETRY_POLICY, "f");
    expect(merged).toMatchObject({ limit: 2, baseDelayMs: 10, maxDelayMs: 8000, methods: ["GET"] });
  });

  it.each([
    [-1],
    [1.5],
    [21],
    ["3"],
    [null],
    [{ limit: -1 }],
    [{ statuses: [99] }],
    [{ baseDelayMs: Number.NaN }],
    [{ retryOnNetworkError: "yes" }],
    [{ tries: 3 }],
  ])("refuses %j, naming the retries option", (value) => {
    let thrown: unknown;
    try {
      resolveRetryPolicy(value, DEFAULT_RETRY_POLICY, "createTestClient");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigurationError);
    expect((thrown as ConfigurationError).option).toBe("retries");
    expect((thrown as Error).message).toMatch(/createTestClient: option "retries/);
  });
});
