import { describe, expect, it } from "vitest";
import { parseCorosyncQuorumtool } from "./corosync-quorumtool";
import type { CorosyncMember, CorosyncQuorum } from "./corosync-quorumtool";
import { listFixtures, parsedValue, readFixture } from "./test-helpers";

function parsed(text: string): CorosyncQuorum {
  return parsedValue(parseCorosyncQuorumtool(text));
}

function failure(text: string) {
  const result = parseCorosyncQuorumtool(text);
  if (result.ok) throw new Error(`unexpected success: ${JSON.stringify(result.value)}`);
  expect(result.error.format).toBe("corosync-quorumtool");
  return result.error;
}

function member(
  nodeId: number,
  name: string,
  qdevice: string[] | null,
  local = false,
  votes = 1,
): CorosyncMember {
  return { nodeId, votes, name, local, qdevice };
}

const AVNMW = ["A", "V", "NMW"];

const covered = new Set<string>();

/** Registers a fixture as covered at collection time and tests the facts it shows. */
function fixtureCase(relPath: string, check: (q: CorosyncQuorum) => void): void {
  covered.add(relPath);
  it(relPath, () => {
    const q = parsed(readFixture(relPath));
    check(q);
    expect(JSON.parse(JSON.stringify(q))).toEqual(q);
  });
}

