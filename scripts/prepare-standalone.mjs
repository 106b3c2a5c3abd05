// The standalone server serves neither .next/static nor public/ by itself: copy them beside it.
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";

const serverFile = ".next/standalone/server.js";
if (!existsSync(serverFile)) {
  console.error("prepare-standalone: .next/standalone/server.js is missing; run next build first");
  process.exit(1);
}
cpSync(".next/static", ".next/standalone/.next/static", { recursive: true });
if (existsSync("public")) cpSync("public", ".next/standalone/public", { recursive: true });

// Next's server listens on every interface unless HOSTNAME is set. Ours listens on loopback unless
// the config's listenHost (or HOSTNAME) names another address.
const stock = "const hostname = process.env.HOSTNAME || '0.0.0.0'";
const ours = `const hostname = (() => {
  try {
    const file = process.env.TIEBREAKER_CONFIG
    const host = file ? JSON.parse(require('node:fs').readFileSync(file, 'utf8')).listenHost : undefined
    if (typeof host === 'string' && host !== '') return host
  } catch {}
  return process.env.HOSTNAME || '127.0.0.1'
})()`;
const text = readFileSync(serverFile, "utf8");
if (!text.includes(ours)) {
  if (!text.includes(stock)) {
    console.error(`prepare-standalone: ${serverFile} no longer reads HOSTNAME as expected`);
    process.exit(1);
  }
  writeFileSync(serverFile, text.replace(stock, ours));
}
