/** What a vendor mock provides to the generic mock server: state, auth, error shapes and handlers. */
import type { FieldError } from "../spec/validator.js";
import type { Operation } from "../spec/operations.js";
import type { ApiName } from "../spec/apis.js";
import type { MockError } from "./mock-error.js";

export interface Principal {
  /** Requests of one tenant share one state (e.g. a Commet sandbox key and a live key do not). */
  tenant: string;
  /** Identifies the caller for idempotency keys; never logged or echoed. */
  credential: string;
}

export interface MockContext<State> {
  operation: Operation;
  params: Record<string, string>;
  /** Query values after validation: coerced to their schema types, defaults filled in. */
  query: Record<string, unknown>;
  headers: Record<string, string>;
  body: unknown;
  principal: Principal;
  state: State;
  now: Date;
}

export interface MockReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type MockHandler<State> = (context: MockContext<State>) => MockReply;

/** The errors the generic server raises, in each vendor's own codes and statuses. */
export interface GenericErrors {
  unauthorized(): MockError;
  routeNotFound(path: string): MockError;
  invalidJson(): MockError;
  /**
   * `input` is what failed: that location's values, or the body. Vendors whose messages echo the
   * value (DRF: `"weekly" is not a valid choice.`) read it; others ignore it.
   */
  validation(location: "path" | "query" | "header" | "body", errors: FieldError[], input?: unknown): MockError;
  /** Fault injection: an error with this status as the vendor would send it. */
  injected(status: number): MockError;
  internal(): MockError;
}

export interface VendorMock<State> {
  api: ApiName;
  createState(principal: Principal, now: Date): State;
  /** Returns undefined when the request carries no valid credential. */
  authenticate(headers: Record<string, string>): Principal | undefined;
  errors: GenericErrors;
  renderError(error: MockError): unknown;
  handlers: Record<string, MockHandler<State>>;
  /** Operations that honour an idempotency key header (same key, same body: the first reply again). */
  idempotency?: { header: string; operations: readonly string[]; mismatch(): MockError; inProgress(): MockError };
}