describe("parseCorosyncQuorumtool: field fixtures", () => {
  fixtureCase(
    "corosync-cli/corosync-quorumtool-2node-corosync2-old-ringid-supportutils37.txt",
    (q) => {
      expect(q.date).toBe("Thu Dec  6 10:06:45 2018");
      expect(q.quorumProvider).toBe("corosync_votequorum");
      expect(q.nodeCount).toBe(2);
      expect(q.nodeId).toBe(739312183);
      expect(q.ringId).toBe("3316");
      expect(q.quorate).toBe(true);
      expect([q.expectedVotes, q.highestExpected, q.totalVotes, q.quorum]).toEqual([2, 2, 2, 1]);
      expect(q.activityBlocked).toBe(false);
      expect(q.flags).toEqual(["2Node", "Quorate"]);
      expect(q.members).toEqual([
        member(739312183, "c1", null, true),
        member(739312184, "c2", null),
      ]);
      expect(q.qdeviceVotes).toBeNull();
      expect(q.clusterName).toBeNull();
      expect(q.extra).toEqual({});
    },
  );

  fixtureCase("corosync-cli/corosync-quorumtool-2node-qdevice-ha_cluster_exporter172.txt", (q) => {
    expect(q.ringId).toBe("1/139");
    expect(q.nodeId).toBe(1);
    expect(q.quorate).toBe(true);
    expect([q.expectedVotes, q.highestExpected, q.totalVotes, q.quorum]).toEqual([3, 3, 3, 2]);
    expect(q.flags).toEqual(["Quorate", "Qdevice"]);
    expect(q.members).toEqual([member(1, "nfs01", AVNMW, true), member(2, "nfs02", AVNMW)]);
    expect(q.qdeviceName).toBe("Qdevice");
    expect(q.qdeviceVotes).toBe(1);
    expect(q.qdeviceConfiguredVotes).toBe(1);
  });

  fixtureCase("corosync-cli/corosync-quorumtool-4node-qdisk-keys-normal-experimental.txt", (q) => {
    expect(q.nodeCount).toBe(4);
    expect(q.nodeId).toBe(4);
    expect(q.ringId).toBe("1.1642");
    expect([q.expectedVotes, q.highestExpected, q.totalVotes, q.quorum]).toEqual([5, 5, 5, 3]);
    expect(q.flags).toEqual(["Quorate", "Qdevice"]);
    // The fork appends "(key:<hex>)" to names; only "(local)" is stripped.
    expect(q.members).toEqual([
      member(1, "cst-wtj-srv-1 (key:ea1b2a62b1dd8f34)", AVNMW),
      member(2, "cst-wtj-srv-2 (key:5d09f266e76da9cc)", AVNMW),
      member(3, "cst-wtj-srv-3 (key:f719de4ff4de777f)", AVNMW),
      member(4, "cst-wtj-srv-4 (key:219dc16f68bbe6c7)", AVNMW, true),
    ]);
    expect(q.qdeviceName).toBe("QDisk");
    expect(q.qdeviceVotes).toBe(1);
  });

  fixtureCase(
    "corosync-cli/corosync-quorumtool-4node-qdisk-tiebreaker-2of4-quorate-experimental.txt",
    (q) => {
      expect(q.nodeCount).toBe(2);
      expect(q.nodeId).toBe(2);
      expect(q.ringId).toBe("2.164a");
      expect(q.quorate).toBe(true);
      expect([q.expectedVotes, q.highestExpected, q.totalVotes, q.quorum]).toEqual([5, 5, 3, 3]);
      expect(q.members.map((m) => [m.nodeId, m.local])).toEqual([
        [2, true],
        [4, false],
      ]);
      expect(q.qdeviceName).toBe("QDisk");
      expect(q.qdeviceVotes).toBe(1);
    },
  );

  fixtureCase(
    "corosync-cli/corosync-quorumtool-p-2node-one-down-not-quorate-NR-openshift-tnf.txt",
    (q) => {
      expect(q.nodeCount).toBe(1);
      expect(q.ringId).toBe("1.e");
      expect(q.quorate).toBe(false);
      expect([q.expectedVotes, q.highestExpected, q.totalVotes, q.quorum]).toEqual([2, 2, 1, 1]);
      expect(q.activityBlocked).toBe(true);
      expect(q.flags).toEqual(["2Node", "WaitForAll"]);
      // -p always prints the Qdevice column; "NR" = no quorum device registered.
      expect(q.members).toEqual([member(1, "master-0.ostest.test.metalkube.org", ["NR"], true)]);
      expect(q.qdeviceVotes).toBeNull();
      expect(q.extra).toEqual({});
    },
  );

  fixtureCase(
    "corosync-cli/corosync-quorumtool-s-2node-qdevice-corosync303-ubuntu-hace171.txt",
    (q) => {
      expect(q.ringId).toBe("1.16d");
      expect([q.expectedVotes, q.totalVotes, q.quorum]).toEqual([3, 3, 2]);
      expect(q.flags).toEqual(["Quorate", "Qdevice"]);
      expect(q.members).toEqual([
        member(1, "node1.local", AVNMW, true),
        member(2, "node2.local", AVNMW),
      ]);
      expect(q.qdeviceVotes).toBe(1);
    },
  );

  fixtureCase("corosync-cli/corosync-quorumtool-s-2node-waitforall-quorate-jirib.txt", (q) => {
    expect(q.nodeId).toBe(1084783549);
    expect(q.ringId).toBe("1084783549/116");
    expect([q.expectedVotes, q.totalVotes, q.quorum]).toEqual([2, 2, 1]);
    expect(q.flags).toEqual(["2Node", "Quorate", "WaitForAll"]);
    expect(q.members).toEqual([
      member(1084783549, "s153cl01.cl0.example.com", null, true),
      member(1084783552, "s153cl02.cl0.example.com", null),
    ]);
  });

  fixtureCase(
    "corosync-cli/pcs-quorum-status-2node-NR-quorate-waitforall-openshift-tnf.txt",
    (q) => {
      expect(q.quorate).toBe(true);
      expect(q.ringId).toBe("1.16");
      expect([q.expectedVotes, q.totalVotes, q.quorum]).toEqual([2, 2, 1]);
      expect(q.flags).toEqual(["2Node", "Quorate", "WaitForAll"]);
      expect(q.members).toEqual([
        member(1, "master-0", ["NR"], true),
        member(2, "master-1", ["NR"]),
      ]);
    },
  );

  fixtureCase(
    "corosync-cli/pcs-quorum-status-after-unblock-1of2-quorate-partial-openshift-tnf.txt",
    (q) => {
      expect(q.nodeCount).toBe(1);
      expect(q.quorate).toBe(true);
      expect([q.expectedVotes, q.highestExpected, q.totalVotes, q.quorum]).toEqual([2, 2, 1, 1]);
      expect(q.activityBlocked).toBe(false);
      expect(q.flags).toEqual(["2Node", "Quorate"]);
      expect(q.members).toEqual([]);
    },
  );

  fixtureCase("corosync-cli/pvecm-nodes-membership-qdevice-checkmk813.txt", (q) => {
    expect(q.quorate).toBeNull();
    expect(q.expectedVotes).toBeNull();
    expect(q.ringId).toBeNull();
    expect(q.nodeId).toBe(1);
    expect(q.members).toEqual([member(1, "vm1", AVNMW, true), member(2, "vm2", AVNMW)]);
    expect(q.qdeviceVotes).toBe(1);
  });

  fixtureCase("corosync-cli/pvecm-status-2node-after-qdevice-setup-stamx-docs.txt", (q) => {
    expect(q.clusterName).toBe("pve-cluster");
    expect(q.configVersion).toBe(3);
    expect(q.transport).toBe("knet");
    expect(q.extra).toEqual({ "Secure auth": "on" });
    expect(q.nodeId).toBe(2);
    expect(q.ringId).toBe("1.16");
    expect([q.expectedVotes, q.highestExpected, q.totalVotes, q.quorum]).toEqual([3, 3, 3, 2]);
    expect(q.flags).toEqual(["Quorate", "Qdevice"]);
    expect(q.members).toEqual([member(1, "10.0.99.2", AVNMW), member(2, "10.0.99.3", AVNMW, true)]);
    expect(q.qdeviceName).toBe("Qdevice");
    expect(q.qdeviceVotes).toBe(1);
  });

  fixtureCase("corosync-cli/pvecm-status-2node-before-qdevice-stamx-docs.txt", (q) => {
    expect(q.clusterName).toBe("pve-cluster");
    expect(q.configVersion).toBe(2);
    expect([q.expectedVotes, q.highestExpected, q.totalVotes, q.quorum]).toEqual([2, 2, 2, 2]);
    expect(q.flags).toEqual(["Quorate"]);
    expect(q.members).toEqual([member(1, "10.0.99.2", null), member(2, "10.0.99.3", null, true)]);
    expect(q.qdeviceVotes).toBeNull();
  });

  fixtureCase("corosync-cli/pvecm-status-2node-noqdevice-calotech-node1.txt", (q) => {
    expect(q.clusterName).toBe("calotech");
    expect(q.configVersion).toBe(2);
    expect(q.transport).toBe("knet");
    expect(q.nodeId).toBe(1);
    expect(q.ringId).toBe("1.13");
    expect(q.quorate).toBe(true);
    expect([q.expectedVotes, q.totalVotes, q.quorum]).toEqual([2, 2, 2]);
    expect(q.flags).toEqual(["Quorate"]);
    expect(q.members).toEqual([
      member(1, "192.168.10.201", null, true),
      member(2, "192.168.10.202", null),
    ]);
  });
});

