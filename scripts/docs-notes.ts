/**
 * The specs' notes (`x-assumed`: a choice made where the vendor docs are silent; `x-doc-discrepancy`:
 * where they contradict themselves) made readable in the rendered docs, in a copy of the bundle that
 * only the docs build reads. Redoc ignores unknown `x-` keys, so each note is written twice:
 *   - next to what it is about: appended to a description Redoc renders, as a marked blockquote;
 *   - in a register of every note of its kind, a section of its own at the end ("Assumptions",
 *     "Documentation discrepancies"), because Redoc does not render every description (e.g. that of
 *     a schema inside an array, or of a property whose type is a choice of schemas).
 */
import { HTTP_METHODS as METHODS } from "../src/spec/document.js";

/** The notes, in the order they are appended, and how a reader sees each one. */
export const NOTE_LABELS = {
  "x-assumed": "Assumed",
  "x-doc-discrepancy": "Docs discrepancy",
  "x-irreversible": "Not undone by contract runs",
} as const;

export type NoteKey = keyof typeof NOTE_LABELS;

/** The register's sections, one per kind of note. */
export const REGISTER_TAGS = {
  "x-assumed": "Assumptions",
  "x-doc-discrepancy": "Documentation discrepancies",
  "x-irreversible": "Irreversible operations",
} as const satisfies Record<NoteKey, string>;

/** Where Redoc puts a register section: `#/assumptions`, `#/documentation-discrepancies`. */
export function registerRoute(key: NoteKey): string {
  return `#/${REGISTER_TAGS[key]
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")}`;
}

const REGISTER_INTROS: Record<NoteKey, string> = {
  "x-assumed":
    "Where the vendor's public docs are silent, this reference makes a choice and says why (`x-assumed` in the spec). Each note is also shown, marked **Assumed**, next to what it is about.",
  "x-doc-discrepancy":
    "Where the vendor's public docs contradict themselves, this reference says what they say and what was chosen (`x-doc-discrepancy` in the spec). Each note is also shown, marked **Docs discrepancy**, next to what it is about.",
  "x-irreversible":
    "Operations whose success nothing in this API takes back (`x-irreversible` in the spec): a contract run against a live server never asks for one, even with `--allow-writes`, since it removes what it creates (the `x-cleanup` links). Each note is also shown, marked **Not undone by contract runs**, next to its operation.",
};

export interface Note {
  key: NoteKey;
  text: string;
  /** JSON pointer of the node that carries the note. */
  pointer: string;
  /** What the note is about, for a reader: "Create add-on (POST /addons), response 200". */
  location: string;
  /** JSON pointers of the nodes whose description now shows it. */
  shownAt: string[];
}

type Node = Record<string, unknown>;

/**
 * A note inside another extension (e.g. Cloud Plans' `x-cloudplans-roles`) cannot be shown where it
 * sits: it goes to the nearest node Redoc renders, with what the extension says for context.
 */
const EXTENSION_CONTEXT: Record<string, (value: Node) => string> = {
  "x-cloudplans-roles": (roles) => (Array.isArray(roles.allowed) ? `roles allowed: ${roles.allowed.join(", ")}` : "roles"),
};

/** Values that are data, not OpenAPI nodes: a `description` key in an example is the example's own. */
const DATA_KEYS = new Set(["example", "examples", "default", "const", "enum"]);

const HTTP_METHODS = new Set<string>(METHODS);

const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && !Array.isArray(value);

