import { defineConfig } from "vitest/config";

// CI asks for a JSON report too (.ci/run reads its counts for the closing line).
const ciReport = process.env.SPECWRIGHT_CI_REPORT;

export default defineConfig(({ mode }) => ({
  test: {
    include: ["test/**/*.test.ts"],
    // Hang guards, not speed goals (those live in bench/ and BENCHMARKS.md). Contract runs start dredd
    // in-process, and a 2-core CI machine busy with other work can be many times slower than an idle one.
    testTimeout: 300_000,
    hookTimeout: 120_000,
    // Vitest's default on 2 cores is one worker, which runs the files one after another, waiting while a
    // file's CLI runs and servers work. Two workers keep both cores busy (the CLI runs are processes of
    // their own); a third only adds a third copy of every module and warm-up: test/cli and test/contract
    // took 61 s with two, 65 s with three and 69 s with four, on this 2-core machine under other load.
    maxWorkers: 2,
    // A worker runs its files one after another in one module graph: the mocks, the specs and their
    // compiled validators load once per worker, not once per file (which cost the unit, mock and spec
    // tests two thirds of their CPU time). No file depends on a fresh graph: each starts and closes its
    // own servers, restores the timers and globals it fakes, and CLI runs are child processes.
    isolate: false,
    // `npm run test:full` (and CI, with SPECWRIGHT_TEST_FULL=1): the exhaustive runs as well; see
    // test/helpers/exhaustive.ts for what the default leaves to them.
    provide: { exhaustive: mode === "full" || process.env.SPECWRIGHT_TEST_FULL === "1" },
    ...(ciReport ? { reporters: ["default", "json"], outputFile: { json: ciReport } } : {}),
  },
}));
