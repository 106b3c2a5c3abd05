import { build } from "esbuild";
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * zod's classic API carries every locale (about three quarters of its size); the agent's messages
 * are English, and the code V8 keeps for the rest was a fifth of the agent's resident memory.
 */
const zodEnglishOnly = {
  name: "zod-english-only",
  setup(on) {
    on.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: path.join(root, "node_modules/zod/v4/locales"),
    }));
  },
};

const outfile = path.join(root, "agent/dist/tiebreaker-agent.cjs");

// One self-contained file: a Proxmox node runs it with the distribution's node, no node_modules.
const result = await build({
  entryPoints: [path.join(root, "agent/main.ts")],
  outfile,
  write: false,
  bundle: true,
  platform: "node",
  target: "node18",
  format: "cjs",
  minify: false,
  sourcemap: false,
  legalComments: "none",
  banner: { js: "#!/usr/bin/env node\n// SPDX-License-Identifier: AGPL-3.0-or-later" },
  logLevel: "warning",
  plugins: [zodEnglishOnly],
});

// Written beside and renamed into place, so that a process starting the agent while it is being
// rebuilt runs the old file or the new one, never half of one.
const partial = `${outfile}.${process.pid}.partial`;
mkdirSync(path.dirname(outfile), { recursive: true });
writeFileSync(partial, result.outputFiles[0].contents);
renameSync(partial, outfile);
