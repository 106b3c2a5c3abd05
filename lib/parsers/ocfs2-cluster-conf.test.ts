import { describe, expect, it } from "vitest";
import { parseOcfs2ClusterConf } from "./ocfs2-cluster-conf";
import type { Ocfs2ClusterConf } from "./ocfs2-cluster-conf";
import { listFixtures, parsedValue, readFixture } from "./test-helpers";

function parsed(text: string): Ocfs2ClusterConf {
  return parsedValue(parseOcfs2ClusterConf(text));
}

const SPACES_FIXTURE = "cluster-conf-2node-local-heartbeat-spaces-icicimov.conf";
const LIST_CLUSTER_FIXTURE = "o2cb-list-cluster-global-heartbeat-nodes-first-cloudabc.txt";

describe("parseOcfs2ClusterConf on real output", () => {
  it("reads a 2-node cluster.conf indented with spaces, with a trailing space after a value", () => {
    expect(parsed(readFixture(`ocfs2/${SPACES_FIXTURE}`))).toEqual({
      clusters: [{ name: "iscsi", nodeCount: 2, heartbeatMode: null, line: 1 }],
      nodes: [
        {
          name: "drbd01",
          number: 0,
          ipAddress: "10.10.1.17",
          ipPort: 7777,
          cluster: "iscsi",
          line: 5,
        },
        {
          name: "drbd02",
          number: 1,
          ipAddress: "10.10.1.19",
          ipPort: 7777,
          cluster: "iscsi",
          line: 12,
        },
      ],
      heartbeats: [],
    });
  });

  it("reads `o2cb list-cluster`: tab-indented, node stanzas before the cluster, global heartbeat", () => {
    expect(parsed(readFixture(`ocfs2/${LIST_CLUSTER_FIXTURE}`))).toEqual({
      clusters: [{ name: "cloudabc", nodeCount: 2, heartbeatMode: "global", line: 15 }],
      nodes: [
        {
          name: "kvm1",
          number: 1,
          ipAddress: "10.1.34.125",
          ipPort: 7777,
          cluster: "cloudabc",
          line: 1,
        },
        {
          name: "kvm2",
          number: 2,
          ipAddress: "10.1.35.76",
          ipPort: 7777,
          cluster: "cloudabc",
          line: 8,
        },
      ],
      heartbeats: [],
    });
  });
});

describe("fixture inventory", () => {
  it("covers every cluster.conf-syntax fixture", () => {
    const files = listFixtures("ocfs2").filter(
      (file) => file.startsWith("cluster-conf-") || file.startsWith("o2cb-list-cluster-"),
    );
    expect(files).toEqual([SPACES_FIXTURE, LIST_CLUSTER_FIXTURE]);
  });
});

describe("parseOcfs2ClusterConf", () => {
  const TABS = [
    "cluster:",
    "\tnode_count = 3",
    "\theartbeat_mode = global",
    "\tname = pvecluster",
    "node:",
    "\tnumber = 1",
    "\tname = pve1",
    "\tip_address = 192.168.10.201",
    "\tip_port = 7777",
    "\tcluster = pvecluster",
    "heartbeat:",
    "\tregion = 0CF2E83DE01F416591FEDC9C4F29A05A",
    "\tcluster = pvecluster",
  ].join("\n");

  it("reads stanzas not separated by blank lines, including heartbeat regions", () => {
    expect(parsed(TABS)).toEqual({
      clusters: [{ name: "pvecluster", nodeCount: 3, heartbeatMode: "global", line: 1 }],
      nodes: [
        {
          name: "pve1",
          number: 1,
          ipAddress: "192.168.10.201",
          ipPort: 7777,
          cluster: "pvecluster",
          line: 5,
        },
      ],
      heartbeats: [{ region: "0CF2E83DE01F416591FEDC9C4F29A05A", cluster: "pvecluster", line: 11 }],
    });
  });

  it("reads the `o2cb list-cluster --oneline` form", () => {
    const text = [
      "heartbeat: 0CF2E83DE01F416591FEDC9C4F29A05A cloudabc",
      "node: 1 kvm1 10.1.34.125:7777 cloudabc",
      "node: 2 kvm2 10.1.35.76:7777 cloudabc",
      "cluster: 2 global cloudabc",
    ].join("\n");
    const conf = parsed(text);
    expect(conf.clusters).toEqual([
      { name: "cloudabc", nodeCount: 2, heartbeatMode: "global", line: 4 },
    ]);
    expect(conf.nodes.map((node) => [node.number, node.name, node.ipAddress, node.ipPort])).toEqual(
      [
        [1, "kvm1", "10.1.34.125", 7777],
        [2, "kvm2", "10.1.35.76", 7777],
      ],
    );
    expect(conf.heartbeats).toEqual([
      { region: "0CF2E83DE01F416591FEDC9C4F29A05A", cluster: "cloudabc", line: 1 },
    ]);
  });

  it("tolerates unknown stanzas and keys, comments and CRLF", () => {
    const text =
      "# written by hand\r\ncluster:\r\n\tname = a\r\n\tidle_timeout_ms = 30000\r\n\r\nfuture:\r\n\tx = 1\r\n";
    expect(parsed(text)).toEqual({
      clusters: [{ name: "a", nodeCount: null, heartbeatMode: null, line: 2 }],
      nodes: [],
      heartbeats: [],
    });
  });

  it("keeps a node with a missing or non-numeric number as null", () => {
    expect(parsed("node:\n\tname = x\n\tnumber = one\n").nodes).toEqual([
      { name: "x", number: null, ipAddress: null, ipPort: null, cluster: null, line: 1 },
    ]);
  });

  it("returns empty lists for empty input (a freshly installed, empty cluster.conf)", () => {
    expect(parseOcfs2ClusterConf("")).toEqual({
      ok: true,
      value: { clusters: [], nodes: [], heartbeats: [] },
    });
  });

  it("fails on an attribute before any stanza, naming the line", () => {
    expect(parseOcfs2ClusterConf("\n\tname = x\n")).toEqual({
      ok: false,
      error: {
        format: "ocfs2-cluster-conf",
        line: 2,
        message: expect.stringContaining("before any stanza") as unknown,
      },
    });
  });

  it("fails on garbage, naming the line", () => {
    const result = parseOcfs2ClusterConf("cluster:\n\tname = a\nthis is not a config\n");
    expect(result).toMatchObject({ ok: false, error: { line: 3 } });
  });

  it("fails on a truncated one-line entry", () => {
    const result = parseOcfs2ClusterConf("node: 1 kvm1\n");
    expect(result).toMatchObject({ ok: false, error: { line: 1 } });
  });
});
