// Packs what `npm run build` and `node agent/build.mjs` made into dist/: the standalone server
// (with .next/static and public/ beside it) as one tarball, the agent bundle with its systemd unit,
// and SHA256SUMS over all of them, in `sha256sum -c` format.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

const { version } = JSON.parse(readFileSync("package.json", "utf8"));
const standalone = ".next/standalone";
const agent = "agent/dist/tiebreaker-agent.cjs";
for (const [file, how] of [
  [`${standalone}/server.js`, "npm run build"],
  [`${standalone}/.next/static`, "npm run build"],
  [agent, "node agent/build.mjs"],
]) {
  if (!existsSync(file)) {
    console.error(`package: ${file} is missing; run ${how} first`);
    process.exit(1);
  }
}

const out = "dist";
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
const server = `tiebreaker-server-${version}`;
// Sorted names, numeric root owner and one fixed time: the same build gives the same tarball.
execFileSync("tar", [
  "--create",
  "--gzip",
  `--file=${path.join(out, `${server}.tar.gz`)}`,
  "--sort=name",
  "--owner=0",
  "--group=0",
  "--numeric-owner",
  "--mtime=2026-01-01 00:00Z",
  `--transform=s,^\\.,${server},`,
  `--directory=${standalone}`,
  ".",
]);
copyFileSync(agent, path.join(out, `tiebreaker-agent-${version}.cjs`));
copyFileSync("agent/tiebreaker-agent.service", path.join(out, "tiebreaker-agent.service"));

const files = readdirSync(out).sort();
const sums = files.map((name) => {
  const hash = createHash("sha256")
    .update(readFileSync(path.join(out, name)))
    .digest("hex");
  return `${hash}  ${name}\n`;
});
writeFileSync(path.join(out, "SHA256SUMS"), sums.join(""));
for (const line of sums) process.stdout.write(line);