const PVEDOCS_4NODE = "corosync-cli/pvecm-status-4node-tilde-underlines-pvedocs.txt";
const PVEDOCS_QDEVICE = "corosync-cli/pvecm-status-qdevice-votequorum-only-partial-pvedocs.txt";

describe("parseCorosyncQuorumtool: pvecm status as Proxmox's documentation prints it", () => {
  fixtureCase(PVEDOCS_4NODE, (q) => {
    expect(q.clusterName).toBe("prod-central");
    expect(q.configVersion).toBe(3);
    expect(q.extra).toEqual({ "Secure auth": "on" });
    expect(q.nodeCount).toBe(4);
    expect(q.nodeId).toBe(1);
    expect(q.ringId).toBe("1.1a8");
    expect(q.quorate).toBe(true);
    expect([q.expectedVotes, q.highestExpected, q.totalVotes, q.quorum]).toEqual([4, 4, 4, 3]);
    expect(q.flags).toEqual(["Quorate"]);
    expect(q.members).toEqual([
      member(1, "192.168.15.91", null),
      member(2, "192.168.15.92", null, true),
      member(3, "192.168.15.93", null),
      member(4, "192.168.15.94", null),
    ]);
  });

  fixtureCase(PVEDOCS_QDEVICE, (q) => {
    expect(q.quorate).toBe(true);
    expect([q.expectedVotes, q.highestExpected, q.totalVotes, q.quorum]).toEqual([3, 3, 3, 2]);
    expect(q.flags).toEqual(["Quorate", "Qdevice"]);
    expect(q.nodeId).toBe(1);
    expect(q.members).toEqual([
      member(1, "192.168.22.180", AVNMW, true),
      member(2, "192.168.22.181", AVNMW),
    ]);
    expect(q.qdeviceName).toBe("Qdevice");
    expect(q.qdeviceVotes).toBe(1);
  });

  it.each([PVEDOCS_4NODE, PVEDOCS_QDEVICE])(
    "%s reads exactly like the same text underlined with dashes",
    (relPath) => {
      const text = readFixture(relPath);
      const dashed = text.replace(/^~+$/gm, (underline) => "-".repeat(underline.length));
      expect(dashed).not.toBe(text);
      expect(parsed(text)).toEqual(parsed(dashed));
    },
  );

  it("still refuses a truncated documentation paste", () => {
    const text = readFixture(PVEDOCS_4NODE);
    const cut = text.slice(0, text.indexOf("0x00000003"));
    expect(failure(cut).message).toMatch(/lists 2 nodes but "Nodes:" says 4/);
  });
});

