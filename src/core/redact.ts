/**
 * Blanks credentials out of text and values before they are shown: the one redaction used by the
 * clients' errors, the contract runner and the CLI. Vendor-neutral and dependency-free (browser-safe).
 */

/** What a redacted credential becomes, everywhere. */
export const REDACTED = "[REDACTED]";

/** Shortest run of a secret that counts as the secret: shorter runs occur in ordinary text by chance. */
export const MIN_SECRET_RUN = 12;

// A "secret" this short would match all over a report while protecting nothing.
const MIN_SECRET_LENGTH = 4;

/** Replaces every form of the secrets it was made for in a text; the identity when there is none. */
export type Redactor = (text: string) => string;

/** The redactor for no secrets at all: returns its text as it is. */
export const noRedaction: Redactor = (text) => text;

// The documented, public start of a vendor key (`ck_live_`, `sk-onetsolutions-`): lower-case words,
// each ending in `-` or `_`. A run inside it is no secret, and would blank out the vendor's own name.
const PUBLIC_PREFIX = /^(?:[a-z]+[-_])+/;

/**
 * The secrets in credential headers: each value without its auth scheme (`Bearer x` gives `x`), so
 * that a redacted header still says `Bearer [REDACTED]`.
 */
export function secretsOfCredentials(credentials: Readonly<Record<string, string>>): string[] {
  return Object.values(credentials).map((value) => value.replace(/^[A-Za-z][\w.-]*\s+/, ""));
}

/**
 * A redactor for `secrets`. A server does not always echo a key as it was sent, so it also catches,
 * in any letter case: any run of at least MIN_SECRET_RUN characters of a secret (a key cut short),
 * its URL encoding, and its base64 encoding (standard or URL-safe, at any alignment inside a longer
 * encoded text). Every such run becomes `[REDACTED]`. The one exception is a run that lies wholly in
 * the key's public prefix (`sk-onetsolutions-`): it holds nothing secret.
 */
export function createRedactor(secrets: readonly string[]): Redactor {
  const kept = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  if (kept.length === 0) return noRedaction;
  // Built on first use: a client makes a redactor when it is created and most never need it.
  let matcher: Matcher | undefined;
  return (text) => {
    if (text.length < MIN_SECRET_LENGTH) return text;
    matcher ??= matcherOf(kept);
    const lower = lowerInPlace(text);
    const spans: [number, number][] = [];
    for (let at = 0; at + MIN_SECRET_RUN <= lower.length; at++) {
      if (matcher.starts[pair(lower, at)] === 1 && matcher.windows.has(lower.slice(at, at + MIN_SECRET_RUN))) spans.push([at, at + MIN_SECRET_RUN]);
    }
    for (const form of matcher.whole) for (let at = lower.indexOf(form); at !== -1; at = lower.indexOf(form, at + 1)) spans.push([at, at + form.length]);
    return spans.length === 0 ? text : blank(text, spans);
  };
}

interface Matcher {
  /** Every MIN_SECRET_RUN-character window of every (lower-cased) form: a run is found through them. */
  windows: Set<string>;
  /** The first two characters of each window, hashed: most positions of a text are ruled out without slicing. */
  starts: Uint8Array;
  /** Every form, matched whole too: a run found only past the public prefix would leave the prefix. */
  whole: string[];
}

function matcherOf(secrets: readonly string[]): Matcher {
  const forms = new Set<string>();
  for (const secret of secrets) for (const form of encodingsOf(secret)) if (form.length >= MIN_SECRET_LENGTH) forms.add(form.toLowerCase());
  const windows = new Set<string>();
  for (const form of forms) for (const window of windowsOf(form)) windows.add(window);
  for (const secret of secrets) for (const window of windowsOf(PUBLIC_PREFIX.exec(secret)?.[0] ?? "")) windows.delete(window);
  const whole = [...forms];
  const starts = new Uint8Array(1 << 16);
  for (const window of windows) starts[pair(window, 0)] = 1;
  return { windows, starts, whole };
}

/** `value` with every string in it (deeply, through arrays and plain objects) redacted; unchanged parts are shared. */
export function redactValue<Value>(value: Value, redact: Redactor): Value {
  if (redact === noRedaction) return value;
  return walk(value, redact, 0) as Value;
}

function walk(value: unknown, redact: Redactor, depth: number): unknown {
  if (typeof value === "string") return redact(value);
  // Deeper than any error body a person reads; a cycle must not hang the error path.
  if (value === null || typeof value !== "object" || depth > 32) return value;
  if (Array.isArray(value)) {
    const items = value.map((item) => walk(item, redact, depth + 1));
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, item]) => {
    const cleanKey = redact(key);
    const cleanItem = walk(item, redact, depth + 1);
    if (cleanKey !== key || cleanItem !== item) changed = true;
    return [cleanKey, cleanItem] as const;
  });
  return changed ? Object.fromEntries(entries) : value;
}

/** The secret as a server may echo it: itself, URL-encoded (both styles) and base64-encoded. */
function encodingsOf(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  return [secret, encoded, encoded.replace(/%20/g, "+"), ...base64Forms(secret)];
}

/**
 * Inside a longer base64 text the secret's bytes may start at any of three offsets of a 3-byte group,
 * and each gives different characters: per offset, the characters that depend on the secret alone.
 */
function base64Forms(secret: string): string[] {
  const bytes = new TextEncoder().encode(secret);
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const total = offset + bytes.length;
    const encoded = btoa(String.fromCharCode(...new Array<number>(offset).fill(0), ...bytes));
    const core = encoded.slice(offset === 0 ? 0 : 4, total % 3 === 0 ? encoded.length : encoded.length - 4);
    forms.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
    if (offset === 0) forms.push(encoded, encoded.replace(/=+$/, ""));
  }
  return forms;
}

function windowsOf(form: string): string[] {
  return Array.from({ length: Math.max(0, form.length - MIN_SECRET_RUN + 1) }, (_, start) => form.slice(start, start + MIN_SECRET_RUN));
}

function pair(text: string, at: number): number {
  return ((text.charCodeAt(at) << 8) ^ text.charCodeAt(at + 1)) & 0xffff;
}

/**
 * Lower case with every character kept at its index. `toLowerCase` can lengthen a string (U+0130
 * becomes two code units), which would shift the spans; then only ASCII letters are folded.
 */
function lowerInPlace(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : text.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/** `text` with the spans replaced, one marker per run of overlapping or touching spans. */
function blank(text: string, spans: [number, number][]): string {
  spans.sort((a, b) => a[0] - b[0]);
  let out = "";
  let cursor = 0;
  for (let index = 0; index < spans.length; ) {
    const from = spans[index]![0];
    let to = spans[index]![1];
    for (index++; index < spans.length && spans[index]![0] <= to; index++) to = Math.max(to, spans[index]![1]);
    out += `${text.slice(cursor, from)}${REDACTED}`;
    cursor = to;
  }
  return out + text.slice(cursor);
}
