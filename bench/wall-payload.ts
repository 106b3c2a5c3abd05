// Prints the size of the /api/wall answer for scenarios, through the same evaluation path as the
// server: raw bytes and gzip.
//
//     npx tsx bench/wall-payload.ts linstor-16-node-200-resources healthy-3-node
import path from "node:path";
import { gzipSync } from "node:zlib";
import { toWallModel } from "@/lib/surfaces/wall";
import { evaluateScenario } from "@/replay/evaluate-scenario";

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  for (const name of names.length > 0 ? names : ["linstor-16-node-200-resources"]) {
    const view = await evaluateScenario(path.resolve("scenarios", name));
    const body = JSON.stringify({ pending: false, ...toWallModel(view, null) });
    console.log(
      `${name}: ${view.snapshot.nodes.length} nodes, ${Buffer.byteLength(body)} bytes, ` +
        `${gzipSync(body).length} gzip`,
    );
  }
}

void main();
