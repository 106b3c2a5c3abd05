import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { startLab, type Lab, type LabOptions } from "./lab";
import { runChecked } from "./run";
import { waitQuorum } from "./wait-quorum";

// Usage: npx tsx lab/capture-fixtures.ts   (root; rewrites fixtures/lab/*.txt and its section of fixtures/SOURCES.md)

interface Capture {
  file: string;
  command: string;
  node: string;
  state: string;
  text: string;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const fixturesDir = path.join(root, "fixtures");
const labDir = path.join(fixturesDir, "lab");
const sourcesFile = path.join(fixturesDir, "SOURCES.md");
const sectionBegin = "<!-- lab-fixtures:begin -->";
const sectionEnd = "<!-- lab-fixtures:end -->";

const captures: Capture[] = [];
const timings: string[] = [];

function keep(file: string, node: string, command: string, state: string, text: string): void {
  captures.push({ file, node, command, state, text });
}

async function captureExec(
  lab: Lab,
  file: string,
  node: string,
  cmd: string,
  args: string[],
  state: string,
): Promise<string> {
  const result = await lab.exec(node, cmd, args);
  if (result.stdout === "")
    throw new Error(`${cmd} ${args.join(" ")} on ${node} printed nothing: ${result.stderr}`);
  keep(file, node, [cmd, ...args].join(" "), state, result.stdout);
  return result.stdout;
}

async function withLab(opts: LabOptions, body: (lab: Lab) => Promise<void>): Promise<void> {
  const started = Date.now();
  const lab = await startLab(opts);
  timings.push(
    `startLab ${opts.nodes} nodes${opts.qdevice ? " + qdevice" : ""}: ${Date.now() - started} ms`,
  );
  try {
    await body(lab);
  } finally {
    await lab.teardown();
  }
}

/** Cuts a node and returns the survivor's first changed output plus how long corosync took to show it. */
async function cutAndWait(
  lab: Lab,
  cut: string,
  survivor: string,
  want: Parameters<typeof waitQuorum>[2],
): Promise<string> {
  const started = Date.now();
  await lab.cutLink(cut);
  const text = await waitQuorum(lab, survivor, want);
  timings.push(
    `cut ${cut} -> ${survivor} shows it (${lab.nodes.length} nodes): ${Date.now() - started} ms`,
  );
  return text;
}

async function twoNodesWithoutQdevice(): Promise<void> {
  await withLab({ nodes: 2, qdevice: false }, async (lab) => {
    const qs = "corosync-quorumtool -s";
    keep(
      "quorumtool-s-2node-noqdevice-healthy.txt",
      "pve1",
      qs,
      "2 nodes, no QDevice, healthy: Expected 2, Quorum 2",
      await waitQuorum(lab, "pve1", { quorate: true, nodes: 2 }),
    );
    await captureExec(
      lab,
      "quorumtool-l-2node-noqdevice.txt",
      "pve1",
      "corosync-quorumtool",
      ["-l"],
      "2 nodes, no QDevice, healthy: membership list",
    );
    await captureExec(
      lab,
      "corosync-conf-2node-noqdevice.txt",
      "pve1",
      "cat",
      ["/etc/corosync/corosync.conf"],
      "corosync.conf of a 2-node lab without quorum.device (config_version 1)",
    );

    const survivor = await cutAndWait(lab, "pve2", "pve1", { quorate: false, nodes: 1 });
    keep(
      "quorumtool-s-2node-noqdevice-peer-cut-survivor-not-quorate.txt",
      "pve1",
      qs,
      "2 nodes, no QDevice, pve2's link cut: survivor pve1 not quorate, Activity blocked (the two-node trap)",
      survivor,
    );
    keep(
      "quorumtool-s-2node-noqdevice-cut-node-not-quorate.txt",
      "pve2",
      qs,
      "same moment, seen from the cut-off pve2: also not quorate",
      await waitQuorum(lab, "pve2", { quorate: false, nodes: 1 }),
    );

    await lab.setExpected("pve1", 1);
    keep(
      "quorumtool-s-2node-noqdevice-peer-cut-expected-1-quorate.txt",
      "pve1",
      qs,
      "survivor pve1 after `corosync-quorumtool -e 1` (what `pvecm expected 1` runs): Expected 1, Quorum 1, quorate alone",
      await waitQuorum(lab, "pve1", { quorate: true, nodes: 1, expectedVotes: 1 }),
    );

    await lab.healLink("pve2");
    keep(
      "quorumtool-s-2node-noqdevice-healed-after-expected-1.txt",
      "pve1",
      qs,
      "pve2's link healed after `-e 1`: both members back, expected votes raised again by the rejoin",
      await waitQuorum(lab, "pve1", { quorate: true, nodes: 2, totalVotes: 2 }),
    );

    await lab.enableQdevice();
    await captureExec(
      lab,
      "corosync-conf-2node-qdevice-added.txt",
      "pve1",
      "cat",
      ["/etc/corosync/corosync.conf"],
      "corosync.conf after adding quorum.device to the running 2-node lab (config_version 2, net/ffsplit/tls off, reloaded with corosync-cfgtool -R)",
    );
    keep(
      "quorumtool-s-2node-qdevice-added-to-running-cluster.txt",
      "pve1",
      qs,
      "QDevice added to the running cluster (cfgtool -R, then corosync-qdevice started): Expected 3, A,V,NMW",
      await waitQuorum(lab, "pve1", {
        quorate: true,
        nodes: 2,
        totalVotes: 3,
        qdeviceFlags: "A,V,NMW",
      }),
    );
  });
}

async function twoNodesWithQdevice(): Promise<void> {
  await withLab({ nodes: 2, qdevice: true }, async (lab) => {
    const qs = "corosync-quorumtool -s";
    const connected = { quorate: true, nodes: 2, totalVotes: 3, qdeviceFlags: "A,V,NMW" };
    for (const node of ["pve1", "pve2"]) {
      keep(
        `quorumtool-s-2node-qdevice-connected-${node}.txt`,
        node,
        qs,
        `2 nodes + QDevice connected, seen from ${node}: Expected 3, Quorum 2, Flags Quorate Qdevice, members A,V,NMW`,
        await waitQuorum(lab, node, connected),
      );
    }
    await captureExec(
      lab,
      "quorumtool-siH-2node-qdevice-connected-pvecm-status.txt",
      "pve1",
      "corosync-quorumtool",
      ["-siH"],
      "2 nodes + QDevice connected, the form `pvecm status` prints (hex node ids, addresses)",
    );
    await captureExec(
      lab,
      "quorumtool-l-2node-qdevice-connected.txt",
      "pve1",
      "corosync-quorumtool",
      ["-l"],
      "2 nodes + QDevice connected: membership list",
    );
    await captureExec(
      lab,
      "qdevice-tool-sv-connected.txt",
      "pve1",
      "corosync-qdevice-tool",
      ["-sv"],
      "2 nodes + QDevice, connected to qnetd and casting its vote",
    );
    await captureExec(
      lab,
      "corosync-conf-2node-qdevice.txt",
      "pve1",
      "cat",
      ["/etc/corosync/corosync.conf"],
      "corosync.conf of a 2-node lab started with quorum.device (net, ffsplit, votes 1, tls off)",
    );

    const survivor = await cutAndWait(lab, "pve2", "pve1", {
      quorate: true,
      nodes: 1,
      totalVotes: 2,
    });
    keep(
      "quorumtool-s-2node-qdevice-peer-cut-quorate-no-margin.txt",
      "pve1",
      qs,
      "2 nodes + QDevice, pve2's link cut: survivor pve1 quorate with its vote and the QDevice's (2 of 3, no margin left)",
      survivor,
    );
    keep(
      "quorumtool-s-2node-qdevice-cut-node-not-quorate.txt",
      "pve2",
      qs,
      "same moment, seen from the cut-off pve2 (it lost qnetd too): not quorate",
      await waitQuorum(lab, "pve2", { quorate: false, nodes: 1 }),
    );
    await captureExec(
      lab,
      "qdevice-tool-sv-peer-cut-survivor.txt",
      "pve1",
      "corosync-qdevice-tool",
      ["-sv"],
      "survivor pve1 with pve2 cut: qdevice connected, casting its vote for pve1's partition",
    );

    await lab.healLink("pve2");
    keep(
      "quorumtool-s-2node-qdevice-healed.txt",
      "pve1",
      qs,
      "pve2's link healed: back to 3 of 3 votes, A,V,NMW",
      await waitQuorum(lab, "pve1", connected),
    );

    await lab.stopQnetd();
    keep(
      "quorumtool-s-2node-qdevice-qnetd-down.txt",
      "pve1",
      qs,
      "qnetd stopped, both nodes up: members A,NV,NMW, Qdevice row 0 votes (votes 1), quorate with 2 of 3",
      await waitQuorum(lab, "pve1", { quorate: true, nodes: 2, qdeviceFlags: "A,NV,NMW" }),
    );
    let tool = "";
    await lab.waitFor(
      async () =>
        !/^State:\s+Connected$/m.test(
          (tool = (await lab.exec("pve1", "corosync-qdevice-tool", ["-sv"])).stdout),
        ),
      { timeoutMs: 30_000, what: "qdevice to leave the Connected state" },
    );
    keep(
      "qdevice-tool-sv-qnetd-down.txt",
      "pve1",
      "corosync-qdevice-tool -sv",
      "qnetd stopped, both nodes up: qdevice no longer connected",
      tool,
    );

    await lab.cutLink("pve2");
    keep(
      "quorumtool-s-2node-qdevice-qnetd-down-peer-cut-not-quorate.txt",
      "pve1",
      qs,
      "qnetd stopped and pve2's link cut: survivor pve1 not quorate (1 of 3), Activity blocked",
      await waitQuorum(lab, "pve1", { quorate: false, nodes: 1 }),
    );
    await lab.setExpected("pve1", 1);
    keep(
      "quorumtool-s-2node-qdevice-qnetd-down-peer-cut-expected-1.txt",
      "pve1",
      qs,
      "same survivor after `corosync-quorumtool -e 1` with quorum.device configured: expected votes only drop to 2, still not quorate",
      await waitQuorum(lab, "pve1", { quorate: false, nodes: 1, expectedVotes: 2 }),
    );

    await lab.healLink("pve2");
    await lab.startQnetd();
    keep(
      "quorumtool-s-2node-qdevice-healed-qnetd-back.txt",
      "pve1",
      qs,
      "pve2 healed and qnetd restarted after the `-e 1`: 3 of 3 votes again, A,V,NMW",
      await waitQuorum(lab, "pve1", connected),
    );
  });
}

async function threeNodes(): Promise<void> {
  await withLab({ nodes: 3, qdevice: false }, async (lab) => {
    const qs = "corosync-quorumtool -s";
    keep(
      "quorumtool-s-3node-healthy.txt",
      "pve1",
      qs,
      "3 nodes, no QDevice, healthy: Expected 3, Quorum 2",
      await waitQuorum(lab, "pve1", { quorate: true, nodes: 3 }),
    );
    await captureExec(
      lab,
      "corosync-conf-3node-noqdevice.txt",
      "pve1",
      "cat",
      ["/etc/corosync/corosync.conf"],
      "corosync.conf of a 3-node lab without quorum.device",
    );
    const survivor = await cutAndWait(lab, "pve3", "pve1", { quorate: true, nodes: 2 });
    keep(
      "quorumtool-s-3node-one-cut-quorate-no-margin.txt",
      "pve1",
      qs,
      "3 nodes, pve3's link cut, seen from pve1: quorate with 2 of 3 (one more loss loses quorum)",
      survivor,
    );
    keep(
      "quorumtool-s-3node-cut-node-not-quorate.txt",
      "pve3",
      qs,
      "same moment, seen from the cut-off pve3: not quorate",
      await waitQuorum(lab, "pve3", { quorate: false, nodes: 1 }),
    );
  });
}

async function threeNodesWithQdevice(): Promise<void> {
  await withLab({ nodes: 3, qdevice: true }, async (lab) => {
    keep(
      "quorumtool-s-3node-qdevice-lms-healthy.txt",
      "pve1",
      "corosync-quorumtool -s",
      "3 nodes + QDevice with algorithm lms (odd node count, votes key left out): QDevice holds 2 votes, Expected 5",
      await waitQuorum(lab, "pve1", { quorate: true, nodes: 3, totalVotes: 5 }),
    );
    await captureExec(
      lab,
      "corosync-conf-3node-qdevice-lms.txt",
      "pve1",
      "cat",
      ["/etc/corosync/corosync.conf"],
      "corosync.conf of a 3-node lab with quorum.device, algorithm lms, no votes key",
    );
  });
}

interface Versions {
  /** Every package the lab runs, for the section header. */
  all: string;
  /** corosync and corosync-qdevice, repeated on each entry. */
  short: string;
}

async function versions(): Promise<Versions> {
  const packages = ["corosync", "corosync-qdevice", "corosync-qnetd", "libknet1"];
  const out = await runChecked("dpkg-query", ["-W", "-f", "${Package} ${Version}\\n", ...packages]);
  const lines = out.trim().split("\n");
  return { all: lines.join(", "), short: lines.slice(0, 2).join(", ") };
}

function sourcesSection(v: Versions, date: string): string {
  const lines = [
    sectionBegin,
    "## lab",
    "",
    "Real output of a corosync cluster run by `lab/` on one Linux host: one network namespace per node",
    "(pve1..pve3 at 172.31.213.1-3, cluster name `lab`), knet transport, crypto none, no two_node,",
    "qnetd at 172.31.213.100 (`corosync-qnetd -s off`), QDevice model net with tls off. Written by",
    "`npx tsx lab/capture-fixtures.ts`; each file is the tool's stdout, byte for byte.",
    "",
    `Captured ${date} with ${v.all}.`,
    "",
    "Each entry: `file | command (node it ran on) | lab state | versions; date`.",
    "",
    ...captures.map(
      (c) => `- lab/${c.file} | \`${c.command}\` (${c.node}) | ${c.state} | ${v.short}; ${date}`,
    ),
    sectionEnd,
  ];
  return `${lines.join("\n")}\n`;
}

function writeSources(section: string): void {
  let current = "";
  try {
    current = readFileSync(sourcesFile, "utf8");
  } catch {
    current = "# Fixtures: sources\n\nWhere each file under fixtures/ comes from.\n\n";
  }
  const begin = current.indexOf(sectionBegin);
  const end = current.indexOf(sectionEnd);
  const next =
    begin !== -1 && end > begin
      ? current.slice(0, begin) + section + current.slice(end + sectionEnd.length + 1)
      : `${current.replace(/\n*$/, "\n\n")}${section}`;
  writeFileSync(sourcesFile, next);
}

function writeFixtures(): void {
  mkdirSync(labDir, { recursive: true });
  for (const old of readdirSync(labDir).filter((f) => f.endsWith(".txt")))
    rmSync(path.join(labDir, old));
  for (const c of captures) writeFileSync(path.join(labDir, c.file), c.text);
}

async function main(): Promise<void> {
  const packageVersions = await versions();
  const date = new Date().toISOString().slice(0, 10);
  await twoNodesWithoutQdevice();
  await twoNodesWithQdevice();
  await threeNodes();
  await threeNodesWithQdevice();
  writeFixtures();
  writeSources(sourcesSection(packageVersions, date));
  console.log(`wrote ${captures.length} fixtures to ${path.relative(root, labDir)}/`);
  for (const line of timings) console.log(line);
}

await main();
