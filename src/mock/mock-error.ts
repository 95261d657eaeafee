/**
 * Thrown by mock handlers (and the mock server itself) to answer with an error; each vendor renders
 * it in its own documented error shape. Any other exception is a mock bug and becomes a 500.
 */
export class MockError extends Error {
  override readonly name = "MockError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { param?: string; details?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }
}
