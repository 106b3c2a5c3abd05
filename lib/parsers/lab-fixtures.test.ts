import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseCorosyncConf } from "./corosync-conf";
import { parseCorosyncQdeviceTool } from "./corosync-qdevice-tool";
import { parseCorosyncQuorumtool } from "./corosync-quorumtool";
import { readFixture, fixturesDir } from "./test-helpers";

// Outputs captured from this project's real corosync lab (fixtures/SOURCES.md says how).
type Quorum = [
  quorate: boolean,
  expected: number,
  total: number,
  quorum: number,
  members: number,
  flags: string | null,
];

const QUORUMTOOL: Record<string, Quorum> = {
  "quorumtool-s-2node-noqdevice-healthy.txt": [true, 2, 2, 2, 2, null],
  "quorumtool-s-2node-noqdevice-peer-cut-survivor-not-quorate.txt": [false, 2, 1, 2, 1, null],
  "quorumtool-s-2node-noqdevice-cut-node-not-quorate.txt": [false, 2, 1, 2, 1, null],
  "quorumtool-s-2node-noqdevice-peer-cut-expected-1-quorate.txt": [true, 1, 1, 1, 1, null],
  "quorumtool-s-2node-noqdevice-healed-after-expected-1.txt": [true, 2, 2, 2, 2, null],
  "quorumtool-s-2node-qdevice-added-to-running-cluster.txt": [true, 3, 3, 2, 2, "A,V,NMW"],
  "quorumtool-s-2node-qdevice-connected-pve1.txt": [true, 3, 3, 2, 2, "A,V,NMW"],
  "quorumtool-s-2node-qdevice-connected-pve2.txt": [true, 3, 3, 2, 2, "A,V,NMW"],
  "quorumtool-s-2node-qdevice-cut-node-not-quorate.txt": [false, 3, 1, 2, 1, "A,NV,NMW"],
  "quorumtool-s-2node-qdevice-healed-qnetd-back.txt": [true, 3, 3, 2, 2, "A,V,NMW"],
  "quorumtool-s-2node-qdevice-healed.txt": [true, 3, 3, 2, 2, "A,V,NMW"],
  "quorumtool-s-2node-qdevice-peer-cut-quorate-no-margin.txt": [true, 3, 2, 2, 1, "A,V,NMW"],
  "quorumtool-s-2node-qdevice-qnetd-down-peer-cut-expected-1.txt": [false, 2, 1, 2, 1, "A,NV,NMW"],
  "quorumtool-s-2node-qdevice-qnetd-down-peer-cut-not-quorate.txt": [false, 3, 1, 2, 1, "A,NV,NMW"],
  "quorumtool-s-2node-qdevice-qnetd-down.txt": [true, 3, 2, 2, 2, "A,NV,NMW"],
  "quorumtool-s-3node-cut-node-not-quorate.txt": [false, 3, 1, 2, 1, null],
  "quorumtool-s-3node-healthy.txt": [true, 3, 3, 2, 3, null],
  "quorumtool-s-3node-one-cut-quorate-no-margin.txt": [true, 3, 2, 2, 2, null],
  "quorumtool-s-3node-qdevice-lms-healthy.txt": [true, 5, 5, 3, 3, "A,V,NMW"],
  "quorumtool-siH-2node-qdevice-connected-pvecm-status.txt": [true, 3, 3, 2, 2, "A,V,NMW"],
  "quorumtool-s-3node-2links-link1-cut-pve2-quorate.txt": [true, 3, 3, 2, 3, null],
};

const QDEVICE_TOOL: Record<string, { state: string; connected: boolean; castVote: boolean }> = {
  "qdevice-tool-sv-connected.txt": { state: "Connected", connected: true, castVote: true },
  "qdevice-tool-sv-peer-cut-survivor.txt": { state: "Connected", connected: true, castVote: true },
  "qdevice-tool-sv-qnetd-down.txt": { state: "Connect failed", connected: false, castVote: false },
};

