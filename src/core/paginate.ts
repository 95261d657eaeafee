/**
 * Pagination as an async iterator: items one by one, the next page fetched only when the previous one
 * is used up, ending after the last page, and stopping (with the signal's reason) when the caller
 * aborts. Vendors supply `fetchPage`: how to ask for a page and where its items and next cursor are.
 */
import { SpecwrightError } from "./errors/specwright-error.js";

export interface Page<Item, Cursor> {
  items: readonly Item[];
  /** Where the next page starts; undefined on the last page. */
  next: Cursor | undefined;
}

export async function* paginate<Item, Cursor>(
  fetchPage: (cursor: Cursor | undefined) => Promise<Page<Item, Cursor>>,
  signal?: AbortSignal,
): AsyncGenerator<Item, void, undefined> {
  let cursor: Cursor | undefined;
  const seen = new Set<Cursor>();
  for (;;) {
    signal?.throwIfAborted();
    const page = await fetchPage(cursor);
    for (const item of page.items) {
      signal?.throwIfAborted();
      yield item;
    }
    if (page.next === undefined) return;
    // A server that hands back a cursor it already gave would make this loop forever.
    if (seen.has(page.next)) throw new SpecwrightError(`pagination: the server returned the cursor ${JSON.stringify(page.next)} twice`);
    seen.add(page.next);
    cursor = page.next;
  }
}
