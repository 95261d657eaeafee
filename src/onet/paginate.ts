/**
 * `paginate(onet, "/v1/…/hosting", { params, signal })`: every item of an OnetSolutions page list,
 * page after page (`page`/`page_size` in, Django REST Framework's `{ count, next, results }` out). An
 * error page throws its typed error.
 */
import type { paths } from "../../generated/onet/schema.js";
import { paginate as paginateCore } from "../core/paginate.js";
import { unwrap } from "../core/unwrap.js";
import type { OnetClient } from "./client.js";

type Get<P extends keyof paths> = paths[P] extends { get: infer Operation } ? Operation : never;
type Parameters<Operation> = Operation extends { parameters: infer P } ? P : never;
type QueryOf<Operation> = Operation extends { parameters: { query?: infer Query } } ? NonNullable<Query> : never;
/** The GET paths that take a `page`. */
export type OnetPagePath = { [P in keyof paths]: "page" extends keyof QueryOf<Get<P>> ? P : never }[keyof paths];
type Body<P extends OnetPagePath> = Get<P> extends { responses: { 200: { content: { "application/json": infer B } } } } ? B : never;
export type OnetListItem<P extends OnetPagePath> = Body<P> extends { results: readonly (infer Item)[] } ? Item : never;

export interface OnetPaginateInit<P extends OnetPagePath> {
  params: Omit<Parameters<Get<P>>, "query"> & { query?: Omit<QueryOf<Get<P>>, "page"> };
  signal?: AbortSignal;
}

export function paginate<P extends OnetPagePath>(client: OnetClient, path: P, init: OnetPaginateInit<P>): AsyncGenerator<OnetListItem<P>, void, undefined> {
  const get = client.GET as unknown as (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  return paginateCore<OnetListItem<P>, number>(async (page = 1) => {
    const query = { ...(init.params.query as object | undefined), page };
    const body = unwrap(await get(path, { ...init, params: { ...init.params, query } })) as { results: OnetListItem<P>[]; next?: string | null };
    return { items: body.results, next: body.next ? page + 1 : undefined };
  }, init.signal);
}
