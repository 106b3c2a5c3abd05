import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

// Runs as root only: the lab creates network namespaces and starts corosync (see lab/README.md).
export default defineConfig({
  resolve: {
    alias: { "@": root },
  },
  test: {
    root,
    include: ["lab/**/*.test.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    fileParallelism: false,
    pool: "forks",
  },
});