describe("parseCorosyncQuorumtool: a paste of the votequorum block alone", () => {
  const votequorumOnly = (relPath: string) => {
    const text = readFixture(relPath);
    return text.slice(text.indexOf("Votequorum information"));
  };

  it.each([
    [
      "Flags: Quorate Qdevice → quorate",
      "corosync-cli/lab/quorumtool-s-2node-qdevice-connected.txt",
      true,
    ],
    [
      "Flags: 2Node Quorate WaitForAll → quorate",
      "corosync-cli/corosync-quorumtool-s-2node-waitforall-quorate-jirib.txt",
      true,
    ],
    [
      "Flags: 2Node WaitForAll, no Quorate → not quorate",
      "corosync-cli/corosync-quorumtool-p-2node-one-down-not-quorate-NR-openshift-tnf.txt",
      false,
    ],
    [
      "empty Flags (Activity blocked) → not quorate",
      "corosync-cli/lab/quorumtool-s-2node-noqdevice-peer-cut-not-quorate.txt",
      false,
    ],
  ])("%s, as the full output says", (_name, relPath, quorate) => {
    const q = parsed(votequorumOnly(relPath));
    expect(q.quorate).toBe(quorate);
    expect(q.quorate).toBe(parsed(readFixture(relPath)).quorate);
  });

  it("keeps the Quorate: line authoritative when the quorum block is there", () => {
    const text = readFixture("corosync-cli/lab/quorumtool-s-2node-qdevice-connected.txt");
    expect(parsed(text.replace("Quorate:          Yes", "Quorate:          No")).quorate).toBe(
      false,
    );
  });
});

