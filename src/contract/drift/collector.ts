/**
 * Collects a live run's responses (through `ContractTarget.observe`) into the places of the spec they
 * say something about: the statuses, the declared headers, and what the bodies hold against their schemas.
 */
import type { ApiName } from "../../spec/apis.js";
import { getOperations, type Operation } from "../../spec/operations.js";
import { jsonType } from "../cases/schema-tools.js";
import { documentedResponse } from "../check-response.js";
import type { Observation } from "../types.js";
import { bodyFacts, type BodyFact } from "./body.js";
import { driftReport } from "./findings.js";
import { addDistinct, emptyPlaces, WHERE_LIMIT, type FieldPlace, type ValuePlace } from "./places.js";
import { childPointer, locate, operationPointer } from "./pointers.js";
import { DRIFT_LIMITS, shortJson, type DriftLimits, type DriftReport } from "./types.js";

export interface DriftCollector {
  observe(observation: Observation): void;
  report(options: { strict: boolean }): DriftReport;
}

export function createDriftCollector(api: ApiName, limits: DriftLimits = DRIFT_LIMITS): DriftCollector {
  const index = getOperations(api);
  const places = emptyPlaces();
  const walked = new Map<string, number>();

  function field(pointer: string, kind: FieldPlace["kind"], required: boolean, present: boolean, where: string): void {
    let place = places.fields.get(pointer);
    if (!place) {
      place = { kind, required, observed: 0, present: 0, where: [] };
      places.fields.set(pointer, place);
    }
    place.required ||= required;
    place.observed += 1;
    if (present) place.present += 1;
    addDistinct(place.where, where, WHERE_LIMIT);
  }

  function value(pointer: string, kind: ValuePlace["kind"], shown: string, type: string, where: string, closed = false): void {
    let place = places.values.get(`${kind} ${pointer}`);
    if (!place) {
      place = { kind, closed, count: 0, values: [], types: [], where: [] };
      places.values.set(`${kind} ${pointer}`, place);
    }
    place.count += 1;
    addDistinct(place.values, shown, limits.values);
    addDistinct(place.types, type, limits.values);
    addDistinct(place.where, where, WHERE_LIMIT);
  }

  function record(facts: BodyFact[], where: string): void {
    for (const fact of facts) {
      if (fact.kind === "object") for (const { pointer, required, present } of fact.fields) field(pointer, "field", required, present, where);
      else if (fact.kind === "undeclared")
        value(fact.pointer, "undeclared-field", shortJson(fact.value, limits.valueChars), jsonType(fact.value), where, fact.closed);
      else
        value(
          fact.pointer,
          fact.kind === "enum" ? "undocumented-enum-value" : "type-mismatch",
          shortJson(fact.value, limits.valueChars),
          jsonType(fact.value),
          where,
        );
    }
  }

  function observeBody(responsePointer: string, schema: Record<string, unknown>, observation: Observation, where: string): void {
    const count = (walked.get(where) ?? 0) + 1;
    walked.set(where, count);
    if (count > limits.bodiesPerPair || observation.body.length > limits.bodyChars) return;
    let body: unknown;
    try {
      body = JSON.parse(observation.body);
    } catch {
      return; // not JSON: the case's own check says so
    }
    record(bodyFacts(api, { schema, pointer: `${responsePointer}/content/application~1json/schema` }, body, limits), where);
  }

  return {
    observe(observation) {
      let operation: Operation;
      try {
        operation = index.byId(observation.operationId);
      } catch {
        return;
      }
      const where = `${operation.operationId} ${observation.statusCode}`;
      const status = String(observation.statusCode);
      const response = documentedResponse(operation, observation.statusCode);
      if (!response) {
        const excerpt = observation.body.length > limits.valueChars ? `${observation.body.slice(0, limits.valueChars)}…` : observation.body;
        value(
          childPointer(operationPointer(operation), "responses", status),
          "undocumented-status",
          excerpt,
          headerOf(observation, "content-type") ?? "(no content-type)",
          where,
        );
        return;
      }
      const key = operation.object.responses[status] ? status : `${status[0]}XX`;
      const responsePointer = locate(api, response, childPointer(operationPointer(operation), "responses", key));
      // Names only: a header's value may be a credential.
      for (const [name, header] of Object.entries(response.headers ?? {})) {
        field(childPointer(responsePointer, "headers", name), "header", header.required ?? false, headerOf(observation, name) !== undefined, where);
      }
      const schema = response.content?.["application/json"]?.schema;
      if (schema) observeBody(responsePointer, schema, observation, where);
    },
    report({ strict }) {
      return driftReport(places, { strict, limit: limits.findings });
    },
  };
}

function headerOf(observation: Observation, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.entries(observation.headers).find(([candidate]) => candidate.toLowerCase() === lower)?.[1];
}
