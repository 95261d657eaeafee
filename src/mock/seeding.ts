/**
 * Seeded accounts: the generators each vendor's seed set draws its ids, names and amounts from, so that
 * `startMock(api, { seed })` serves an account that no spec example, test or contract case knows.
 */
import { createHmac } from "node:crypto";
import type { ApiName } from "../spec/apis.js";
import { getDocument } from "../spec/document.js";

/**
 * What a seed set calls instead of writing a literal: `seeding.uuid("e6af…")` is that literal when the
 * seed is 0 (today's documented data, exactly) and a value of the same format drawn from the seed
 * otherwise.
 *
 * A value is drawn from (seed, kind, original value), not from a stream of draws: the same original
 * always becomes the same value, so references agree without bookkeeping (a project id in its project
 * and in each of its instances), and adding a record to a seed set leaves every other value as it was.
 */
export interface Seeding {
  /** A version 4 UUID. */
  uuid(original: string): string;
  /**
   * The original's prefix (up to its first `-` or `_`: `org-`, `feat_`, `i-`) and, after it, a random
   * character of the same class for each character (digit, lower or upper case letter; any hex digit
   * when the rest is hexadecimal), so that the id keeps its documented pattern and length.
   */
  prefixedId(original: string): string;
  /**
   * A name of the same shape: each word becomes another word with the same case (`Atelier Lumiere SAS`
   * → `Heron Quartz KDW`), each run of digits other digits, the separators stay; so a hostname-safe name
   * stays hostname-safe and a snake_case code stays snake_case.
   */
  name(original: string): string;
  /** Every label but the top-level domain through `name` (`blog.atelier-lumiere.fr` → `fern.cobalt-heron.fr`). */
  domain(original: string): string;
  /** The local part through `name`, the host through `domain`. */
  email(original: string): string;
  /** An integer in [min, max], different for each original of the same range (a numeric id). */
  integer(original: number, min: number, max: number): number;
  /**
   * An amount in cents in [min, max]. Zero stays zero: what is free is a business rule (a free add-on,
   * an account without credit), not a value to hide.
   */
  cents(original: number, min: number, max: number): number;
}

/** Words for generated names: none is a word of the specs' examples. */
const WORDS = [
  "alder",
  "amber",
  "aspen",
  "basalt",
  "birch",
  "brook",
  "cedar",
  "cobalt",
  "coral",
  "drift",
  "dune",
  "ember",
  "fern",
  "fjord",
  "flint",
  "glade",
  "garnet",
  "grove",
  "hazel",
  "heron",
  "indigo",
  "iris",
  "jasper",
  "juniper",
  "kelp",
  "kestrel",
  "lagoon",
  "larch",
  "lichen",
  "maple",
  "marsh",
  "moss",
  "nectar",
  "nimbus",
  "ochre",
  "onyx",
  "pebble",
  "pine",
  "plume",
  "quartz",
  "quill",
  "raven",
  "reed",
  "ridge",
  "sage",
  "sierra",
  "slate",
  "thistle",
  "tide",
  "tundra",
  "umber",
  "vale",
  "violet",
  "vireo",
  "willow",
  "wren",
  "yarrow",
  "yew",
  "zephyr",
  "zinnia",
] as const;

const DIGITS = "0123456789";
const HEX = "0123456789abcdef";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = LOWER.toUpperCase();

/**
 * Bounds the redraws when a value is taken or is a spec example. The smallest space a seed set draws
 * from (a one-word name: 60 words) is far from full, so 64 misses in a row do not happen by chance:
 * running out means a seed set asks a space for more values than it holds, and it throws.
 */
const MAX_ATTEMPTS = 64;

/** Largest seed: `startMock` and the CLI accept 0 to this. */
const MAX_SEED = Number.MAX_SAFE_INTEGER;

/** Throws a RangeError naming `option` unless `seed` is a non-negative safe integer. */
export function checkSeed(seed: unknown, option = "seed"): number {
  if (typeof seed !== "number" || !Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`${option} must be an integer from 0 to ${MAX_SEED}, not ${typeof seed === "number" ? seed : JSON.stringify(seed)}`);
  }
  return seed;
}