describe("parseCorosyncQuorumtool: lab captures (corosync 3.1.7)", () => {
  fixtureCase("corosync-cli/lab/quorumtool-l-2node-qdevice.txt", (q) => {
    expect(q.quorate).toBeNull();
    expect(q.nodeCount).toBeNull();
    expect(q.nodeId).toBe(1);
    expect(q.members).toEqual([member(1, "pve1", AVNMW, true), member(2, "pve2", AVNMW)]);
    expect(q.qdeviceVotes).toBe(1);
  });

  fixtureCase("corosync-cli/lab/quorumtool-s-2node-noqdevice-healed-after-expected-1.txt", (q) => {
    expect(q.ringId).toBe("1.11");
    expect(q.quorate).toBe(true);
    expect([q.expectedVotes, q.highestExpected, q.totalVotes, q.quorum]).toEqual([2, 2, 2, 2]);
    expect(q.flags).toEqual(["Quorate"]);
    expect(q.members).toEqual([member(1, "pve1", null, true), member(2, "pve2", null)]);
  });

  fixtureCase("corosync-cli/lab/quorumtool-s-2node-noqdevice-healthy.txt", (q) => {
    expect(q.date).toBe("Sun Nov 22 02:00:18 2026");
    expect(q.ringId).toBe("1.9");
    expect(q.quorate).toBe(true);
    expect([q.expectedVotes, q.totalVotes, q.quorum]).toEqual([2, 2, 2]);
    expect(q.flags).toEqual(["Quorate"]);
    expect(q.members).toEqual([member(1, "pve1", null, true), member(2, "pve2", null)]);
    expect(q.qdeviceVotes).toBeNull();
  });

  fixtureCase("corosync-cli/lab/quorumtool-s-2node-noqdevice-other-side-of-cut.txt", (q) => {
    expect(q.nodeId).toBe(2);
    expect(q.ringId).toBe("2.d");
    expect(q.quorate).toBe(false);
    expect([q.expectedVotes, q.totalVotes, q.quorum]).toEqual([2, 1, 2]);
    expect(q.activityBlocked).toBe(true);
    expect(q.flags).toEqual([]);
    expect(q.members).toEqual([member(2, "pve2", null, true)]);
  });

  fixtureCase("corosync-cli/lab/quorumtool-s-2node-noqdevice-peer-cut-not-quorate.txt", (q) => {
    expect(q.nodeId).toBe(1);
    expect(q.nodeCount).toBe(1);
    expect(q.ringId).toBe("1.d");
    expect(q.quorate).toBe(false);
    expect([q.expectedVotes, q.highestExpected, q.totalVotes, q.quorum]).toEqual([2, 2, 1, 2]);
    expect(q.activityBlocked).toBe(true);
    expect(q.flags).toEqual([]);
    expect(q.members).toEqual([member(1, "pve1", null, true)]);
  });

  fixtureCase("corosync-cli/lab/quorumtool-s-2node-qdevice-connected.txt", (q) => {
    expect(q.quorate).toBe(true);
    expect([q.expectedVotes, q.highestExpected, q.totalVotes, q.quorum]).toEqual([3, 3, 3, 2]);
    expect(q.flags).toEqual(["Quorate", "Qdevice"]);
    expect(q.members).toEqual([member(1, "pve1", AVNMW, true), member(2, "pve2", AVNMW)]);
    expect(q.qdeviceName).toBe("Qdevice");
    expect(q.qdeviceVotes).toBe(1);
    expect(q.qdeviceConfiguredVotes).toBe(1);
  });

  fixtureCase("corosync-cli/lab/quorumtool-s-2node-qdevice-qnetd-down.txt", (q) => {
    expect(q.quorate).toBe(true);
    expect([q.expectedVotes, q.totalVotes, q.quorum]).toEqual([3, 2, 2]);
    expect(q.flags).toEqual(["Quorate", "Qdevice"]);
    const notVoting = ["A", "NV", "NMW"];
    expect(q.members).toEqual([member(1, "pve1", notVoting, true), member(2, "pve2", notVoting)]);
    // The row reads "0 0 Qdevice (votes 1)": current votes 0, configured 1.
    expect(q.qdeviceName).toBe("Qdevice");
    expect(q.qdeviceVotes).toBe(0);
    expect(q.qdeviceConfiguredVotes).toBe(1);
  });

  fixtureCase("corosync-cli/lab/quorumtool-s-3node-healthy.txt", (q) => {
    expect(q.nodeCount).toBe(3);
    expect([q.expectedVotes, q.totalVotes, q.quorum]).toEqual([3, 3, 2]);
    expect(q.flags).toEqual(["Quorate"]);
    expect(q.members).toEqual([
      member(1, "pve1", null, true),
      member(2, "pve2", null),
      member(3, "pve3", null),
    ]);
  });

  fixtureCase("corosync-cli/lab/quorumtool-s-3node-one-cut-quorate-no-margin.txt", (q) => {
    expect(q.nodeCount).toBe(2);
    expect(q.ringId).toBe("1.d");
    expect(q.quorate).toBe(true);
    expect([q.expectedVotes, q.highestExpected, q.totalVotes, q.quorum]).toEqual([3, 3, 2, 2]);
    expect(q.members.map((m) => m.name)).toEqual(["pve1", "pve2"]);
  });

  fixtureCase("corosync-cli/lab/quorumtool-s-after-heal-and-qnetd-back.txt", (q) => {
    expect(q.ringId).toBe("1.11");
    expect([q.expectedVotes, q.totalVotes, q.quorum]).toEqual([3, 3, 2]);
    expect(q.flags).toEqual(["Quorate", "Qdevice"]);
    expect(q.members.every((m) => m.qdevice?.join(",") === "A,V,NMW")).toBe(true);
    expect(q.qdeviceVotes).toBe(1);
  });

  fixtureCase("corosync-cli/lab/quorumtool-siH-2node-qdevice-connected-pvecm-style.txt", (q) => {
    expect(q.nodeId).toBe(1);
    expect(q.members).toEqual([
      member(1, "10.213.7.1", AVNMW, true),
      member(2, "10.213.7.2", AVNMW),
    ]);
    expect(q.qdeviceVotes).toBe(1);
    const decimal = parsed(
      readFixture("corosync-cli/lab/quorumtool-s-2node-qdevice-connected.txt"),
    );
    expect({ ...q, members: [] }).toEqual({ ...decimal, members: [] });
  });

  fixtureCase("corosync-cli/lab/quorumtool-sp-2node-qdevice-connected.txt", (q) => {
    // With a registered qdevice, -p prints exactly what -s prints.
    expect(q).toEqual(
      parsed(readFixture("corosync-cli/lab/quorumtool-s-2node-qdevice-connected.txt")),
    );
  });
});

