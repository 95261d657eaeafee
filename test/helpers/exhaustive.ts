// Whether this is the exhaustive run (`npm run test:full`; CI sets SPECWRIGHT_TEST_FULL=1). The default
// run proves each behaviour once, on the smallest input that shows it; the exhaustive run repeats it
// over every API, seed, reporter or form, and runs the whole contract twice against one server.
// `npm run contract` (part of `npm test`) is where every spec runs in full against a fresh mock.
import { inject } from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    exhaustive: boolean;
  }
}

export const EXHAUSTIVE = inject("exhaustive");

/** All of `cases` in the exhaustive run, the first `count` of them otherwise. */
export function exhaustively<T>(cases: readonly T[], count = 1): T[] {
  return EXHAUSTIVE ? [...cases] : cases.slice(0, count);
}
