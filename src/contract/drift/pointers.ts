/**
 * JSON pointers into a spec, and the component a part of the dereferenced document was copied from:
 * the bundle inlines every `$ref`, so a copy is found by its content, and a patch then goes to the one
 * component rather than to each place that refers to it.
 */
import type { ApiName } from "../../spec/apis.js";
import { getDocument } from "../../spec/document.js";
import { escapeToken, unescapeToken } from "../../spec/json-pointer.js";
import { isSchema } from "../cases/schema-tools.js";

/** The component sections whose members a path's parts are copies of. */
const SECTIONS = ["schemas", "responses", "headers"] as const;

/** `base` extended by raw (unescaped) tokens. */
export function childPointer(base: string, ...tokens: (string | number)[]): string {
  return `${base}${tokens.map((token) => `/${escapeToken(String(token))}`).join("")}`;
}

/** The last token of a pointer, unescaped: a property's or a header's name. */
export function lastToken(pointer: string): string {
  return unescapeToken(pointer.slice(pointer.lastIndexOf("/") + 1));
}

/** `pointer` for an operation's part: `/paths/~1addons~1{id}/get…`. */
export function operationPointer(operation: { path: string; method: string }): string {
  return childPointer("/paths", operation.path, operation.method);
}

interface ComponentIndex {
  /** Content (as JSON) to the pointer of the one component with that content; null when several share it. */
  byContent: Map<string, string | null>;
  /** Per node of the document already looked up. */
  found: WeakMap<object, string | null>;
}

const indexes = new Map<ApiName, ComponentIndex>();

/**
 * The component `node` is a copy of, else `pointer` (where the node sits). A node so plain that an inline
 * schema may equal it by chance (`{ type: string }`), or whose content several components share, stays put.
 */
export function locate(api: ApiName, node: unknown, pointer: string): string {
  if (!isSchema(node) || isPlain(node)) return pointer;
  const index = indexOf(api);
  let component = index.found.get(node);
  if (component === undefined) {
    component = index.byContent.get(JSON.stringify(node)) ?? null;
    index.found.set(node, component);
  }
  return component ?? pointer;
}

function indexOf(api: ApiName): ComponentIndex {
  let index = indexes.get(api);
  if (!index) {
    const components = (getDocument(api) as unknown as { components?: Record<string, Record<string, unknown> | undefined> }).components ?? {};
    const byContent = new Map<string, string | null>();
    for (const section of SECTIONS) {
      for (const [name, node] of Object.entries(components[section] ?? {})) {
        if (!isSchema(node) || isPlain(node)) continue;
        const content = JSON.stringify(node);
        byContent.set(content, byContent.has(content) ? null : childPointer("/components", section, name));
      }
    }
    index = { byContent, found: new WeakMap() };
    indexes.set(api, index);
  }
  return index;
}

function isPlain(node: Record<string, unknown>): boolean {
  return Object.keys(node).every((key) => key === "type" || key === "format");
}
