import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    globalSetup: ["tests/globalSetup.ts"],
    // Each file gets its own SQLite files and server; a couple of files at a time fits two cores.
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
