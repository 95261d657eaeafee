/**
 * The type of every specwright client: openapi-fetch's methods, but a call's init is its route's
 * `params` and `body` plus `RequestPolicyOptions`, and nothing else. Runtime behaviour is in
 * client.ts; this file only types it (openapi-fetch keeps its generics apart from its code the same way).
 *
 * openapi-fetch infers the init as a type parameter and adds `[key: string]: unknown` to it, so an
 * unknown key (`timout: 5000`) or a wrong policy value (`retries: "many"`) compiles and is ignored.
 * Here the init is a plain type computed from the path, which TypeScript checks key by key.
 */
import type { Client, ParamsOption } from "openapi-fetch";
import type {
  ErrorResponse,
  HttpMethod,
  IsOperationRequestBodyOptional,
  OperationRequestBodyContent,
  PathsWithMethod,
  RequiredKeysOf,
  SuccessResponse,
} from "openapi-typescript-helpers";
import type { RequestPolicyOptions } from "./policy-options.js";

/** The operation object of one method of a path item; never when the path has no such method. */
export type OperationOf<PathItem, Method extends HttpMethod> = PathItem extends { [M in Method]: infer Operation } ? Operation : never;

// openapi-fetch's RequestBodyOption without its Writable<>: that mapped type rebuilds the body type, so
// errors would print the whole structure instead of the schema's name. It only strips the $Read
// markers of openapi-typescript's `readWriteMarkers` option, which scripts/generate.ts does not use.
type BodyOption<Operation> =
  OperationRequestBodyContent<Operation> extends never
    ? { body?: never }
    : IsOperationRequestBodyOptional<Operation> extends true
      ? { body?: OperationRequestBodyContent<Operation> }
      : { body: OperationRequestBodyContent<Operation> };

/** Everything one call of `Operation` accepts besides its path. */
export type OperationInit<Operation> = ParamsOption<Operation> & BodyOption<Operation> & RequestPolicyOptions;

/** The init argument: optional when nothing in it is required (openapi-fetch's own rule). */
export type InitArgs<Operation> = RequiredKeysOf<OperationInit<Operation>> extends never ? [init?: OperationInit<Operation>] : [init: OperationInit<Operation>];

type Media = "application/json";

type Responses<Operation> = Operation extends { responses: infer R extends Record<string | number, unknown> } ? R : never;
/** A 2xx outcome. (Like the init, without openapi-fetch's Readable<>, so that hovers show schema names.) */
export type SuccessResult<Operation> = { data: SuccessResponse<Responses<Operation>, Media>; error?: never; response: Response };
export type FailureResult<Operation> = { data?: never; error: ErrorResponse<Responses<Operation>, Media>; response: Response };
/** What a call resolves to: both branches, or (on a `throwOnError` client) the success branch only. */
export type CallResult<Operation, Throws extends boolean> = Throws extends true
  ? SuccessResult<Operation>
  : SuccessResult<Operation> | FailureResult<Operation>;

type Method<Paths extends {}, M extends HttpMethod, Throws extends boolean> = <Path extends PathsWithMethod<Paths, M>>(
  url: Path,
  ...init: InitArgs<OperationOf<Paths[Path], M>>
) => Promise<CallResult<OperationOf<Paths[Path], M>, Throws>>;

type RequestMethod<Paths extends {}, Throws extends boolean> = <M extends HttpMethod, Path extends PathsWithMethod<Paths, M>>(
  method: M,
  url: Path,
  ...init: InitArgs<OperationOf<Paths[Path], M>>
) => Promise<CallResult<OperationOf<Paths[Path], M>, Throws>>;

/**
 * A client over `Paths`; with `Throws`, every call resolves to its success branch (everything else throws).
 * The variance is declared (a client is one API's: `Paths` invariant; a throwing client's answers are
 * some of a plain client's: `Throws` covariant), so that TypeScript does not work it out by comparing
 * the whole interface structurally, which took ~130 ms of a consumer's type-check at its first
 * `paginate(client, …)` (BENCHMARKS.md §5). The compiler checks the annotations against the members.
 */
export interface TypedClient<in out Paths extends {}, out Throws extends boolean = false> extends Pick<Client<Paths, Media>, "use" | "eject"> {
  request: RequestMethod<Paths, Throws>;
  GET: Method<Paths, "get", Throws>;
  PUT: Method<Paths, "put", Throws>;
  POST: Method<Paths, "post", Throws>;
  DELETE: Method<Paths, "delete", Throws>;
  OPTIONS: Method<Paths, "options", Throws>;
  HEAD: Method<Paths, "head", Throws>;
  PATCH: Method<Paths, "patch", Throws>;
  TRACE: Method<Paths, "trace", Throws>;
}

/** The type of a client created with `throwOnError: true`. */
export type ThrowingClient<Paths extends {}> = TypedClient<Paths, true>;
