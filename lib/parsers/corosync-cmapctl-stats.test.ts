import { describe, expect, it } from "vitest";
import { parseCorosyncCmapctlStats } from "./corosync-cmapctl-stats";
import type { CorosyncKnetStats, KnetLinkStats } from "./corosync-cmapctl-stats";
import { listFixtures, parsedValue, readFixture } from "./test-helpers";

function parsed(text: string): CorosyncKnetStats {
  return parsedValue(parseCorosyncCmapctlStats(text));
}

function failure(text: string) {
  const result = parseCorosyncCmapctlStats(text);
  if (result.ok) throw new Error(`unexpected success: ${JSON.stringify(result.value)}`);
  expect(result.error.format).toBe("corosync-cmapctl-stats");
  return result.error;
}

function link(stats: CorosyncKnetStats, nodeId: number, linkId: number): KnetLinkStats {
  const found = stats.nodes
    .find((n) => n.nodeId === nodeId)
    ?.links.find((l) => l.linkId === linkId);
  if (!found) throw new Error(`no node ${nodeId} link ${linkId}`);
  return found;
}

/** "node.link=connected" for every link, in order. */
function states(stats: CorosyncKnetStats): string[] {
  return stats.nodes.flatMap((n) =>
    n.links.map((l) => `${n.nodeId}.${l.linkId}=${l.connected ? "up" : "down"}`),
  );
}

const covered = new Set<string>();

function fixtureCase(relPath: string, check: (s: CorosyncKnetStats) => void): void {
  covered.add(relPath);
  it(relPath, () => {
    const stats = parsed(readFixture(relPath));
    check(stats);
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
  });
}

function refusedFixture(relPath: string): void {
  covered.add(relPath);
  it(`${relPath} (a plain dump) is refused, pointing at -m stats`, () => {
    expect(failure(readFixture(relPath))).toMatchObject({
      line: null,
      message: expect.stringMatching(/plain `corosync-cmapctl` dump.*-m stats/) as unknown,
    });
  });
}

describe("parseCorosyncCmapctlStats: lab captures of `corosync-cmapctl -m stats`", () => {
  fixtureCase("lab/cmapctl-m-stats-3node-2links-healthy-pve1.txt", (s) => {
    expect(states(s)).toEqual(["1.0=up", "2.0=up", "2.1=up", "3.0=up", "3.1=up"]);
    // The local node's own entry is knet's loopback: no ping round trips, so no latency.
    expect(link(s, 1, 0)).toMatchObject({
      latencyAveUs: null,
      latencyMaxUs: null,
      latencyMinUs: null,
      latencySamples: 0,
      mtu: 65535,
    });
    expect(link(s, 2, 0)).toEqual({
      linkId: 0,
      connected: true,
      enabled: true,
      latencyAveUs: 159,
      latencyMaxUs: 191,
      latencyMinUs: 133,
      latencySamples: 5,
      downCount: 1,
      upCount: 1,
      mtu: 1446,
    });
  });

  fixtureCase("lab/cmapctl-m-stats-3node-2links-healthy-pve2.txt", (s) => {
    expect(states(s)).toEqual(["1.0=up", "1.1=up", "2.0=up", "3.0=up", "3.1=up"]);
    expect(link(s, 1, 1).latencyAveUs).toBe(154);
  });

  fixtureCase("lab/cmapctl-m-stats-3node-2links-healthy-pve3.txt", (s) => {
    expect(states(s)).toEqual(["1.0=up", "1.1=up", "2.0=up", "2.1=up", "3.0=up"]);
  });

  fixtureCase("lab/cmapctl-m-stats-3node-link1-cut-pve2-pve1.txt", (s) => {
    expect(states(s)).toEqual(["1.0=up", "2.0=up", "2.1=down", "3.0=up", "3.1=up"]);
    // The last latency before the link went down stays printed.
    expect(link(s, 2, 1)).toMatchObject({ connected: false, downCount: 2, upCount: 1 });
    expect(link(s, 2, 1).latencyAveUs).toBeGreaterThan(0);
  });

  fixtureCase("lab/cmapctl-m-stats-3node-link1-cut-pve2-pve2.txt", (s) => {
    expect(states(s)).toEqual(["1.0=up", "1.1=down", "2.0=up", "3.0=up", "3.1=down"]);
  });

  fixtureCase("lab/cmapctl-m-stats-3node-link1-cut-pve2-pve3.txt", (s) => {
    expect(states(s)).toEqual(["1.0=up", "1.1=up", "2.0=up", "2.1=down", "3.0=up"]);
  });

  fixtureCase("lab/cmapctl-m-stats-3node-link1-healed-pve1.txt", (s) => {
    expect(states(s)).toEqual(["1.0=up", "2.0=up", "2.1=up", "3.0=up", "3.1=up"]);
    expect(link(s, 2, 1)).toMatchObject({ downCount: 2, upCount: 2 });
  });

  fixtureCase("lab/cmapctl-m-stats-3node-pve3-cut-off-pve1.txt", (s) => {
    expect(states(s)).toEqual(["1.0=up", "2.0=up", "2.1=up", "3.0=down", "3.1=down"]);
  });

  for (const node of [1, 2, 3]) {
    fixtureCase(`lab/cmapctl-m-stats-3node-1link-healthy-pve${node}.txt`, (s) => {
      expect(s.nodes.map((n) => n.links.map((l) => l.linkId))).toEqual([[0], [0], [0]]);
      const peers = s.nodes.filter((n) => n.nodeId !== node);
      expect(peers.every((n) => n.links[0]!.connected && n.links[0]!.latencyAveUs !== null)).toBe(
        true,
      );
    });
  }
});

