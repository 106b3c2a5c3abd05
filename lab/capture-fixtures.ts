import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { parseCorosyncCfgtool } from "@/lib/parsers/corosync-cfgtool";
import { parseCorosyncCmapctlStats } from "@/lib/parsers/corosync-cmapctl-stats";
import { startLab, type Lab, type LabOptions } from "./lab";
import { runChecked } from "./run";
import { waitQuorum } from "./wait-quorum";

// Usage: npx tsx lab/capture-fixtures.ts [quorum|links]   (root; rewrites that group's files in
// fixtures/lab/ and its section of fixtures/SOURCES.md; both groups when none is named)

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
let captures: Capture[] = [];
const timings: string[] = [];

/** Files captured by the corosync link group; every other .txt in fixtures/lab/ is the quorum group's. */
const isLinkFixture = (file: string) =>
  /^(cfgtool|cmapctl)-/.test(file) || file.includes("-2links-");

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
  await withLab({ nodes: 2, qdevice: false, links: 1 }, async (lab) => {
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
  await withLab({ nodes: 2, qdevice: true, links: 1 }, async (lab) => {
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
  await withLab({ nodes: 3, qdevice: false, links: 1 }, async (lab) => {
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
  await withLab({ nodes: 3, qdevice: true, links: 1 }, async (lab) => {
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

const nodeNames = (lab: Lab) => lab.nodes.map((n) => n.name);

async function cfgtool(lab: Lab, node: string): Promise<string> {
  return (await lab.exec(node, "corosync-cfgtool", ["-s"])).stdout;
}

async function knetStats(lab: Lab, node: string): Promise<string> {
  return (await lab.exec(node, "corosync-cmapctl", ["-m", "stats"])).stdout;
}

/** Whether `node` sees `peer` connected on `linkId`, per `corosync-cfgtool -s`. */
function linkState(text: string, linkId: number, peer: number): boolean | null {
  const parsed = parseCorosyncCfgtool(text);
  if (!parsed.ok) return null;
  const link = parsed.value.links.find((l) => l.linkId === linkId);
  return link?.peers.find((p) => p.nodeId === peer)?.connected ?? null;
}

/** Waits until knet has latency samples for every peer link, so the captures show real figures. */
async function waitLatencySamples(lab: Lab): Promise<void> {
  for (const node of lab.nodes) {
    await lab.waitFor(
      async () => {
        const parsed = parseCorosyncCmapctlStats(await knetStats(lab, node.name));
        if (!parsed.ok) return false;
        const peers = parsed.value.nodes.filter((n) => n.nodeId !== node.nodeId);
        return (
          peers.length === lab.nodes.length - 1 &&
          peers.every((p) => p.links.every((l) => (l.latencySamples ?? 0) >= 5))
        );
      },
      { timeoutMs: 30_000, intervalMs: 250, what: `${node.name} to have knet latency samples` },
    );
  }
}

async function captureLinkViews(lab: Lab, tag: string, state: (node: string) => string) {
  for (const node of nodeNames(lab)) {
    keep(
      `cfgtool-s-${tag}-${node}.txt`,
      node,
      "corosync-cfgtool -s",
      state(node),
      await cfgtool(lab, node),
    );
    keep(
      `cmapctl-m-stats-${tag}-${node}.txt`,
      node,
      "corosync-cmapctl -m stats",
      state(node),
      await knetStats(lab, node),
    );
  }
}

async function linkCaptures(): Promise<void> {
  await withLab({ nodes: 3, qdevice: false, links: 2 }, async (lab) => {
    await waitLatencySamples(lab);
    await captureLinkViews(
      lab,
      "3node-2links-healthy",
      (node) => `3 nodes, two knet links each, healthy, seen from ${node}`,
    );

    const cutAt = Date.now();
    await lab.cutLink("pve2", 1);
    for (const observer of ["pve1", "pve3"]) {
      await lab.waitFor(async () => linkState(await cfgtool(lab, observer), 1, 2) === false, {
        timeoutMs: 30_000,
        intervalMs: 50,
        what: `${observer} to see link 1 to pve2 disconnected`,
      });
      timings.push(
        `link 1 of pve2 cut -> ${observer} shows it disconnected: ${Date.now() - cutAt} ms`,
      );
    }
    await lab.waitFor(
      async () => {
        const text = await cfgtool(lab, "pve2");
        return linkState(text, 1, 1) === false && linkState(text, 1, 3) === false;
      },
      { timeoutMs: 30_000, intervalMs: 50, what: "pve2 to see its link 1 down to both peers" },
    );
    await captureLinkViews(
      lab,
      "3node-link1-cut-pve2",
      (node) =>
        `3 nodes, two links, pve2's link 1 interface down (eth1), seen from ${node}: link 0 still connects everyone`,
    );
    keep(
      "quorumtool-s-3node-2links-link1-cut-pve2-quorate.txt",
      "pve1",
      "corosync-quorumtool -s",
      "same moment: the cluster stays quorate with all 3 members over link 0",
      await waitQuorum(lab, "pve1", { quorate: true, nodes: 3 }),
    );

    await lab.healLink("pve2", 1);
    await lab.waitFor(async () => linkState(await cfgtool(lab, "pve1"), 1, 2) === true, {
      timeoutMs: 30_000,
      intervalMs: 100,
      what: "pve1 to see link 1 to pve2 connected again",
    });
    keep(
      "cfgtool-s-3node-link1-healed-pve1.txt",
      "pve1",
      "corosync-cfgtool -s",
      "pve2's link 1 back up, seen from pve1",
      await cfgtool(lab, "pve1"),
    );
    keep(
      "cmapctl-m-stats-3node-link1-healed-pve1.txt",
      "pve1",
      "corosync-cmapctl -m stats",
      "pve2's link 1 back up, seen from pve1: down_count of node2.link1 one higher",
      await knetStats(lab, "pve1"),
    );

    const offAt = Date.now();
    await lab.cutLink("pve3");
    await lab.waitFor(
      async () => {
        const text = await cfgtool(lab, "pve1");
        return linkState(text, 0, 3) === false && linkState(text, 1, 3) === false;
      },
      { timeoutMs: 30_000, intervalMs: 50, what: "pve1 to see both links to pve3 down" },
    );
    timings.push(
      `both links of pve3 cut -> pve1 shows them disconnected: ${Date.now() - offAt} ms`,
    );
    keep(
      "cfgtool-s-3node-pve3-cut-off-pve1.txt",
      "pve1",
      "corosync-cfgtool -s",
      "both links of pve3 down (pve3 cut off), seen from pve1",
      await cfgtool(lab, "pve1"),
    );
    keep(
      "cmapctl-m-stats-3node-pve3-cut-off-pve1.txt",
      "pve1",
      "corosync-cmapctl -m stats",
      "both links of pve3 down (pve3 cut off), seen from pve1",
      await knetStats(lab, "pve1"),
    );
    await waitQuorum(lab, "pve1", { quorate: true, nodes: 2 });
    timings.push(
      `both links of pve3 cut -> pve1's membership drops pve3: ${Date.now() - offAt} ms`,
    );
    await lab.healLink("pve3");
  });

  await withLab({ nodes: 3, qdevice: false, links: 1 }, async (lab) => {
    await waitLatencySamples(lab);
    await captureLinkViews(
      lab,
      "3node-1link-healthy",
      (node) => `3 nodes with a single knet link, healthy, seen from ${node}`,
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

interface Group {
  name: "quorum" | "links";
  begin: string;
  end: string;
  intro: string[];
  owns: (file: string) => boolean;
  run: () => Promise<void>;
}

const groups: Group[] = [
  {
    name: "quorum",
    begin: "<!-- lab-fixtures:begin -->",
    end: "<!-- lab-fixtures:end -->",
    intro: [
      "## lab",
      "",
      "Real output of a corosync cluster run by `lab/` on one Linux host: one network namespace per node",
      "(pve1..pve3 at 172.31.213.1-3, cluster name `lab`), knet transport, crypto none, no two_node,",
      "qnetd at 172.31.213.100 (`corosync-qnetd -s off`), QDevice model net with tls off. Written by",
      "`npx tsx lab/capture-fixtures.ts quorum`; each file is the tool's stdout, byte for byte.",
    ],
    owns: (file) => !isLinkFixture(file),
    async run() {
      await twoNodesWithoutQdevice();
      await twoNodesWithQdevice();
      await threeNodes();
      await threeNodesWithQdevice();
    },
  },
  {
    name: "links",
    begin: "<!-- lab-link-fixtures:begin -->",
    end: "<!-- lab-link-fixtures:end -->",
    intro: [
      "## lab: corosync links",
      "",
      "Real output of the same lab with two knet links per node, each on its own network and bridge",
      "(link 0 on 172.31.213.0/24, link 1 on 10.31.213.0/24; pve1..pve3 at .1-.3, cluster `lab`), and",
      "once with a single link. A link is cut with `ip link set ethN down` in that node's namespace.",
      "Written by `npx tsx lab/capture-fixtures.ts links`; each file is the tool's stdout, byte for byte.",
    ],
    owns: isLinkFixture,
    run: linkCaptures,
  },
];

function sourcesSection(group: Group, v: Versions, date: string): string {
  const lines = [
    group.begin,
    ...group.intro,
    "",
    `Captured ${date} with ${v.all}.`,
    "",
    "Each entry: `file | command (node it ran on) | lab state | versions; date`.",
    "",
    ...captures.map(
      (c) => `- lab/${c.file} | \`${c.command}\` (${c.node}) | ${c.state} | ${v.short}; ${date}`,
    ),
    group.end,
  ];
  return `${lines.join("\n")}\n`;
}

function writeSources(group: Group, section: string): void {
  let current = "";
  try {
    current = readFileSync(sourcesFile, "utf8");
  } catch {
    current = "# Fixtures: sources\n\nWhere each file under fixtures/ comes from.\n\n";
  }
  const begin = current.indexOf(group.begin);
  const end = current.indexOf(group.end);
  const next =
    begin !== -1 && end > begin
      ? current.slice(0, begin) + section + current.slice(end + group.end.length + 1)
      : `${current.replace(/\n*$/, "\n\n")}${section}`;
  writeFileSync(sourcesFile, next);
}

function writeFixtures(group: Group): void {
  mkdirSync(labDir, { recursive: true });
  for (const old of readdirSync(labDir).filter((f) => f.endsWith(".txt") && group.owns(f)))
    rmSync(path.join(labDir, old));
  for (const c of captures) {
    if (!group.owns(c.file))
      throw new Error(`${c.file} does not belong to the ${group.name} group`);
    writeFileSync(path.join(labDir, c.file), c.text);
  }
}

async function main(): Promise<void> {
  const wanted = process.argv[2];
  const chosen = groups.filter((g) => wanted === undefined || g.name === wanted);
  if (chosen.length === 0) throw new Error(`unknown group "${wanted}"; groups: quorum, links`);
  const packageVersions = await versions();
  const date = new Date().toISOString().slice(0, 10);
  for (const group of chosen) {
    captures = [];
    await group.run();
    writeFixtures(group);
    writeSources(group, sourcesSection(group, packageVersions, date));
    console.log(
      `wrote ${captures.length} ${group.name} fixtures to ${path.relative(root, labDir)}/`,
    );
  }
  for (const line of timings) console.log(line);
}

await main();
