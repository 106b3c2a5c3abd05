import { describe, expect, it } from "vitest";
import { parseCorosyncCfgtool } from "./corosync-cfgtool";
import type { CfgtoolPeer, CorosyncLinkStatus } from "./corosync-cfgtool";
import { listFixtures, parsedValue, readFixture } from "./test-helpers";

function parsed(text: string): CorosyncLinkStatus {
  return parsedValue(parseCorosyncCfgtool(text));
}

function failure(text: string) {
  const result = parseCorosyncCfgtool(text);
  if (result.ok) throw new Error(`unexpected success: ${JSON.stringify(result.value)}`);
  expect(result.error.format).toBe("corosync-cfgtool");
  return result.error;
}

/** "1=localhost,2=connected" per link, the shape the assertions below read best in. */
function matrix(status: CorosyncLinkStatus): Record<number, string> {
  return Object.fromEntries(
    status.links.map((l) => [
      l.linkId,
      l.peers.map((p) => `${p.nodeId ?? `#${p.position}`}=${p.status}`).join(","),
    ]),
  );
}

function peer(nodeId: number, status: string, position: number): CfgtoolPeer {
  const local = status === "localhost";
  return {
    nodeId,
    status,
    local,
    connected: local ? null : status === "connected",
    enabled: null,
    position,
  };
}

const covered = new Set<string>();

function fixtureCase(relPath: string, check: (s: CorosyncLinkStatus) => void): void {
  covered.add(relPath);
  it(relPath, () => {
    const status = parsed(readFixture(relPath));
    check(status);
    expect(JSON.parse(JSON.stringify(status))).toEqual(status);
  });
}

function refusedFixture(relPath: string, message: RegExp): void {
  covered.add(relPath);
  it(`${relPath} is refused with a clear message`, () => {
    expect(failure(readFixture(relPath)).message).toMatch(message);
  });
}

describe("parseCorosyncCfgtool: corosync 3.1 (lab captures)", () => {
  fixtureCase("corosync-cli/lab/cfgtool-s-2node.txt", (s) => {
    expect(s.localNodeId).toBe(1);
    expect(s.transport).toBe("knet");
    expect(s.format).toBe("links");
    expect(s.links).toEqual([
      {
        linkId: 0,
        address: "10.213.7.1",
        transport: "udp",
        peers: [peer(1, "localhost", 0), peer(2, "connected", 1)],
        ringStatus: null,
        ringFaulty: null,
      },
    ]);
  });

  refusedFixture(
    "corosync-cli/lab/cfgtool-n-2node.txt",
    /corosync-cfgtool -n.*not the link status/,
  );

  fixtureCase("lab/cfgtool-s-3node-2links-healthy-pve1.txt", (s) => {
    expect(s.localNodeId).toBe(1);
    expect(s.links.map((l) => [l.linkId, l.address, l.transport])).toEqual([
      [0, "172.31.213.1", "udp"],
      [1, "10.31.213.1", "udp"],
    ]);
    expect(matrix(s)).toEqual({
      0: "1=localhost,2=connected,3=connected",
      1: "1=localhost,2=connected,3=connected",
    });
  });

  fixtureCase("lab/cfgtool-s-3node-2links-healthy-pve2.txt", (s) => {
    expect(s.localNodeId).toBe(2);
    expect(matrix(s)[1]).toBe("1=connected,2=localhost,3=connected");
  });

  fixtureCase("lab/cfgtool-s-3node-2links-healthy-pve3.txt", (s) => {
    expect(s.localNodeId).toBe(3);
    expect(s.links[1]!.address).toBe("10.31.213.3");
    expect(matrix(s)[0]).toBe("1=connected,2=connected,3=localhost");
  });

  fixtureCase("lab/cfgtool-s-3node-link1-cut-pve2-pve1.txt", (s) => {
    expect(matrix(s)).toEqual({
      0: "1=localhost,2=connected,3=connected",
      1: "1=localhost,2=disconnected,3=connected",
    });
    expect(s.links[1]!.peers[1]).toMatchObject({ nodeId: 2, connected: false, local: false });
  });

  fixtureCase("lab/cfgtool-s-3node-link1-cut-pve2-pve2.txt", (s) => {
    expect(s.localNodeId).toBe(2);
    expect(matrix(s)).toEqual({
      0: "1=connected,2=localhost,3=connected",
      1: "1=disconnected,2=localhost,3=disconnected",
    });
  });

  fixtureCase("lab/cfgtool-s-3node-link1-cut-pve2-pve3.txt", (s) => {
    expect(matrix(s)[1]).toBe("1=connected,2=disconnected,3=localhost");
  });

  fixtureCase("lab/cfgtool-s-3node-link1-healed-pve1.txt", (s) => {
    expect(matrix(s)[1]).toBe("1=localhost,2=connected,3=connected");
  });

  fixtureCase("lab/cfgtool-s-3node-pve3-cut-off-pve1.txt", (s) => {
    expect(matrix(s)).toEqual({
      0: "1=localhost,2=connected,3=disconnected",
      1: "1=localhost,2=connected,3=disconnected",
    });
  });

  for (const node of [1, 2, 3]) {
    fixtureCase(`lab/cfgtool-s-3node-1link-healthy-pve${node}.txt`, (s) => {
      expect(s.localNodeId).toBe(node);
      expect(s.links.map((l) => l.linkId)).toEqual([0]);
      expect(s.links[0]!.peers.filter((p) => p.local).map((p) => p.nodeId)).toEqual([node]);
      expect(s.links[0]!.peers.filter((p) => p.connected === true)).toHaveLength(2);
    });
  }
});

describe("parseCorosyncCfgtool: published outputs of other versions", () => {
  fixtureCase(
    "corosync-cli/corosync-cfgtool-s-knet-single-node-3links-configured-corosync643.txt",
    (s) => {
      expect(s.localNodeId).toBe(1);
      expect(s.transport).toBe("knet");
      // corosync 3.1.3 prints no transport after the link id.
      expect(s.links).toEqual([
        {
          linkId: 0,
          address: "10.10.10.26",
          transport: null,
          peers: [peer(1, "localhost", 0)],
          ringStatus: null,
          ringFaulty: null,
        },
      ]);
    },
  );

  fixtureCase(
    "corosync-cli/corosync-cfgtool-s-knet-buggy-nodeid-after-renumber-corosync650.txt",
    (s) => {
      // The bug this output shows: "localhost" printed for node 6 while the local node is 7.
      expect(s.localNodeId).toBe(7);
      expect(matrix(s)[0]).toBe("6=localhost,7=connected");
      expect(s.links[0]!.peers.every((p) => p.local && p.connected === null)).toBe(true);
    },
  );

  fixtureCase("corosync-cli/corosync-cfgtool-bs-knet-buggy-corosync650.txt", (s) => {
    // `-b`: one digit per node (enabled + 2 x connected), no node ids.
    expect(s.links[0]!.peers).toEqual([
      { nodeId: null, status: "1", local: false, connected: false, enabled: true, position: 0 },
      { nodeId: null, status: "3", local: false, connected: true, enabled: true, position: 1 },
    ]);
  });

  fixtureCase("corosync-cli/corosync-cfgtool-s-knet-2links-nodeid-format-corosync431.txt", (s) => {
    expect(s.localNodeId).toBe(4);
    expect(s.transport).toBeNull();
    expect(matrix(s)).toEqual({
      0: "4=link enabled:1 link connected:1,7=link enabled:1 link connected:1",
      1: "4=link enabled:0 link connected:1,7=link enabled:1 link connected:1",
    });
    expect(s.links[1]!.peers[0]).toMatchObject({ local: true, connected: null, enabled: false });
    expect(s.links[1]!.peers[1]).toMatchObject({ local: false, connected: true, enabled: true });
  });

  fixtureCase("corosync-cli/corosync-cfgtool-s-knet-2links-early-format-kronosnet194.txt", (s) => {
    // "node 0:" is a position in the list, not a node id.
    expect(s.links[1]!.peers.map((p) => [p.nodeId, p.position, p.enabled, p.connected])).toEqual([
      [null, 0, false, false],
      [null, 1, true, true],
    ]);
  });

  fixtureCase("corosync-cli/corosync-cfgtool-s-knet-early-format-corosync421.txt", (s) => {
    expect(s.links).toHaveLength(1);
    expect(s.links[0]!.address).toBe("127.0.0.1");
    expect(s.links[0]!.peers).toHaveLength(1);
  });

  fixtureCase("corosync-cli/corosync-cfgtool-s-corosync2-2rings-ok-supportutils37.txt", (s) => {
    expect(s.format).toBe("rings");
    expect(s.localNodeId).toBe(739312183);
    expect(s.links.map((l) => [l.linkId, l.address, l.ringStatus, l.ringFaulty, l.peers])).toEqual([
      [0, "172.17.2.55", "ring 0 active with no faults", false, []],
      [1, "10.0.2.55", "ring 1 active with no faults", false, []],
    ]);
  });

  fixtureCase(
    "corosync-cli/corosync-cfgtool-s-corosync2-ring0-faulty-ha_cluster_exporter.txt",
    (s) => {
      expect(s.format).toBe("rings");
      expect(s.links[0]).toMatchObject({
        address: "10.0.0.1",
        ringStatus: "Marking ringid 0 interface 10.0.0.1 FAULTY",
        ringFaulty: true,
      });
      expect(s.links[1]!.ringFaulty).toBe(false);
    },
  );

  it("covers every real cfgtool output in the fixtures", () => {
    const all = [
      ...listFixtures("corosync-cli")
        .filter((f) => f.startsWith("corosync-cfgtool-"))
        .map((f) => `corosync-cli/${f}`),
      ...listFixtures("corosync-cli/lab")
        .filter((f) => f.startsWith("cfgtool-"))
        .map((f) => `corosync-cli/lab/${f}`),
      ...listFixtures("lab")
        .filter((f) => f.startsWith("cfgtool-"))
        .map((f) => `lab/${f}`),
    ].sort();
    expect([...covered].sort()).toEqual(all);
  });
});

describe("parseCorosyncCfgtool: what it refuses", () => {
  const healthy = readFixture("lab/cfgtool-s-3node-2links-healthy-pve1.txt");
  const lines = healthy.split("\n");
  const firstLines = (n: number) => `${lines.slice(0, n).join("\n")}\n`;

  it("refuses empty output and text that is not cfgtool output", () => {
    expect(failure("").message).toBe("no output");
    expect(failure("hello world\n")).toMatchObject({ line: 1 });
    expect(failure("\tstatus:\n")).toMatchObject({ line: 1 });
  });

  it("refuses the tool's own error lines, naming them", () => {
    expect(failure("Could not initialize corosync configuration API error 2\n")).toMatchObject({
      line: 1,
      message: expect.stringMatching(/the tool reported an error/) as unknown,
    });
  });

  it("refuses output cut before the first link", () => {
    expect(failure(firstLines(1)).message).toMatch(/lists no link/);
  });

  it("refuses a link cut before its node list", () => {
    expect(failure(firstLines(4)).message).toMatch(/link 0 lists no node/);
  });

  it("refuses a node line cut before its state", () => {
    expect(failure(`${firstLines(5)}\t\tnodeid:          2:`)).toMatchObject({ line: 6 });
  });

  it("reads a state word it does not know (or one cut short) as neither connected nor disconnected", () => {
    const s = parsed(`${firstLines(5)}\t\tnodeid:          2:\tconn\n`);
    expect(s.links[0]!.peers[1]).toMatchObject({ nodeId: 2, status: "conn", connected: null });
  });

  it("refuses a node listed twice under one link", () => {
    expect(failure(`${firstLines(6)}${lines[5]}\n`).message).toMatch(/listed twice/);
  });

  it("refuses a second Local node ID line", () => {
    expect(failure(`${healthy}${lines[0]}\n`).message).toMatch(/second "Local node ID"/);
  });

  it("skips the SCTP deprecation notice and reads a link without a printed transport", () => {
    const text = healthy
      .replace(
        "LINK ID 1 udp",
        "LINK ID 1 sctp\n**SCTP is deprecated and will be removed in a future release",
      )
      .replace("LINK ID 0 udp", "LINK ID 0 ");
    const s = parsed(text);
    expect(s.links.map((l) => l.transport)).toEqual([null, "sctp"]);
  });

  it("accepts CRLF line ends", () => {
    expect(matrix(parsed(healthy.replace(/\n/g, "\r\n")))).toEqual(matrix(parsed(healthy)));
  });

  it("never throws on any prefix of a capture", () => {
    for (let end = 0; end <= healthy.length; end++) {
      expect(typeof parseCorosyncCfgtool(healthy.slice(0, end)).ok).toBe("boolean");
    }
  });

  it("handles pathological lines in linear time", () => {
    const started = performance.now();
    parseCorosyncCfgtool(
      `Local node ID 1\nLINK ID 0\n\tstatus:\n\t\tnodeid: 2:${" ".repeat(1_000_000)}x y`,
    );
    parseCorosyncCfgtool(`Local node ID 1\n${"LINK ID 0 ".repeat(100_000)}\n`);
    failure(`Local node ID 1\nLINK ID 0\n${"\taddr = x\n".repeat(100_000)}`);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
