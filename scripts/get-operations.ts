/**
 * `generated/<api>/get-operations.ts`, for scripts/generate.ts: each GET operation's query parameters
 * and the array properties of its 200 JSON body, as data. Types cannot be read at run time, so this is
 * what `paginate()` checks a path against before sending anything (a JavaScript caller's mistake).
 */
type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The top-level properties of an object schema, those of its allOf members included. */
function properties(schema: unknown): [string, unknown][] {
  if (!isObject(schema)) return [];
  const own = isObject(schema.properties) ? Object.entries(schema.properties) : [];
  return [...own, ...asArray(schema.allOf).flatMap(properties)];
}

function isArraySchema(schema: unknown): boolean {
  return isObject(schema) && (schema.type === "array" || asArray(schema.type).includes("array"));
}

/** `bundle`: the dereferenced spec (generated/<api>/openapi.json). */
export function renderGetOperations(bundle: Json, header: string): string {
  const operations: Record<string, { query: string[]; arrays: string[] }> = {};
  for (const [path, item] of Object.entries(isObject(bundle.paths) ? bundle.paths : {})) {
    if (!isObject(item) || !isObject(item.get)) continue;
    const parameters = [...asArray(item.parameters), ...asArray(item.get.parameters)].filter(isObject);
    const query = [...new Set(parameters.filter((parameter) => parameter.in === "query").map((parameter) => String(parameter.name)))];
    const responses = isObject(item.get.responses) ? item.get.responses : {};
    const ok = isObject(responses["200"]) && isObject(responses["200"].content) ? responses["200"].content["application/json"] : undefined;
    const arrays = properties(isObject(ok) ? ok.schema : undefined)
      .filter(([, schema]) => isArraySchema(schema))
      .map(([name]) => name);
    operations[path] = { query, arrays: [...new Set(arrays)] };
  }
  const entries = Object.entries(operations).map(
    ([path, operation]) => `  ${JSON.stringify(path)}: { query: ${JSON.stringify(operation.query)}, arrays: ${JSON.stringify(operation.arrays)} },`,
  );
  return `${header}/** Each GET operation: its query parameters, and the array properties of its 200 JSON body. */
export const GET_OPERATIONS = {
${entries.join("\n")}
} as const;
`;
}
