/**
 * `paginate(commet, "/addons", { params, signal })`: every item of a Commet cursor list, page after
 * page (`limit`/`cursor` in, `hasMore`/`nextCursor` out). An error page throws its typed error. Only
 * list operations compile; at run time any other path is a ConfigurationError before any request.
 */
import { GET_OPERATIONS } from "../../generated/commet/get-operations.js";
import type { paths } from "../../generated/commet/schema.js";
import type { OperationOf } from "../core/client-types.js";
import { paginateList, type ListPaging } from "../core/paginate-list.js";
import type { ListItem, ListPath, PaginateArgs, PaginateInit } from "../core/pagination-types.js";
import type { CommetClient, CommetThrowingClient } from "./client.js";

/** The list operations: the GETs that take a `cursor` and answer `{ data: [...] }`. */
export type CommetCursorPath = ListPath<paths, "cursor", "data">;
export type CommetListItem<P extends CommetCursorPath> = ListItem<paths, P, "data">;
export type CommetPaginateInit<P extends CommetCursorPath> = PaginateInit<OperationOf<paths[P], "get">, "cursor">;

const commetPaging: ListPaging<string> = {
  vendor: "Commet",
  operations: GET_OPERATIONS,
  cursorParam: "cursor",
  itemsField: "data",
  next: (page) => (page.hasMore === true && typeof page.nextCursor === "string" && page.nextCursor !== "" ? page.nextCursor : undefined),
};

export function paginate<P extends CommetCursorPath>(
  client: CommetClient | CommetThrowingClient,
  path: P,
  ...[init]: PaginateArgs<OperationOf<paths[P], "get">, "cursor">
): AsyncGenerator<CommetListItem<P>, void, undefined> {
  return paginateList(client, path, init, commetPaging);
}
