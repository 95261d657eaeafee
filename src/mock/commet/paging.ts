/** Cursor pagination of the Commet lists: newest first, `limit` items, an opaque `nextCursor`. */
import { MockError } from "../mock-error.js";
import type { MockReply } from "../types.js";

/** Cursors are opaque to callers: base64url of the last item's sequence number. */
function encodeCursor(seq: number): string {
  return Buffer.from(JSON.stringify({ seq })).toString("base64url");
}

function decodeCursor(cursor: string): number {
  try {
    const { seq } = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { seq: unknown };
    if (typeof seq === "number" && Number.isInteger(seq) && seq > 0) return seq;
  } catch {
    // fall through to the error below
  }
  throw new MockError(400, "validation_error", "cursor is not a cursor returned by this API.", {
    param: "cursor",
    details: [{ field: "cursor", message: "invalid cursor" }],
  });
}

/** The documented default page size; the validator checks bounds but fills in no defaults. */
const DEFAULT_LIMIT = 25;

/** One page of `items` (records with an insertion `seq`) after the cursor, in the list envelope. */
export function page<Item extends { seq: number }>(items: Item[], query: Record<string, unknown>, view: (item: Item) => unknown): MockReply {
  const limit = typeof query.limit === "number" ? query.limit : DEFAULT_LIMIT;
  const after = typeof query.cursor === "string" ? decodeCursor(query.cursor) : Number.POSITIVE_INFINITY;
  const newestFirst = items.filter((item) => item.seq < after).sort((a, b) => b.seq - a.seq);
  const slice = newestFirst.slice(0, limit);
  const hasMore = newestFirst.length > limit;
  const last = slice.at(-1);
  return {
    status: 200,
    body: { success: true, data: slice.map(view), hasMore, ...(hasMore && last ? { nextCursor: encodeCursor(last.seq) } : {}) },
  };
}
