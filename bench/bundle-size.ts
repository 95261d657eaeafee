/**
 * Minified + gzipped size of each entry point as a bundler would ship it: esbuild bundles the built
 * entry (`dist/`, through the package's `exports` map) with everything it imports, minifies it, and
 * the result is gzipped (level 9). `@commet/node` and bare openapi-fetch are measured the same way.
 * For the client entries, a profile: minified bytes per input file, and the gzip bytes each part adds
 * where it stands in the bundle (the source map says which output ranges come from which input; the
 * gzip size of the output up to the end of a range, minus up to its start, is that range's share, so
 * the shares add up to the whole).
 */
import { relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { ROOT } from "./lib/processes.js";

export interface BundleSize {
  entry: string;
  /** What was bundled: `export * from <file>`. */
  source: string;
  minBytes: number;
  gzipBytes: number;
  /** Whether the bundle also builds for the browser (no Node built-ins). */
  browser: boolean;
}

export interface BundleProfile {
  entry: string;
  /** Minified bytes in the output per input file, largest first. */
  inputs: { input: string; bytes: number }[];
  /** Gzip bytes attributed to each part of the code (they add up to the bundle's gzip size). */
  gzipByPart: { part: string; minBytes: number; gzipBytes: number }[];
  /** A consumer that imports only the factory (tree-shaken): what most apps pay. */
  factoryOnly: BundleConsumer;
  /** Client entries: a consumer that imports the factory and `unwrap` (tree-shaken), the other figure the goal names. */
  factoryAndUnwrap?: BundleConsumer;
}

/** What an app that imports some names of an entry bundles (tree-shaken), and the gzip bytes of each part of it. */
export interface BundleConsumer {
  import: string;
  minBytes: number;
  gzipBytes: number;
  gzipByPart: { part: string; minBytes: number; gzipBytes: number }[];
}

/** What no client over openapi-fetch with specwright's transport can go below. */
export interface BundleFloor {
  what: string;
  gzipBytes: number;
  /** The same bundle with the contents of every string literal emptied: no message trimming beats it. */
  gzipBytesWithoutStrings: number;
}

export interface BundleSizeResult {
  command: string;
  sizes: BundleSize[];
  profiles: BundleProfile[];
  floors: BundleFloor[];
}

// The modules tsc built for the entry: the same code as the shipped client bundles (dist/clients/,
// which export the same names: package-check), but module by module, so that a profile can name each.
const entryFile = (entry: string) => resolve(ROOT, `dist/src/${entry}/index.js`);

interface Built {
  code: Uint8Array;
  metafile: Metafile;
  /** Present when asked for: the bundle's source map (v3). */
  map?: { sources: string[]; mappings: string };
}

async function bundle(contents: string, platform: "node" | "browser", sourcemap = false): Promise<Built> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, loader: "js", sourcefile: "entry.js" },
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    platform,
    write: false,
    metafile: true,
    logLevel: "silent",
    sourcemap: sourcemap ? "external" : false,
    outfile: "bundle.js",
  });
  const code = result.outputFiles.find((file) => file.path.endsWith(".js"))!.contents;
  const map = result.outputFiles.find((file) => file.path.endsWith(".map"));
  return { code, metafile: result.metafile, ...(map ? { map: JSON.parse(map.text) as Built["map"] } : {}) };
}

const gzipSize = (code: Uint8Array) => gzipSync(code, { level: 9 }).length;

async function measure(entry: string, contents: string, source: string): Promise<BundleSize> {
  const { code } = await bundle(contents, "node");
  const browser = await bundle(contents, "browser").then(
    () => true,
    () => false,
  );
  return { entry, source, minBytes: code.length, gzipBytes: gzipSize(code), browser };
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** The source index of every mapping of a v3 source map, as [line, column, source] in output order. */
function decodeMappings(mappings: string): [number, number, number][] {
  const result: [number, number, number][] = [];
  let source = 0;
  mappings.split(";").forEach((line, lineIndex) => {
    let column = 0;
    for (const segment of line.split(",")) {
      if (segment === "") continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of segment) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) {
          shift += 5;
        } else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0]!;
      if (values.length >= 4) {
        source += values[1]!;
        result.push([lineIndex, column, source]);
      }
    }
  });
  return result;
}