/** Files in the same folders that are other formats; each is refused by this parser. */
const NOT_OURS: Record<string, string> = {
  "corosync-cli/corosync-cfgtool-bs-knet-buggy-corosync650.txt": "corosync-cfgtool -bs link status",
  "corosync-cli/corosync-cfgtool-s-corosync2-2rings-ok-supportutils37.txt":
    "corosync-cfgtool -s ring status",
  "corosync-cli/corosync-cfgtool-s-corosync2-ring0-faulty-ha_cluster_exporter.txt":
    "corosync-cfgtool -s ring status",
  "corosync-cli/corosync-cfgtool-s-knet-2links-early-format-kronosnet194.txt":
    "corosync-cfgtool -s link status",
  "corosync-cli/corosync-cfgtool-s-knet-2links-nodeid-format-corosync431.txt":
    "corosync-cfgtool -s link status",
  "corosync-cli/corosync-cfgtool-s-knet-buggy-nodeid-after-renumber-corosync650.txt":
    "corosync-cfgtool -s link status",
  "corosync-cli/corosync-cfgtool-s-knet-early-format-corosync421.txt":
    "corosync-cfgtool -s link status",
  "corosync-cli/corosync-cfgtool-s-knet-single-node-3links-configured-corosync643.txt":
    "corosync-cfgtool -s link status",
  "corosync-cli/corosync-cmapctl-full-2node-noqdevice-calotech-node1.txt":
    "corosync-cmapctl key dump",
  "corosync-cli/corosync-cmapctl-grep-member-node-left-jirib.txt": "corosync-cmapctl key dump",
  "corosync-cli/corosync-qnetd-tool-lv-manpage-example-partial.txt":
    "corosync-qnetd-tool -lv (qnetd side)",
  "corosync-cli/ha-manager-status-3node-altlinux-docs.txt": "ha-manager status (PVE HA stack)",
  "corosync-cli/ha-manager-status-pve42-quorum-ok-icicimov.txt": "ha-manager status (PVE HA stack)",
  "corosync-cli/pcs-qdevice-status-net-full-qnetd-2clients-sbd76.txt":
    "pcs qdevice status = corosync-qnetd-tool format",
  "corosync-cli/lab/cfgtool-n-2node.txt": "corosync-cfgtool -n link status",
  "corosync-cli/lab/cfgtool-s-2node.txt": "corosync-cfgtool -s link status",
  "corosync-cli/lab/cmapctl-full-2node-noqdevice.txt": "corosync-cmapctl key dump",
  "corosync-cli/lab/cmapctl-full-2node-qdevice.txt": "corosync-cmapctl key dump",
  "corosync-cli/lab/qnetd-tool-lv.txt": "corosync-qnetd-tool error message (qnetd side)",
};

const QUORUMTOOL_NAME =
  /^corosync-cli\/(lab\/quorumtool-|corosync-quorumtool-|pvecm-status-|pvecm-nodes-|pcs-quorum-status-)/;
const QDEVICE_TOOL_NAME =
  /^corosync-cli\/(lab\/qdevice-tool-|corosync-qdevice-tool-|crm-corosync-status-qdevice-)/;

function corosyncCliFixtures(): string[] {
  const top = listFixtures("corosync-cli")
    .filter((name) => name !== "lab")
    .map((name) => `corosync-cli/${name}`);
  const lab = listFixtures("corosync-cli/lab").map((name) => `corosync-cli/lab/${name}`);
  return [...top, ...lab];
}

