// paginate() takes only a vendor's list operations: at compile time (the path filter is computed from
// the generated paths), and at run time for JavaScript callers (a ConfigurationError before any request).
// `npm run typecheck` checks the @ts-expect-error lines; an unused one is itself an error there.
import { describe, expect, expectTypeOf, it } from "vitest";
import { GET_OPERATIONS as COMMET_GETS } from "../../generated/commet/get-operations.js";
import { GET_OPERATIONS as ONET_GETS } from "../../generated/onet/get-operations.js";
import { createCommetClient, paginate, ConfigurationError, type Addon, type CommetCursorPath, type Customer } from "../../src/commet/index.js";
import { createOnetClient, paginate as paginateOnet, type OnetPagePath, type WebHosting } from "../../src/onet/index.js";
import { listPaths } from "../../src/core/paginate-list.js";

/** The list rule applied to a generated GET index at the type level: what the run-time check accepts. */
type IndexedListPath<Index, Cursor extends string, Items extends string> = {
  [P in keyof Index]: Index[P] extends { query: readonly (infer Query)[]; arrays: readonly (infer Arrays)[] }
    ? Cursor extends Query
      ? Items extends Arrays
        ? P
        : never
      : never
    : never;
}[keyof Index];

/** A client whose fetch records each request and answers one page after another. */
function scripted<Client>(create: (fetch: typeof globalThis.fetch) => Client, pages: object[]) {
  const sent: Request[] = [];
  // A caller's fetch gets the complete Request from the transport.
  const client = create(async (request) => {
    sent.push(request as Request);
    return Response.json(pages[sent.length - 1] ?? pages.at(-1));
  });
  return { client, sent };
}

const commetClient = (fetch: typeof globalThis.fetch) => createCommetClient({ apiKey: "ck_sandbox_pages", fetch });
const onetClient = (fetch: typeof globalThis.fetch) => createOnetClient({ token: "sk-onetsolutions-pages", fetch });
const scope = { organization_id: "e6af4f6e-1606-468e-9092-3f740a445140", project_id: "38fa341f-422e-4ee3-b79b-454c5b2ca9b5" };
const hosting = "/v1/organizations/{organization_id}/projects/{project_id}/hosting" as const;

describe("paginate() at compile time", () => {
  const commet = createCommetClient({ apiKey: "ck_sandbox_pages", fetch: async () => Response.json({}) });
  const onet = createOnetClient({ token: "sk-onetsolutions-pages", fetch: async () => Response.json({}) });

  it("takes the list operations, typing their items", () => {
    expectTypeOf(paginate(commet, "/addons")).toEqualTypeOf<AsyncGenerator<Addon, void, undefined>>();
    expectTypeOf(paginate(commet, "/customers", { params: { query: { limit: 100, externalId: "user_1" } }, timeoutMs: 5_000 })).toEqualTypeOf<
      AsyncGenerator<Customer, void, undefined>
    >();
    expectTypeOf(paginateOnet(onet, hosting, { params: { path: scope, query: { page_size: 50 } } })).toEqualTypeOf<
      AsyncGenerator<WebHosting, void, undefined>
    >();
    // A throwOnError client too.
    expectTypeOf(paginate(createCommetClient({ apiKey: "ck_sandbox_pages", throwOnError: true }), "/addons")).toEqualTypeOf<
      AsyncGenerator<Addon, void, undefined>
    >();
  });

  it("refuses paths that are not lists", () => {
    const calls = [
      // @ts-expect-error one customer, not a list (the case that compiled and then threw a TypeError)
      () => paginate(commet, "/customers/{id}"),
      // @ts-expect-error a list without a cursor: one page holds everything
      () => paginate(commet, "/features"),
      // @ts-expect-error the active subscription: a GET with query parameters, but no list
      () => paginate(commet, "/subscriptions/active", { params: { query: { customerId: "user_1" } } }),
      // @ts-expect-error an OnetSolutions path with a POST only
      () => paginateOnet(onet, "/v1/organizations/{organization_id}/projects/{project_id}/hosting/order", { params: { path: scope } }),
      // @ts-expect-error an OnetSolutions GET that is not page-numbered
      () => paginateOnet(onet, "/v1/organizations", {}),
    ];
    expectTypeOf(calls).toBeArray();
  });

  it("checks the init: no cursor of the caller's, no unknown key, path parameters required", () => {
    const calls = [
      // @ts-expect-error paginate() sets the cursor itself
      () => paginate(commet, "/addons", { params: { query: { cursor: "c_1" } } }),
      // @ts-expect-error a misspelt query parameter
      () => paginate(commet, "/addons", { params: { query: { limt: 10 } } }),
      // @ts-expect-error a misspelt request option
      () => paginate(commet, "/addons", { timout: 5_000 }),
      // @ts-expect-error the hosting list needs its organization and project
      () => paginateOnet(onet, hosting),
      // @ts-expect-error paginate() sets the page itself
      () => paginateOnet(onet, hosting, { params: { path: scope, query: { page: 2 } } }),
    ];
    expectTypeOf(calls).toBeArray();
  });

  it("agrees with the run-time check, for whatever operations the specs hold", () => {
    expectTypeOf<IndexedListPath<typeof COMMET_GETS, "cursor", "data">>().toEqualTypeOf<CommetCursorPath>();
    expectTypeOf<IndexedListPath<typeof ONET_GETS, "page", "results">>().toEqualTypeOf<OnetPagePath>();
  });
});