/**
 * Splits the bundle into runs of output from one input each and gives every run the gzip bytes it adds
 * after what precedes it. esbuild's minified output mixes only a few lines of glue between modules.
 */
function gzipShares(code: Uint8Array, map: NonNullable<Built["map"]>): Map<string, { minBytes: number; gzipBytes: number }> {
  const text = Buffer.from(code).toString("utf8");
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === "\n") lineStarts.push(index + 1);
  const runs: { start: number; source: string }[] = [];
  for (const [line, column, source] of decodeMappings(map.mappings)) {
    const name = map.sources[source] ?? "(glue)";
    const start = lineStarts[line]! + column;
    if (runs.at(-1)?.source !== name) runs.push({ start, source: name });
  }
  const shares = new Map<string, { minBytes: number; gzipBytes: number }>();
  let previousGzip = 0;
  runs.forEach((run, index) => {
    const end = index + 1 < runs.length ? runs[index + 1]!.start : text.length;
    const upTo = gzipSync(Buffer.from(text.slice(0, end)), { level: 9 }).length;
    const share = shares.get(run.source) ?? { minBytes: 0, gzipBytes: 0 };
    share.minBytes += Buffer.byteLength(text.slice(run.start, end));
    share.gzipBytes += upTo - previousGzip;
    shares.set(run.source, share);
    previousGzip = upTo;
  });
  return shares;
}

type Parts = { part: string; pattern: RegExp }[];

/** The parts of a client entry, by path. */
const CLIENT_PARTS: Parts = [
  { part: "openapi-fetch", pattern: /node_modules[\\/]openapi-fetch[\\/]/ },
  {
    part: "core: transport, buffered response, retry policy, Retry-After, backoff, sleep",
    pattern: /dist[\\/]src[\\/]core[\\/](transport|buffered-response|sleep|retry[\\/][^\\/]+)\.js$/,
  },
  { part: "core: option validation (options, policy-options)", pattern: /dist[\\/]src[\\/]core[\\/](options|policy-options)\.js$/ },
  { part: "core: error classes", pattern: /dist[\\/]src[\\/]core[\\/]errors[\\/][^\\/]+\.js$/ },
  { part: "core: credential redaction (redact)", pattern: /dist[\\/]src[\\/]core[\\/]redact\.js$/ },
  { part: "core: client factory, exchange, idempotency, paths", pattern: /dist[\\/]src[\\/]core[\\/](client|exchange|idempotency|paths)\.js$/ },
  { part: "core: paginate, unwrap, vendor profile", pattern: /dist[\\/]src[\\/]core[\\/](paginate|paginate-list|unwrap|vendor)\.js$/ },
  { part: "generated GET index (generated/<api>/get-operations.ts)", pattern: /dist[\\/]generated[\\/][^\\/]+[\\/]get-operations\.js$/ },
  { part: "vendor facade (src/<vendor>/)", pattern: /dist[\\/]src[\\/](commet|onet|cloudplans)[\\/][^\\/]+\.js$/ },
];

/** The parts of the mock entry, by path. */
const MOCK_PARTS: Parts = [
  { part: "the three dereferenced specs (generated/*/openapi.json)", pattern: /generated[\\/][^\\/]+[\\/]openapi\.json$/ },
  {
    part: "Ajv, ajv-formats and their dependencies",
    pattern: /node_modules[\\/](ajv|ajv-formats|fast-deep-equal|fast-uri|json-schema-traverse|require-from-string|fast-json-stable-stringify)[\\/]/,
  },
  { part: "mock servers (src/mock/)", pattern: /dist[\\/]src[\\/]mock[\\/]/ },
  { part: "spec index and validator (src/spec/)", pattern: /dist[\\/]src[\\/]spec[\\/]/ },
];

