/**
 * Thrown by `unwrap()` (or by a client created with `throwOnError: true`) when the server answered
 * with a status that is not 2xx. It carries what the vendor said, parsed per vendor: `code` and
 * `type` where the vendor sends them, the vendor's `message`, the `x-request-id` to quote to support,
 * and the (size-bounded) `body`, parsed JSON or the raw text when it is not JSON (an HTML page from a
 * proxy). Subclasses narrow it by status; anything else (402, 3xx, 418…) is a plain `ApiError`.
 * Never holds the request's headers, so no credential can leak through it.
 */
import { SpecwrightError } from "./specwright-error.js";

export interface ApiErrorDetails {
  /** Who answered, e.g. "Commet". */
  vendor: string;
  status: number;
  code?: string | undefined;
  type?: string | undefined;
  /** The vendor's own message, when it sent one. */
  vendorMessage?: string | undefined;
  requestId?: string | undefined;
  body: unknown;
  /** `METHOD /path` of the request, without the query string. */
  request: string;
}

export class ApiError extends SpecwrightError {
  override name = "ApiError";
  readonly vendor: string;
  readonly status: number;
  readonly code: string | undefined;
  readonly type: string | undefined;
  readonly requestId: string | undefined;
  readonly body: unknown;
  readonly request: string;

  constructor(details: ApiErrorDetails) {
    const what = [details.code, details.vendorMessage].filter(Boolean).join(": ");
    super(
      `${details.vendor} answered ${details.status} to ${details.request}${what ? `: ${what}` : ""}${details.requestId ? ` (request id ${details.requestId})` : ""}`,
    );
    this.vendor = details.vendor;
    this.status = details.status;
    this.code = details.code;
    this.type = details.type;
    this.requestId = details.requestId;
    this.body = details.body;
    this.request = details.request;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      vendor: this.vendor,
      status: this.status,
      code: this.code,
      type: this.type,
      requestId: this.requestId,
      request: this.request,
      body: this.body,
    };
  }
}