describe("paginate() at run time", () => {
  it("refuses a path that is not a list before sending anything, naming the lists", () => {
    const { client, sent } = scripted(commetClient, [{ success: true, data: [], hasMore: false }]);
    const untyped = paginate as (client: unknown, path: unknown, init?: object) => AsyncGenerator<unknown>;
    const error = (() => {
      try {
        untyped(client, "/customers/{id}");
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error).toMatchObject({ option: "path" });
    const lists = listPaths({ operations: COMMET_GETS, cursorParam: "cursor", itemsField: "data" });
    expect((error as Error).message).toBe(`paginate (Commet): "/customers/{id}" is not a list operation; it takes one of ${lists.join(", ")}.`);
    expect(lists).toContain("/customers");
    expect(sent).toHaveLength(0);
  });

  it("refuses an OnetSolutions path with a POST only, a non-string and an overlong path alike", () => {
    const { client, sent } = scripted(onetClient, [{ count: 0, next: null, previous: null, results: [] }]);
    const untyped = paginateOnet as (client: unknown, path: unknown, init?: object) => AsyncGenerator<unknown>;
    expect(() => untyped(client, "/v1/organizations/{organization_id}/projects/{project_id}/hosting/order", { params: { path: scope } })).toThrow(
      /paginate \(OnetSolutions\): ".*\/hosting\/order" is not a list operation/,
    );
    expect(() => untyped(client, 42)).toThrow(/a value of type number is not a list operation/);
    const long = untyped.bind(null, client, `/${"x".repeat(10_000)}`);
    expect(long).toThrow(ConfigurationError);
    expect(() => long()).toThrow(/"\/x{119}…" is not/);
    expect(sent).toHaveLength(0);
  });

  it("lists, from the generated index, the GETs with the vendor's cursor and items field only", () => {
    const commetLists = listPaths({ operations: COMMET_GETS, cursorParam: "cursor", itemsField: "data" });
    expect(commetLists).toEqual(expect.arrayContaining(["/addons", "/customers"]));
    // Lists without a cursor, single resources and non-list GETs are not paginated.
    for (const path of ["/features", "/subscriptions", "/customers/{id}", "/subscriptions/active"]) expect(commetLists).not.toContain(path);
    expect(listPaths({ operations: ONET_GETS, cursorParam: "page", itemsField: "results" })).toEqual([hosting]);
  });

  it("sends the caller's params and request options with every page, adding the cursor", async () => {
    const { client, sent } = scripted(commetClient, [
      { success: true, data: [{ id: "cus_1" }, { id: "cus_2" }], hasMore: true, nextCursor: "c_2" },
      { success: true, data: [{ id: "cus_3" }], hasMore: false, nextCursor: null },
    ]);
    const seen: string[] = [];
    for await (const customer of paginate(client, "/customers", { params: { query: { limit: 2 } }, headers: { "x-trace-id": "t-9" } })) seen.push(customer.id);
    expect(seen).toEqual(["cus_1", "cus_2", "cus_3"]);
    expect(sent.map((request) => new URL(request.url).search)).toEqual(["?limit=2", "?limit=2&cursor=c_2"]);
    expect(sent.map((request) => request.headers.get("x-trace-id"))).toEqual(["t-9", "t-9"]);
  });

  it("walks OnetSolutions pages from page 1 while `next` is set", async () => {
    const { client, sent } = scripted(onetClient, [
      { count: 3, next: "https://api.onetsolutions.net/…?page=2", previous: null, results: [{ id: "h1" }, { id: "h2" }] },
      { count: 3, next: null, previous: "https://api.onetsolutions.net/…?page=1", results: [{ id: "h3" }] },
    ]);
    const seen: string[] = [];
    for await (const site of paginateOnet(client, hosting, { params: { path: scope, query: { page_size: 2 } } })) seen.push(site.id);
    expect(seen).toEqual(["h1", "h2", "h3"]);
    expect(sent.map((request) => new URL(request.url).searchParams.get("page"))).toEqual(["1", "2"]);
  });
});
