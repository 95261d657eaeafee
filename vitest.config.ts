import { defineConfig } from "vitest/config";

// CI asks for a JSON report too (.ci/run reads its counts for the closing line).
const ciReport = process.env.SPECWRIGHT_CI_REPORT;

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Contract runs start dredd in-process; give them room on a 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 30_000,
    ...(ciReport ? { reporters: ["default", "json"], outputFile: { json: ciReport } } : {}),
  },
});
