/**
 * `paginate(commet, "/addons", { params, signal })`: every item of a Commet cursor list, page after
 * page (`limit`/`cursor` in, `hasMore`/`nextCursor` out). An error page throws its typed error.
 */
import type { paths } from "../../generated/commet/schema.js";
import { paginate as paginateCore } from "../core/paginate.js";
import { unwrap } from "../core/unwrap.js";
import type { CommetClient } from "./client.js";

type Get<P extends keyof paths> = paths[P] extends { get: infer Operation } ? Operation : never;
type QueryOf<Operation> = Operation extends { parameters: { query?: infer Query } } ? NonNullable<Query> : never;
/** The GET paths that take a `cursor`. */
export type CommetCursorPath = { [P in keyof paths]: "cursor" extends keyof QueryOf<Get<P>> ? P : never }[keyof paths];
type Body<P extends CommetCursorPath> = Get<P> extends { responses: { 200: { content: { "application/json": infer B } } } } ? B : never;
export type CommetListItem<P extends CommetCursorPath> = Body<P> extends { data: readonly (infer Item)[] } ? Item : never;

export interface CommetPaginateInit<P extends CommetCursorPath> {
  params?: { query?: Omit<QueryOf<Get<P>>, "cursor">; header?: Record<string, string> };
  signal?: AbortSignal;
}

export function paginate<P extends CommetCursorPath>(client: CommetClient, path: P, init: CommetPaginateInit<P> = {}): AsyncGenerator<CommetListItem<P>, void, undefined> {
  const get = client.GET as unknown as (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  return paginateCore<CommetListItem<P>, string>(async (cursor) => {
    const query = { ...init.params?.query, ...(cursor !== undefined ? { cursor } : {}) };
    const page = unwrap(await get(path, { ...init, params: { ...init.params, query } })) as { data: CommetListItem<P>[]; hasMore?: boolean; nextCursor?: string | null };
    return { items: page.data, next: page.hasMore && page.nextCursor ? page.nextCursor : undefined };
  }, init.signal);
}