describe("parseCorosyncQuorumtool: fixture coverage", () => {
  it("covers every quorumtool-format fixture with a named test", () => {
    const expected = corosyncCliFixtures().filter((f) => QUORUMTOOL_NAME.test(f));
    expect(expected.length).toBeGreaterThanOrEqual(25);
    expect(expected.filter((f) => !covered.has(f))).toEqual([]);
    expect([...covered].filter((f) => !expected.includes(f))).toEqual([]);
  });

  it("classifies every corosync-cli fixture as quorumtool, qdevice-tool, or listed as another format", () => {
    const unclassified = corosyncCliFixtures().filter(
      (f) => !QUORUMTOOL_NAME.test(f) && !QDEVICE_TOOL_NAME.test(f) && !(f in NOT_OURS),
    );
    expect(unclassified).toEqual([]);
    const stale = Object.keys(NOT_OURS).filter((f) => !corosyncCliFixtures().includes(f));
    expect(stale).toEqual([]);
  });

  it("refuses every other-format fixture at its first line instead of misreading it", () => {
    for (const relPath of Object.keys(NOT_OURS)) {
      const error = failure(readFixture(relPath));
      expect(error.line, relPath).toBe(1);
    }
  });
});

const CONNECTED = "corosync-cli/lab/quorumtool-s-2node-qdevice-connected.txt";

describe("parseCorosyncQuorumtool: layouts", () => {
  it("reads CRLF line endings like LF", () => {
    const text = readFixture(CONNECTED);
    expect(parsed(text.replace(/\n/g, "\r\n"))).toEqual(parsed(text));
  });

  it("tolerates extra indentation and a missing final newline", () => {
    const text = readFixture(CONNECTED);
    const indented = text
      .trimEnd()
      .split("\n")
      .map((l) => `   ${l}`)
      .join("\n");
    expect(parsed(indented)).toEqual(parsed(text));
  });

  it("reads the corosync 2 Ring ID with a slash as printed", () => {
    const text = readFixture(CONNECTED).replace("Ring ID:          1.9", "Ring ID:          1/8");
    expect(parsed(text).ringId).toBe("1/8");
  });

  it("keeps unknown fields and unknown sections in extra", () => {
    const text = readFixture(CONNECTED)
      .replace("Quorate:          Yes\n", "Quorate:          Yes\nFuture field:     42\n")
      .concat("\nFancy information\n-----------------\nSomething:        else\n");
    const q = parsed(text);
    expect(q.extra).toEqual({ "Future field": "42", Something: "else" });
    expect(q.quorate).toBe(true);
  });

  it("keeps the latest snapshot of repeated -m monitor output", () => {
    const first = readFixture("corosync-cli/lab/quorumtool-s-2node-noqdevice-healthy.txt");
    const second = readFixture(
      "corosync-cli/lab/quorumtool-s-2node-noqdevice-peer-cut-not-quorate.txt",
    );
    const q = parsed(`${first}\n${second}\n`);
    expect(q.quorate).toBe(false);
    expect(q.members).toEqual([member(1, "pve1", null, true)]);
    expect(q.ringId).toBe("1.d");
  });

  it("reads a -l member list without a Votes column (no votequorum)", () => {
    const q = parsed(
      "\nMembership information\n----------------------\n    Nodeid Name\n         1 pve1 (local)\n",
    );
    expect(q.members).toEqual([
      { nodeId: 1, votes: null, name: "pve1", local: true, qdevice: null },
    ]);
  });

  it("reads IPv6 addresses as names (-i)", () => {
    const text =
      "Membership information\n----------------------\n    Nodeid      Votes Name\n" +
      "         1          1 fd00::11 (local)\n         2          1 fd00::12\n";
    expect(parsed(text).members.map((m) => m.name)).toEqual(["fd00::11", "fd00::12"]);
  });

  it("reads a qdevice that is alive but not registered with votequorum (NA,NV)", () => {
    const text = readFixture(CONNECTED).replaceAll("A,V,NMW", "NA,NV,NMW");
    expect(parsed(text).members.map((m) => m.qdevice)).toEqual([
      ["NA", "NV", "NMW"],
      ["NA", "NV", "NMW"],
    ]);
  });

  it("reads LastManStanding and AutoTieBreaker flags as printed", () => {
    const text = readFixture("corosync-cli/lab/quorumtool-s-3node-healthy.txt").replace(
      "Flags:            Quorate ",
      "Flags:            Quorate LastManStanding AutoTieBreaker ",
    );
    expect(parsed(text).flags).toEqual(["Quorate", "LastManStanding", "AutoTieBreaker"]);
  });
});

