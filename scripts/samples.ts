/**
 * The code samples (`x-codeSamples`) of a spec's operations, read from a bundled document: what
 * `check-samples` type-checks and what the docs tests count.
 */
import { HTTP_METHODS, type OpenApiDocument } from "../src/spec/document.js";
import type { ApiName } from "../src/spec/apis.js";

/** The language every operation has one sample in: the one CI can compile against the client. */
export const SAMPLE_LANG = "TypeScript";

export interface CodeSample {
  lang: string;
  label?: string;
  source: string;
}

export interface OperationSamples {
  operationId: string;
  method: string;
  path: string;
  samples: CodeSample[];
}

/** Every operation of the document, in document order, with its samples (possibly none). */
export function operationSamples(document: OpenApiDocument): OperationSamples[] {
  const operations: OperationSamples[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as { operationId: string; "x-codeSamples"?: unknown } | undefined;
      if (!operation) continue;
      const samples = Array.isArray(operation["x-codeSamples"]) ? (operation["x-codeSamples"] as CodeSample[]) : [];
      operations.push({ operationId: operation.operationId, method: method.toUpperCase(), path, samples });
    }
  }
  return operations;
}

/** `createAddon (POST /addons)`: how a message names an operation. */
export function describeOperation(operation: OperationSamples): string {
  return `${operation.operationId} (${operation.method} ${operation.path})`;
}

/**
 * What is wrong with an operation's samples, or nothing: exactly one TypeScript sample, with a source,
 * that imports the client from `specwright/<api>` (the package name a reader installs).
 */
export function sampleProblem(api: ApiName, operation: OperationSamples): string | undefined {
  const typescript = operation.samples.filter((sample) => sample.lang === SAMPLE_LANG);
  if (typescript.length !== 1) return `has ${typescript.length} ${SAMPLE_LANG} samples in x-codeSamples; expected exactly one`;
  const source = typescript[0]!.source;
  if (typeof source !== "string" || source.trim() === "") return `its ${SAMPLE_LANG} sample has no source`;
  if (!new RegExp(`^import [^;]+ from "specwright/${api}";$`, "m").test(source)) return `its ${SAMPLE_LANG} sample does not import from "specwright/${api}"`;
  return undefined;
}
