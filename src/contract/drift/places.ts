/** What a run saw at each place of the spec, tallied over every response: the drift report's raw data. */

/** Pairs kept per place (`<operationId> <status>`): the first says where, the rest are `also`. */
export const WHERE_LIMIT = 10;

/** A declared field or response header, and how often the objects (responses) at its place had it. */
export interface FieldPlace {
  kind: "field" | "header";
  required: boolean;
  observed: number;
  present: number;
  where: string[];
}

/** A place where something the spec does not allow was seen, with a few of the values. */
export interface ValuePlace {
  kind: "undeclared-field" | "undocumented-enum-value" | "type-mismatch" | "undocumented-status";
  /** undeclared-field: an applicable schema says `additionalProperties: false` (Ajv fails the case too). */
  closed: boolean;
  count: number;
  /** Distinct values (as short JSON), distinct JSON types (or content types, for a status). */
  values: string[];
  types: string[];
  where: string[];
}

export interface Places {
  fields: Map<string, FieldPlace>;
  values: Map<string, ValuePlace>;
}

export function emptyPlaces(): Places {
  return { fields: new Map(), values: new Map() };
}

/** Adds `item` to a list of distinct items that stops growing at `limit`. */
export function addDistinct(list: string[], item: string, limit: number): void {
  if (list.length < limit && !list.includes(item)) list.push(item);
}
