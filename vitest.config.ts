import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // server-only throws outside a React Server environment; unit tests run the modules directly.
      "server-only": path.resolve(import.meta.dirname, "lib/testing/server-only-noop.ts"),
    },
  },
  test: {
    include: [
      "lib/**/*.test.ts",
      "agent/**/*.test.ts",
      "scenarios/**/*.test.ts",
      "scripts/**/*.test.ts",
      "components/**/*.test.ts",
      "demo/**/*.test.ts",
    ],
    environment: "node",
    globalSetup: ["lib/testing/build-agent.ts"],
    testTimeout: 30_000,
    pool: "forks",
  },
});
