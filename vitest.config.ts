import { defineConfig } from "vitest/config";

// CI asks for a JSON report too (.ci/run reads its counts for the closing line).
const ciReport = process.env.SPECWRIGHT_CI_REPORT;

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Hang guards, not speed goals (those live in bench/). Contract runs start dredd in-process, and on
    // a 2-core CI machine busy with other work a CLI run took over 120 s where it takes 11 s idle.
    testTimeout: 300_000,
    // Vitest's default on 2 cores is one worker, which runs the files one after another; most files spend
    // their time waiting on servers and child processes, so three workers keep both cores busy.
    maxWorkers: 3,
    hookTimeout: 120_000,
    ...(ciReport ? { reporters: ["default", "json"], outputFile: { json: ciReport } } : {}),
  },
});
