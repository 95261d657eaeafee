// A consumer of all three clients, as an application would write it: `bench/typecheck.ts` runs
// `tsc --noEmit -p bench/consumer/tsconfig.json` on it, resolving `specwright/*` through the package's
// `exports` map to `dist/` (a package may import itself by name). One file per client, so that the
// benchmark can also check each alone.
export * from "./commet.js";
export * from "./onet.js";
export * from "./cloudplans.js";
