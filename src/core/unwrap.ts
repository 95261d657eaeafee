/**
 * `unwrap(await client.GET(...))`: the data of a 2xx result, or the typed error (`ApiError` and its
 * subclasses) thrown for any other status. openapi-fetch's `{ data, error, response }` stays the
 * default result; this is for callers who prefer exceptions.
 */
import { errorFromResult } from "./errors/from-result.js";

export function unwrap<Data>(result: { data?: Data; error?: unknown; response: Response }): Data {
  if (result.error !== undefined || !result.response.ok) throw errorFromResult(result);
  return result.data as Data;
}
