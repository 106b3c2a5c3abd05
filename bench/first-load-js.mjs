// Prints the first-load JavaScript of app routes from the last `npm run build`: the chunks
// .next/diagnostics/route-bundle-stats.json lists for each route, raw and gzip (zlib's default
// level, as a compressing proxy or Next's own compression sends them).
//
//     node bench/first-load-js.mjs /wall /
//     node bench/first-load-js.mjs --all      (every page; also writes bench/results/first-load-js.json)
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const stats = JSON.parse(readFileSync(".next/diagnostics/route-bundle-stats.json", "utf8"));
const all = process.argv.includes("--all");
const routes = all
  ? stats.map((s) => s.route).filter((r) => r !== "/_not-found")
  : process.argv.slice(2);
const results = [];
for (const route of routes.length > 0 ? routes : ["/wall"]) {
  const entry = stats.find((s) => s.route === route);
  if (!entry) {
    console.error(`${route}: not in the build (routes: ${stats.map((s) => s.route).join(", ")})`);
    process.exitCode = 1;
    continue;
  }
  let raw = 0;
  let gzip = 0;
  for (const file of entry.firstLoadChunkPaths) {
    const data = readFileSync(file);
    raw += data.length;
    gzip += gzipSync(data).length;
  }
  results.push({ route, chunks: entry.firstLoadChunkPaths.length, rawBytes: raw, gzipBytes: gzip });
  const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(
    `${route}: ${entry.firstLoadChunkPaths.length} chunks, ${kib(raw)}, gzip ${kib(gzip)}`,
  );
}
if (all) {
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/first-load-js.json", `${JSON.stringify(results, null, 2)}\n`);
}