async function profile(entry: string, factory: string, parts: Parts): Promise<BundleProfile> {
  const contents = `export * from ${JSON.stringify(entryFile(entry))};`;
  const full = await bundle(contents, "node", true);
  const output = Object.values(full.metafile.outputs).find((info) => info.entryPoint !== undefined || Object.keys(info.inputs).length > 0)!;
  const inputs = Object.entries(output.inputs)
    .map(([input, info]) => ({ input: shortName(input), bytes: info.bytesInOutput }))
    .filter((row) => row.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  const gzipByPart = partsOf(full, parts);
  const consumer = async (names: string[]) => {
    const built = await bundle(`export { ${names.join(", ")} } from ${JSON.stringify(entryFile(entry))};`, "node", true);
    return {
      import: `import { ${names.join(", ")} } from "specwright/${entry}"`,
      minBytes: built.code.length,
      gzipBytes: gzipSize(built.code),
      gzipByPart: partsOf(built, parts),
    };
  };
  return {
    entry,
    inputs,
    gzipByPart,
    factoryOnly: await consumer([factory]),
    ...(parts === CLIENT_PARTS ? { factoryAndUnwrap: await consumer([factory, "unwrap"]) } : {}),
  };
}

/** The gzip bytes of a bundle per part, largest first. */
function partsOf(built: Built, parts: Parts): BundleProfile["gzipByPart"] {
  const byPart = new Map<string, { minBytes: number; gzipBytes: number }>();
  for (const [source, share] of gzipShares(built.code, built.map!)) {
    const part = parts.find(({ pattern }) => pattern.test(source))?.part ?? "other";
    const total = byPart.get(part) ?? { minBytes: 0, gzipBytes: 0 };
    total.minBytes += share.minBytes;
    total.gzipBytes += share.gzipBytes;
    byPart.set(part, total);
  }
  return [...byPart].map(([part, share]) => ({ part, ...share })).sort((a, b) => b.gzipBytes - a.gzipBytes);
}

const shortName = (input: string) => input.replace(/^.*?(node_modules[\\/]|dist[\\/])/, "$1");

/** Empties every "…", '…' and `…` literal of minified code (esbuild emits no regex literal with quotes here). */
const withoutStrings = (code: Uint8Array) =>
  Buffer.from(
    Buffer.from(code)
      .toString("utf8")
      .replace(/`(?:\\.|[^`\\])*`|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'/g, (literal) => literal[0]! + literal[0]!),
  );

async function floor(what: string, contents: string): Promise<BundleFloor> {
  const { code } = await bundle(contents, "node");
  return { what, gzipBytes: gzipSize(code), gzipBytesWithoutStrings: gzipSize(withoutStrings(code)) };
}

export async function benchBundleSize(log: (line: string) => void = console.log): Promise<BundleSizeResult> {
  log("bundle size: esbuild --bundle --minify --format=esm --target=es2022 --platform=node, then gzip -9");
  const sizes: BundleSize[] = [];
  for (const entry of ["commet", "onet", "cloudplans", "mock"]) {
    sizes.push(await measure(`specwright/${entry}`, `export * from ${JSON.stringify(entryFile(entry))};`, relative(ROOT, entryFile(entry))));
  }
  sizes.push(
    await measure("@commet/node", `export * from "@commet/node"; export { default } from "@commet/node";`, "node_modules/@commet/node/dist/index.mjs"),
  );
  sizes.push(await measure("openapi-fetch (createClient only)", `export { default } from "openapi-fetch";`, "node_modules/openapi-fetch/dist/index.mjs"));
  const profiles = [
    await profile("commet", "createCommetClient", CLIENT_PARTS),
    await profile("onet", "createOnetClient", CLIENT_PARTS),
    await profile("cloudplans", "createCloudPlansClient", CLIENT_PARTS),
    await profile("mock", "startMock", MOCK_PARTS),
  ];
  const transport = JSON.stringify(resolve(ROOT, "dist/src/core/transport.js"));
  const floors = [
    await floor(
      "openapi-fetch + specwright's transport (timeouts, retries), nothing else",
      `export { default } from "openapi-fetch"; export { createTransport } from ${transport};`,
    ),
    await floor("specwright/commet", `export * from ${JSON.stringify(entryFile("commet"))};`),
  ];
  return { command: "npx tsx bench/run.ts --only bundle", sizes, profiles, floors };
}
