import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Tests that spawn the bot run dist/ (what `npm start` runs): build it first when stale.
    globalSetup: ["tests/support/build.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
