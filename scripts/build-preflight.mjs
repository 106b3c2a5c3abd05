// Bundles lib/config/preflight.ts beside the standalone server and imports it first (ES modules
// run their imports in order), so the config is checked before Next's server prints "Ready".
import { build } from "esbuild";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const serverFile = path.join(root, ".next/standalone/server.js");
if (!existsSync(serverFile)) {
  console.error("build-preflight: .next/standalone/server.js is missing; run next build first");
  process.exit(1);
}
await build({
  entryPoints: [path.join(root, "lib/config/preflight.ts")],
  outfile: path.join(root, ".next/standalone/tiebreaker-preflight.cjs"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  alias: { "server-only": path.join(root, "lib/testing/server-only-noop.ts") },
  logLevel: "warning",
});
const line = 'import "./tiebreaker-preflight.cjs";\n';
const text = readFileSync(serverFile, "utf8");
if (!text.includes(line)) writeFileSync(serverFile, line + text);