describe("parseCorosyncQuorumtool: refusals", () => {
  it("refuses empty input", () => {
    expect(failure("")).toEqual({
      format: "corosync-quorumtool",
      line: null,
      message: "no output",
    });
    expect(failure("\n  \n").message).toBe("no output");
  });

  it("refuses random bytes, naming the first line", () => {
    let seed = 7;
    let bytes = "";
    for (let i = 0; i < 512; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      bytes += String.fromCharCode(1 + (seed % 255));
    }
    expect(failure(bytes).line).toBe(1);
  });

  it("refuses text with no corosync fields", () => {
    expect(failure("hello world\n").line).toBe(1);
    expect(failure("Some: thing\nOther: value\n")).toMatchObject({ line: 1 });
    expect(failure("Other information\n-----\nSome: thing\n")).toMatchObject({ line: 1 });
    expect(failure("Quorum information\n------------------\n")).toMatchObject({
      line: null,
      message: "no corosync-quorumtool fields found",
    });
  });

  it("refuses the tool's own error messages", () => {
    expect(failure("Cannot initialize CMAP service\n")).toMatchObject({ line: 1 });
  });

  it("refuses a Quorate value that is neither Yes nor No", () => {
    const text = readFixture(CONNECTED).replace("Quorate:          Yes", "Quorate:          Maybe");
    expect(failure(text)).toMatchObject({
      line: 8,
      message: expect.stringMatching(/Quorate/) as unknown,
    });
  });

  it("refuses a vote count that is not a number", () => {
    const text = readFixture(CONNECTED).replace("Total votes:      3", "Total votes:      three");
    expect(failure(text)).toMatchObject({
      line: 14,
      message: expect.stringMatching(/Total votes/) as unknown,
    });
  });

  it("refuses a member row with an unparsable node id", () => {
    const text = readFixture(CONNECTED).replace("         2          1", "        zz          1");
    expect(failure(text).line).toBe(22);
  });
});

describe("parseCorosyncQuorumtool: truncated output", () => {
  const full = readFixture(CONNECTED);
  const lines = full.split("\n");
  const firstLines = (n: number) => `${lines.slice(0, n).join("\n")}\n`;

  it("refuses output cut inside the quorum block", () => {
    expect(failure(firstLines(4)).message).toMatch(/Quorate/);
  });

  it("refuses output cut inside the votequorum block", () => {
    expect(failure(firstLines(14)).message).toMatch(/lacks Quorum, Flags/);
  });

  it("refuses output cut before the membership column header", () => {
    expect(failure(firstLines(19)).message).toMatch(/column header/);
  });

  it("refuses output cut after the column header", () => {
    expect(failure(firstLines(20)).message).toMatch(/no nodes/);
  });

  it("refuses a member list shorter than Nodes:", () => {
    expect(failure(firstLines(21)).message).toMatch(/lists 1 nodes but "Nodes:" says 2/);
  });

  it("refuses a member row cut mid-line, naming it", () => {
    expect(failure(`${firstLines(21)}         2          1    A,V`)).toMatchObject({ line: 22 });
    expect(failure(`${firstLines(21)}         2`)).toMatchObject({ line: 22 });
  });

  it("accepts output cut exactly after a complete block (a layout pcs prints)", () => {
    expect(parsed(firstLines(16)).flags).toEqual(["Quorate", "Qdevice"]);
  });

  it("never throws on any prefix of a fixture", () => {
    for (let end = 0; end <= full.length; end++) {
      const result = parseCorosyncQuorumtool(full.slice(0, end));
      expect(typeof result.ok).toBe("boolean");
    }
  });
});

describe("parseCorosyncQuorumtool: cost", () => {
  it("handles pathological lines in linear time", () => {
    const size = 1_000_000;
    const started = performance.now();
    failure(" ".repeat(size) + "x");
    failure(`Flags:${" Quorate".repeat(size / 8)}\nQuorate: x`);
    failure(
      `Membership information\n    Nodeid      Votes Name\n0 1 ${"(votes ".repeat(size / 7)}`,
    );
    failure(
      `Membership information\n    Nodeid      Votes    Qdevice Name\n1 1 ${"A,".repeat(size / 2)}`,
    );
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
