/**
 * `paginate()` over a client: a vendor describes its lists as data (`ListPaging`), and this walks one
 * with the core iterator. A path that is not one of the vendor's lists (a JavaScript caller's mistake,
 * since pagination-types.ts stops it at compile time) is a ConfigurationError before any request,
 * checked against the GET index that scripts/generate.ts writes (generated/<api>/get-operations.ts).
 */
import { ConfigurationError } from "./errors/configuration-error.js";
import { paginate } from "./paginate.js";
import { unwrap } from "./unwrap.js";

/** generated/<api>/get-operations.ts: each GET's query parameters and the array fields of its 200 body. */
export type GetOperations = Readonly<Record<string, { readonly query: readonly string[]; readonly arrays: readonly string[] }>>;

export interface ListPaging<Cursor> {
  /** As it appears in errors, e.g. "Commet". */
  vendor: string;
  operations: GetOperations;
  /** The query parameter that selects a page, e.g. "cursor" or "page". */
  cursorParam: string;
  /** The 200 body's field holding the page's items, e.g. "data" or "results". */
  itemsField: string;
  /** The cursor of the first page, when it is sent explicitly (page 1). */
  first?: Cursor;
  /** Where the next page starts, read from a page's body; undefined after the last page. */
  next(body: Record<string, unknown>, cursor: Cursor): Cursor | undefined;
}

/** The paths of `operations` whose GET takes `cursorParam` and answers an array under `itemsField`. */
export function listPaths(paging: Pick<ListPaging<unknown>, "operations" | "cursorParam" | "itemsField">): string[] {
  const { operations, cursorParam, itemsField } = paging;
  return Object.keys(operations).filter((path) => operations[path]!.query.includes(cursorParam) && operations[path]!.arrays.includes(itemsField));
}

const MAX_SHOWN = 120;

/** Throws ConfigurationError (option "path") unless `path` is one of the vendor's list paths. */
export function requireListPath(paging: ListPaging<unknown>, path: unknown): void {
  const lists = listPaths(paging);
  if (typeof path === "string" && lists.includes(path)) return;
  // The caller's value is shown cut short: it may be anything, of any length.
  const shown =
    typeof path === "string"
      ? JSON.stringify(path.length > MAX_SHOWN ? `${path.slice(0, MAX_SHOWN)}…` : path)
      : `a value of type ${path === null ? "null" : typeof path}`;
  throw new ConfigurationError("path", `paginate (${paging.vendor}): ${shown} is not a list operation; it takes one of ${lists.join(", ")}.`);
}

type Get = (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/** Checks the path at once, then walks the list lazily; `init` is the caller's (params without the cursor, request options). */
export function paginateList<Item, Cursor>(
  client: { GET: unknown },
  path: string,
  init: object | undefined,
  paging: ListPaging<Cursor>,
): AsyncGenerator<Item, void, undefined> {
  requireListPath(paging as ListPaging<unknown>, path);
  const options = (init ?? {}) as { params?: { query?: object }; signal?: AbortSignal };
  const get = client.GET as Get;
  return paginate<Item, Cursor>(async (cursor = paging.first) => {
    const query = { ...options.params?.query, ...(cursor !== undefined ? { [paging.cursorParam]: cursor } : {}) };
    const body = unwrap(await get(path, { ...options, params: { ...options.params, query } })) as Record<string, unknown>;
    return { items: body[paging.itemsField] as Item[], next: paging.next(body, cursor as Cursor) };
  }, options.signal);
}