/** The generators for `seed`; values equal to one of `avoid` (the spec's examples) are never drawn. */
export function seeding(seed: number, avoid: ReadonlySet<string> = new Set()): Seeding {
  checkSeed(seed);
  const key = `specwright-seed:${seed}`;
  /** Drawn values by kind and original; the values taken, by kind, for the kinds that must be unique. */
  const drawn = new Map<string, string | number>();
  const taken = new Set<string>();

  /**
   * Integers in [0, n) from HMAC(seed, kind, original, attempt), 32 bits each: the modulo's bias is at
   * most n / 2^32, under 1 in 40,000 for the largest range used (100,000 values).
   */
  function randomSource(kind: string, original: string, attempt: number): (n: number) => number {
    let block = Buffer.alloc(0);
    let offset = 0;
    let counter = 0;
    return (n) => {
      if (offset + 4 > block.length) {
        block = createHmac("sha256", key).update(`${kind}\0${original}\0${attempt}\0${counter++}`).digest();
        offset = 0;
      }
      const value = block.readUInt32BE(offset);
      offset += 4;
      return value % n;
    };
  }

  function draw<T extends string | number>(kind: string, original: T, make: (random: (n: number) => number) => T, unique: boolean): T {
    if (seed === 0) return original;
    const cacheKey = `${kind}\0${original}`;
    const known = drawn.get(cacheKey);
    if (known !== undefined) return known as T;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const value = make(randomSource(kind, String(original), attempt));
      const takenKey = `${kind}\0${value}`;
      if (avoid.has(String(value)) || (unique && taken.has(takenKey))) continue;
      if (unique) taken.add(takenKey);
      drawn.set(cacheKey, value);
      return value;
    }
    throw new Error(`seed ${seed}: no ${kind} value for ${JSON.stringify(original)} after ${MAX_ATTEMPTS} draws`);
  }

  const pick = (alphabet: string, random: (n: number) => number) => alphabet[random(alphabet.length)]!;
  const sameClass = (character: string, random: (n: number) => number, hex: boolean) =>
    hex && /[0-9a-f]/.test(character)
      ? pick(HEX, random)
      : /\d/.test(character)
        ? pick(DIGITS, random)
        : /[a-z]/.test(character)
          ? pick(LOWER, random)
          : /[A-Z]/.test(character)
            ? pick(UPPER, random)
            : character;

  function word(original: string, random: (n: number) => number): string {
    if (/^\d+$/.test(original) || original.length === 1 || /\d/.test(original) || original === original.toUpperCase()) {
      // Digits, initials, acronyms and codes such as `par1`: character by character.
      return [...original].map((character) => sameClass(character, random, false)).join("");
    }
    const chosen = WORDS[random(WORDS.length)]!;
    return /^[A-Z]/.test(original) ? chosen[0]!.toUpperCase() + chosen.slice(1) : chosen;
  }

  const seeding: Seeding = {
    uuid: (original) =>
      draw(
        "uuid",
        original,
        (random) => {
          const hex = Array.from({ length: 32 }, () => pick(HEX, random));
          hex[12] = "4";
          hex[16] = "89ab"[random(4)]!;
          const text = hex.join("");
          return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
        },
        true,
      ),
    prefixedId: (original) =>
      draw(
        "prefixed id",
        original,
        (random) => {
          const prefix = /^[^-_]*[-_]/.exec(original)?.[0] ?? "";
          const rest = original.slice(prefix.length);
          const hex = /^[0-9a-f]+$/.test(rest);
          return prefix + [...rest].map((character) => sameClass(character, random, hex)).join("");
        },
        true,
      ),
    // Nothing to draw in a name without letters or digits (an empty company name stays empty).
    name: (original) =>
      /[A-Za-z0-9]/.test(original)
        ? draw(
            "name",
            original,
            (random) =>
              original
                .split(/([^A-Za-z0-9]+)/)
                .map((part, index) => (index % 2 === 1 || part === "" ? part : word(part, random)))
                .join(""),
            true,
          )
        : original,
    domain: (original) => {
      const labels = original.split(".");
      return [...labels.slice(0, -1).map((label) => seeding.name(label)), labels.at(-1)!].join(".");
    },
    email: (original) => {
      const at = original.lastIndexOf("@");
      return `${seeding.name(original.slice(0, at))}@${seeding.domain(original.slice(at + 1))}`;
    },
    integer: (original, min, max) => draw(`integer ${min}-${max}`, original, (random) => min + random(max - min + 1), true),
    cents: (original, min, max) => (original === 0 ? 0 : draw(`cents ${min}-${max}`, original, (random) => min + random(max - min + 1), false)),
  };
  return seeding;
}

const examplesByApi = new Map<ApiName, ReadonlySet<string>>();

/** Every string and number an `example` or `examples` of the API's spec shows, as text: what a seeded account must never hold. */
export function specExamples(api: ApiName): ReadonlySet<string> {
  const examples = examplesByApi.get(api);
  if (examples) return examples;
  const found = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === "string" || typeof value === "number") found.add(String(value));
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value !== null && typeof value === "object") Object.values(value).forEach(collect);
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const [name, value] of Object.entries(node)) {
      if (name === "example") collect(value);
      // Media type examples are Example Objects ({ value }); schema examples are a plain array.
      else if (name === "examples")
        collect(Array.isArray(value) ? value : Object.values(value as object).map((example: { value?: unknown }) => example?.value));
      else walk(value);
    }
  };
  walk(getDocument(api));
  examplesByApi.set(api, found);
  return found;
}
