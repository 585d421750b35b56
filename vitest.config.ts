import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/globalSetup.ts"],
    // Each file gets its own SQLite files and server; a couple of files at a time fits two cores.
    pool: "forks",
    testTimeout: 30_000,
    // The JSON report is what .ci/run counts passed and failed tests from.
    reporters: ["default", "json"],
    outputFile: { json: ".tmp/vitest-results.json" },
    hookTimeout: 60_000,
  },
});
