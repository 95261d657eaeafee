/**
 * Which paths `paginate()` accepts, computed from the generated `paths`: a vendor's list operations are
 * the GETs that take its cursor (or page) query parameter and answer 200 with an array under its items
 * field. Types only; the run-time check is list-paths.ts.
 */
import type { ParamsOption } from "openapi-fetch";
import type { RequiredKeysOf } from "openapi-typescript-helpers";
import type { OperationOf } from "./client-types.js";
import type { RequestPolicyOptions } from "./policy-options.js";

// `query?: never` (no query parameters) is inferred as undefined, and keyof never would match any name:
// hence the [never] guards, whose absence let every path without query parameters through.
type QueryOf<Operation> = Operation extends { parameters: { query?: infer Query } } ? NonNullable<Query> : never;
type OkBody<Operation> = Operation extends { responses: { 200: { content: { "application/json": infer Body } } } } ? Body : never;

type IsList<Operation, Cursor extends string, Items extends string> = [Operation] extends [never]
  ? false
  : [QueryOf<Operation>] extends [never]
    ? false
    : Cursor extends keyof QueryOf<Operation>
      ? OkBody<Operation> extends { [K in Items]: readonly unknown[] }
        ? true
        : false
      : false;

/** The paths whose GET takes the query parameter `Cursor` and answers 200 with an array under `Items`. */
export type ListPath<Paths, Cursor extends string, Items extends string> = {
  [P in keyof Paths]-?: IsList<OperationOf<Paths[P], "get">, Cursor, Items> extends true ? P : never;
}[keyof Paths];

/** One item of the list at `Path`. */
export type ListItem<Paths, Path extends keyof Paths, Items extends string> =
  OkBody<OperationOf<Paths[Path], "get">> extends { [K in Items]: readonly (infer Item)[] } ? Item : never;

type ParametersOf<Operation> = Operation extends { parameters: infer Parameters } ? Parameters : never;
type Query<Operation, Cursor extends string> = Omit<QueryOf<Operation>, Cursor>;
// The operation's parameters with the cursor left out of the query: paginate() sets it page after page.
type WithoutCursor<Operation, Cursor extends string> = Omit<ParametersOf<Operation>, "query"> &
  (RequiredKeysOf<Query<Operation, Cursor>> extends never ? { query?: Query<Operation, Cursor> } : { query: Query<Operation, Cursor> });

/** What `paginate()` takes besides the path: the GET's params without the cursor, plus the per-request options. */
export type PaginateInit<Operation, Cursor extends string> = ParamsOption<{ parameters: WithoutCursor<Operation, Cursor> }> & RequestPolicyOptions;

/** The init argument: optional when nothing in it is required. */
export type PaginateArgs<Operation, Cursor extends string> =
  RequiredKeysOf<PaginateInit<Operation, Cursor>> extends never ? [init?: PaginateInit<Operation, Cursor>] : [init: PaginateInit<Operation, Cursor>];
