/**
 * `paginate(onet, "/v1/…/hosting", { params, signal })`: every item of an OnetSolutions page list,
 * page after page (`page`/`page_size` in, Django REST Framework's `{ count, next, results }` out). An
 * error page throws its typed error. Only list operations compile; at run time any other path is a
 * ConfigurationError before any request.
 */
import { GET_OPERATIONS } from "../../generated/onet/get-operations.js";
import type { paths } from "../../generated/onet/schema.js";
import type { OperationOf } from "../core/client-types.js";
import { paginateList, type ListPaging } from "../core/paginate-list.js";
import type { ListItem, ListPath, PaginateArgs, PaginateInit } from "../core/pagination-types.js";
import type { OnetClient, OnetThrowingClient } from "./client.js";

/** The list operations: the GETs that take a `page` and answer `{ results: [...] }`. */
export type OnetPagePath = ListPath<paths, "page", "results">;
export type OnetListItem<P extends OnetPagePath> = ListItem<paths, P, "results">;
export type OnetPaginateInit<P extends OnetPagePath> = PaginateInit<OperationOf<paths[P], "get">, "page">;

const onetPaging: ListPaging<number> = {
  vendor: "OnetSolutions",
  operations: GET_OPERATIONS,
  cursorParam: "page",
  itemsField: "results",
  first: 1,
  // `next` is the next page's URL, null on the last page; the page number is all that is needed from it.
  next: (body, page) => (body.next ? page + 1 : undefined),
};

export function paginate<P extends OnetPagePath>(
  client: OnetClient | OnetThrowingClient,
  path: P,
  ...[init]: PaginateArgs<OperationOf<paths[P], "get">, "page">
): AsyncGenerator<OnetListItem<P>, void, undefined> {
  return paginateList(client, path, init, onetPaging);
}
