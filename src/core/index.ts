/** The vendor-neutral parts every entry point re-exports: errors, unwrap, the retry policy type. */
export * from "./errors/index.js";
export { unwrap } from "./unwrap.js";
export { DEFAULT_RETRY_POLICY, type RetryPolicy, type RetryOption } from "./retry/policy.js";
export { DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS, type ReliabilityOptions, type RequestPolicyOptions } from "./policy-options.js";
