/**
 * The first step of `npm run build`: each client entry (`specwright/commet`, `/onet`, `/cloudplans`)
 * bundled from the sources into one ESM file under `dist/clients/`, with the code the three share
 * (core: transport, errors, options) in one common chunk, so that an application importing two clients
 * still has one copy of each error class. Unbundled, a cold import of a client loads ~45 small modules
 * (32 ms on the benchmark machine, against 12 ms for the bundle: BENCHMARKS.md §4). openapi-fetch stays
 * an import (a dependency, as the package declares it); the types are tsc's, `dist/src/<api>/index.d.ts`.
 * The mock, the contract runner and the CLI stay unbundled (`dist/src/`): they read files beside them.
 */
import { buildSync } from "esbuild";

const CLIENT_ENTRIES = ["commet", "onet", "cloudplans"] as const;

buildSync({
  entryPoints: Object.fromEntries(CLIENT_ENTRIES.map((entry) => [entry, `src/${entry}/index.ts`])),
  outdir: "dist/clients",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "neutral",
  target: "es2022",
  external: ["openapi-fetch"],
  chunkNames: "shared-[hash]",
  legalComments: "none",
  logLevel: "warning",
});
