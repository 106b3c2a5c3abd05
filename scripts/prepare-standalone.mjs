// The standalone server serves neither .next/static nor public/ by itself: copy them beside it.
import { cpSync, existsSync } from "node:fs";

if (!existsSync(".next/standalone/server.js")) {
  console.error("prepare-standalone: .next/standalone/server.js is missing; run next build first");
  process.exit(1);
}
cpSync(".next/static", ".next/standalone/.next/static", { recursive: true });
if (existsSync("public")) cpSync("public", ".next/standalone/public", { recursive: true });