const escapePointer = (segment: string) => segment.replace(/~/g, "~0").replace(/\//g, "~1");
const unescapePointer = (segment: string) => segment.replace(/~1/g, "/").replace(/~0/g, "~");
const segmentsOf = (pointer: string) => pointer.split("/").slice(1).map(unescapePointer);

function resolvePointer(document: Node, pointer: string): unknown {
  let node: unknown = document;
  for (const segment of segmentsOf(pointer)) node = isNode(node) || Array.isArray(node) ? (node as Record<string, unknown>)[segment] : undefined;
  return node;
}

/** A local `$ref` as a pointer, or the node's own pointer. */
function targetOf(node: unknown, pointer: string): string {
  return isNode(node) && typeof node.$ref === "string" && node.$ref.startsWith("#/") ? node.$ref.slice(1) : pointer;
}

/**
 * A note as Markdown text. The notes are written as Markdown already (code in backticks), but a bare
 * `<string>` or `integer<int64>` would be taken for an HTML tag and vanish.
 */
export function noteMarkdown(text: string): string {
  return text
    .trim()
    .split(/(`[^`]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")))
    .join("");
}

/** `> **Label:** text`, every line of the text kept inside the quote. */
export function noteBlockquote(label: string, text: string): string {
  return noteMarkdown(text)
    .split("\n")
    .map((line, index) => (index === 0 ? `> **${label}:** ${line}` : `> ${line}`.trimEnd()))
    .join("\n");
}

/**
 * Redoc shows the description of a request or response body, not that of the body's own schema: a
 * note on that schema goes to every body that uses it. Schema pointer → body pointers.
 */
function bodySchemas(document: Node): Map<string, string[]> {
  const bodies = new Map<string, string[]>();
  const addBody = (body: unknown, pointer: string) => {
    const bodyPointer = targetOf(body, pointer);
    const content = (resolvePointer(document, bodyPointer) as Node | undefined)?.content;
    if (!isNode(content)) return;
    for (const [mediaType, media] of Object.entries(content)) {
      if (!isNode(media) || media.schema === undefined) continue;
      const schemaPointer = targetOf(media.schema, `${bodyPointer}/content/${escapePointer(mediaType)}/schema`);
      const list = bodies.get(schemaPointer) ?? [];
      if (!list.includes(bodyPointer)) list.push(bodyPointer);
      bodies.set(schemaPointer, list);
    }
  };
  for (const section of ["paths", "webhooks"] as const)
    for (const [path, item] of Object.entries(isNode(document[section]) ? document[section] : {})) {
      if (!isNode(item)) continue;
      for (const [method, operation] of Object.entries(item)) {
        if (!HTTP_METHODS.has(method) || !isNode(operation)) continue;
        const at = `/${section}/${escapePointer(path)}/${method}`;
        if (operation.requestBody !== undefined) addBody(operation.requestBody, `${at}/requestBody`);
        for (const [status, response] of Object.entries(isNode(operation.responses) ? operation.responses : {}))
          addBody(response, `${at}/responses/${escapePointer(status)}`);
      }
    }
  return bodies;
}

/** What a pointer is about, in the reader's words. */
export function describeLocation(document: Node, pointer: string): string {
  const segments = segmentsOf(pointer);
  const [section, name, ...rest] = segments;
  if (section === "info") return "the API as a whole";
  if (section === "servers") return `server ${String((resolvePointer(document, `/servers/${name}`) as Node | undefined)?.url ?? name)}`;
  if (section === "tags") return `section “${String((resolvePointer(document, `/tags/${name}`) as Node | undefined)?.name ?? name)}”`;
  if (section === "paths" && name !== undefined) {
    const [method, ...inner] = rest;
    if (method === undefined || !HTTP_METHODS.has(method)) return `\`${name}\`${describeInner(document, `/paths/${escapePointer(name)}`, rest)}`;
    const operation = resolvePointer(document, `/paths/${escapePointer(name)}/${method}`) as Node | undefined;
    const summary = typeof operation?.summary === "string" ? `${operation.summary} ` : "";
    return `${summary}(\`${method.toUpperCase()} ${name}\`)${describeInner(document, `/paths/${escapePointer(name)}/${method}`, inner)}`;
  }
  if (section === "webhooks" && name !== undefined) {
    // A webhook is a request Commet sends to the user's endpoint: named by its event, not by a path.
    const [method, ...inner] = rest;
    const base = `/webhooks/${escapePointer(name)}${method === undefined ? "" : `/${method}`}`;
    return `webhook \`${name}\`${describeInner(document, base, method !== undefined && HTTP_METHODS.has(method) ? inner : rest)}`;
  }
  if (section === "components" && name !== undefined && rest.length > 0) {
    const [componentName, ...inner] = rest;
    const kind =
      {
        schemas: "schema",
        parameters: "parameter",
        responses: "response",
        headers: "header",
        securitySchemes: "security scheme",
        requestBodies: "request body",
      }[name] ?? name;
    if (name === "schemas") return `\`${schemaPath(componentName!, inner)}\``;
    return `${kind} \`${componentName}\`${describeInner(document, `/components/${name}/${escapePointer(componentName!)}`, inner)}`;
  }
  return `\`${pointer}\``;
}

function describeInner(document: Node, base: string, inner: string[]): string {
  if (inner.length === 0) return "";
  const [first, second, ...rest] = inner;
  if (first === "parameters" && second !== undefined) {
    const parameter = resolvePointer(document, targetOf(resolvePointer(document, `${base}/parameters/${second}`), `${base}/parameters/${second}`)) as
      | Node
      | undefined;
    return `, parameter \`${String(parameter?.name ?? second)}\``;
  }
  if (first === "requestBody") return ", request body";
  if (first === "responses" && second !== undefined) return `, response ${second}${rest[0] === "headers" && rest[1] ? `, header \`${rest[1]}\`` : ""}`;
  if (first?.startsWith("x-")) return ", who may call it";
  return `, \`${inner.join("/")}\``;
}

/** `Subscription` + `properties/usage/properties/overageUnitPrice` → `Subscription.usage.overageUnitPrice`; array items as `[]`. */
function schemaPath(schema: string, inner: string[]): string {
  const names = [schema];
  for (let index = 0; index < inner.length; index++) {
    const segment = inner[index]!;
    if ((segment === "properties" || segment === "patternProperties") && inner[index + 1] !== undefined) names.push(inner[++index]!);
    else if (segment === "items") names[names.length - 1] += "[]";
    else if (segment === "additionalProperties") names.push("*");
    else names.push(segment);
  }
  return names.join(".");
}

/** Every note of `document`, where it sits, in document order (nothing is changed). */
export function collectNotes(document: Node): Omit<Note, "shownAt" | "location">[] {
  const notes: Omit<Note, "shownAt" | "location">[] = [];
  const visit = (node: unknown, pointer: string) => {
    if (Array.isArray(node)) {
      for (const [index, item] of node.entries()) visit(item, `${pointer}/${index}`);
      return;
    }
    if (!isNode(node)) return;
    for (const key of Object.keys(NOTE_LABELS) as NoteKey[]) {
      const text = node[key];
      if (typeof text === "string" && text.trim() !== "") notes.push({ key, text: text.trim(), pointer });
    }
    for (const [key, value] of Object.entries(node)) {
      if (!(key in NOTE_LABELS) && !DATA_KEYS.has(key)) visit(value, `${pointer}/${escapePointer(key)}`);
    }
  };
  visit(document, "");
  return notes;
}

/** Where a note is shown inline, and under which label. */
function hostsOf(document: Node, pointer: string, bodies: Map<string, string[]>): { hosts: string[]; context?: string } {
  const body = bodies.get(pointer);
  if (body) return { hosts: body };
  // Inside an extension: the nearest node above it that is not part of one.
  const segments = pointer.split("/").slice(1);
  const extension = segments.findIndex((segment) => segment.startsWith("x-"));
  if (extension === -1) return { hosts: [pointer] };
  const host = `/${segments.slice(0, extension).join("/")}`;
  const name = unescapePointer(segments[extension]!);
  const value = resolvePointer(document, `${host}/${segments[extension]}`);
  const describe = EXTENSION_CONTEXT[name];
  return { hosts: [host === "/" ? "" : host], context: describe && isNode(value) ? describe(value) : name };
}

/** A register section: every note of one kind, grouped by text, with every place it applies to. */
function registerMarkdown(key: NoteKey, notes: Note[]): string {
  const byText = new Map<string, string[]>();
  for (const note of notes.filter((candidate) => candidate.key === key)) byText.set(note.text, [...(byText.get(note.text) ?? []), note.location]);
  const items = [...byText].map(
    ([text, locations]) => `- ${noteMarkdown(text).replace(/\s*\n\s*/g, " ")}\n\n  *About:* ${[...new Set(locations)].join("; ")}.`,
  );
  return `${REGISTER_INTROS[key]}\n\n${items.length > 0 ? items.join("\n\n") : "None."}\n`;
}

/** Writes every note of `document` into rendered descriptions and the register, in place. */
export function surfaceNotes(document: Node): Note[] {
  const bodies = bodySchemas(document);
  const shown = new Set<string>();
  const notes: Note[] = collectNotes(document).map((found) => {
    const { hosts, context } = hostsOf(document, found.pointer, bodies);
    const label = context ? `${NOTE_LABELS[found.key]} (${context})` : NOTE_LABELS[found.key];
    for (const hostPointer of hosts) {
      const host = resolvePointer(document, hostPointer);
      // A shared component (a response used by many operations) gets each note once.
      const once = `${hostPointer}\u0000${found.key}\u0000${found.text}`;
      if (!isNode(host) || shown.has(once)) continue;
      shown.add(once);
      const existing = typeof host.description === "string" ? host.description.trimEnd() : "";
      host.description = `${existing === "" ? "" : `${existing}\n\n`}${noteBlockquote(label, found.text)}\n`;
    }
    return { ...found, location: describeLocation(document, found.pointer), shownAt: hosts };
  });
  if (!Array.isArray(document.tags)) document.tags = [];
  const tags = document.tags as Node[];
  for (const key of Object.keys(REGISTER_TAGS) as NoteKey[])
    tags.push({ name: REGISTER_TAGS[key], "x-traitTag": true, description: registerMarkdown(key, notes) });
  return notes;
}