describe("parseCorosyncCmapctlStats: other cmapctl outputs", () => {
  refusedFixture("corosync-cli/corosync-cmapctl-full-2node-noqdevice-calotech-node1.txt");
  refusedFixture("corosync-cli/corosync-cmapctl-grep-member-node-left-jirib.txt");
  refusedFixture("corosync-cli/lab/cmapctl-full-2node-noqdevice.txt");
  refusedFixture("corosync-cli/lab/cmapctl-full-2node-qdevice.txt");

  it("covers every real cmapctl output in the fixtures", () => {
    const all = [
      ...listFixtures("corosync-cli")
        .filter((f) => f.startsWith("corosync-cmapctl-"))
        .map((f) => `corosync-cli/${f}`),
      ...listFixtures("corosync-cli/lab")
        .filter((f) => f.startsWith("cmapctl-"))
        .map((f) => `corosync-cli/lab/${f}`),
      ...listFixtures("lab")
        .filter((f) => f.startsWith("cmapctl-"))
        .map((f) => `lab/${f}`),
    ].sort();
    expect([...covered].sort()).toEqual(all);
  });
});

describe("parseCorosyncCmapctlStats: edge cases", () => {
  const full = readFixture("lab/cmapctl-m-stats-3node-link1-cut-pve2-pve1.txt");
  const knetOnly = full
    .split("\n")
    .filter((l) => l.startsWith("stats.knet."))
    .join("\n");

  it("reads the knet keys alone, as `corosync-cmapctl -m stats stats.knet.` prints them", () => {
    expect(parsed(knetOnly)).toEqual(parsed(full));
  });

  it("gives no nodes for stats without knet keys (udp/udpu transport)", () => {
    expect(parsed("stats.srp.mcast_rx (u64) = 31\nstats.pg.msg_reserved (u32) = 2\n")).toEqual({
      nodes: [],
    });
  });

  it("reads the no-sample latency values as unknown", () => {
    const s = parsed(
      [
        "stats.knet.node4.link0.connected (u8) = 1",
        "stats.knet.node4.link0.latency_ave (u32) = 0",
        "stats.knet.node4.link0.latency_max (u32) = 0",
        "stats.knet.node4.link0.latency_min (u32) = 4294967295",
      ].join("\n"),
    );
    expect(link(s, 4, 0)).toMatchObject({
      latencyAveUs: null,
      latencyMaxUs: null,
      downCount: null,
    });
  });

  it("refuses a link whose connected key is missing (cut output), naming where it starts", () => {
    const text =
      "stats.knet.node2.link0.down_count (u32) = 1\nstats.knet.node2.link0.mtu (u32) = 1446\n";
    expect(failure(text)).toMatchObject({
      line: 1,
      message: expect.stringMatching(/node2\.link0 has no connected key/) as unknown,
    });
  });

  it("refuses a line cut in the middle", () => {
    expect(failure(`${knetOnly}\nstats.knet.node3.link1.conn`)).toMatchObject({
      message: expect.stringMatching(/unrecognised line/) as unknown,
    });
  });

  it("refuses a knet value that is not a number", () => {
    expect(failure("stats.knet.node2.link0.connected (u8) = yes\n").message).toMatch(
      /not a number/,
    );
  });

  it("refuses a key printed twice", () => {
    const line = "stats.knet.node2.link0.connected (u8) = 1";
    expect(failure(`${line}\n${line}\n`).message).toMatch(/listed twice/);
  });

  it("refuses the tool's error message and empty output", () => {
    expect(failure("Failed to initialize the cmap API. Error CS_ERR_LIBRARY\n").message).toMatch(
      /the tool reported an error/,
    );
    expect(failure("").message).toBe("no output");
  });

  it("accepts an empty string value, as cmapctl prints one", () => {
    expect(
      parsed("stats.ipcs.service0.1.0x1.procname (str) = \nstats.srp.mcast_rx (u64) = 1\n"),
    ).toEqual({ nodes: [] });
  });

  it("never throws on any prefix of a capture", () => {
    for (let end = 0; end <= knetOnly.length; end += 7) {
      expect(typeof parseCorosyncCmapctlStats(knetOnly.slice(0, end)).ok).toBe("boolean");
    }
  });

  it("handles pathological lines in linear time", () => {
    const started = performance.now();
    failure(`stats.knet.node1.link0.connected (u8) = ${"1".repeat(1_000_000)}`);
    failure(`${"stats.".repeat(200_000)} (u8)`);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