const CONF: Record<string, { nodes: number; algorithm: string | null }> = {
  "corosync-conf-2node-noqdevice.txt": { nodes: 2, algorithm: null },
  "corosync-conf-2node-qdevice-added.txt": { nodes: 2, algorithm: "ffsplit" },
  "corosync-conf-2node-qdevice.txt": { nodes: 2, algorithm: "ffsplit" },
  "corosync-conf-3node-noqdevice.txt": { nodes: 3, algorithm: null },
  "corosync-conf-3node-qdevice-lms.txt": { nodes: 3, algorithm: "lms" },
};

const LISTS = ["quorumtool-l-2node-noqdevice.txt", "quorumtool-l-2node-qdevice-connected.txt"];

describe("lab captures", () => {
  it("every captured file is covered below", () => {
    const files = readdirSync(path.join(fixturesDir, "lab")).sort();
    expect(files.length).toBeGreaterThan(0);
    const covered = [
      ...Object.keys(QUORUMTOOL),
      ...Object.keys(QDEVICE_TOOL),
      ...Object.keys(CONF),
      ...LISTS,
      // Link status and knet statistics: read in corosync-cfgtool.test.ts and corosync-cmapctl-stats.test.ts.
      ...files.filter((f) => /^(cfgtool|cmapctl)-/.test(f)),
    ].sort();
    expect(files).toEqual(covered);
  });

  it.each(Object.entries(QUORUMTOOL))(
    "%s",
    (file, [quorate, expected, total, quorum, members, flags]) => {
      const result = parseCorosyncQuorumtool(readFixture(`lab/${file}`));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const q = result.value;
      expect(q).toMatchObject({
        quorate,
        expectedVotes: expected,
        totalVotes: total,
        quorum,
        activityBlocked: !quorate,
      });
      expect(q.members).toHaveLength(members);
      expect(q.members.filter((m) => m.local)).toHaveLength(1);
      if (flags === null) {
        expect(q.members.every((m) => m.qdevice === null)).toBe(true);
      } else {
        expect(q.members.find((m) => m.local)!.qdevice!.join(",")).toBe(flags);
        expect(q.flags).toContain("Qdevice");
      }
      expect(q.flags.includes("Quorate")).toBe(quorate);
    },
  );

  it("reads the QDevice's vote counts: 1 with ffsplit, 2 with lms on three nodes, 0 with qnetd down", () => {
    const votes = (file: string) => {
      const r = parseCorosyncQuorumtool(readFixture(`lab/${file}`));
      return r.ok ? r.value.qdeviceVotes : undefined;
    };
    expect(votes("quorumtool-s-2node-qdevice-connected-pve1.txt")).toBe(1);
    expect(votes("quorumtool-s-3node-qdevice-lms-healthy.txt")).toBe(2);
    expect(votes("quorumtool-s-2node-qdevice-qnetd-down.txt")).toBe(0);
  });

  it.each(Object.entries(QDEVICE_TOOL))("%s", (file, want) => {
    const result = parseCorosyncQdeviceTool(readFixture(`lab/${file}`));
    expect(result.ok && result.value).toMatchObject(want);
  });

  it.each(Object.entries(CONF))("%s", (file, want) => {
    const result = parseCorosyncConf(readFixture(`lab/${file}`));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.nodes).toHaveLength(want.nodes);
    expect(result.value.clusterName).toBe("lab");
    expect(result.value.twoNode).toBe(false);
    expect(result.value.qdevice?.algorithm ?? null).toBe(want.algorithm);
    if (want.algorithm)
      expect(result.value.qdevice).toMatchObject({
        model: "net",
        host: "172.31.213.100",
        tls: "off",
      });
  });

  it.each(LISTS)("%s lists both members", (file) => {
    const result = parseCorosyncQuorumtool(readFixture(`lab/${file}`));
    expect(result.ok && result.value.members.map((m) => m.name)).toEqual(["pve1", "pve2"]);
  });
});
