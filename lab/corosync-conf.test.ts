import { describe, expect, it } from "vitest";

import { renderCorosyncConf } from "./corosync-conf";

const nodes = [1, 2, 3].map((id) => ({ name: `pve${id}`, nodeId: id, ip: `172.31.213.${id}` }));

describe("renderCorosyncConf", () => {
  it("2 nodes with a QDevice: ffsplit with 1 vote, no two_node", () => {
    const text = renderCorosyncConf({
      clusterName: "lab",
      configVersion: 2,
      nodes: nodes.slice(0, 2),
      device: { host: "172.31.213.100", nodeCount: 2 },
    });
    expect(text).toContain(
      "    net {\n      algorithm: ffsplit\n      host: 172.31.213.100\n      tls: off\n    }\n    votes: 1\n",
    );
    expect(text).not.toContain("two_node");
    expect(text).toMatch(/^ {2}config_version: 2$/m);
  });

  it("3 nodes with a QDevice: lms and no votes key", () => {
    const text = renderCorosyncConf({
      clusterName: "lab",
      configVersion: 1,
      nodes,
      device: { host: "172.31.213.100", nodeCount: 3 },
    });
    expect(text).toMatch(/^ {6}algorithm: lms$/m);
    expect(text).not.toMatch(/votes: 1\n {2}\}/);
  });

  it("without a QDevice: a bare votequorum provider and one node block per node", () => {
    const text = renderCorosyncConf({ clusterName: "lab", configVersion: 1, nodes, device: null });
    expect(text).toContain("quorum {\n  provider: corosync_votequorum\n}\n");
    expect(text.match(/^ {2}node \{$/gm)).toHaveLength(3);
    expect(text.endsWith("}\n")).toBe(true);
  });

  it("two links: ring0_addr and ring1_addr per node, one interface block per link number", () => {
    const twoLinks = nodes.slice(0, 2).map((n) => ({
      ...n,
      links: [{ ip: n.ip }, { ip: `10.31.213.${n.nodeId}` }],
    }));
    const text = renderCorosyncConf({
      clusterName: "lab",
      configVersion: 1,
      nodes: twoLinks,
      device: null,
    });
    expect(text).toContain("    ring0_addr: 172.31.213.1\n    ring1_addr: 10.31.213.1\n");
    expect(text).toContain(
      "  interface {\n    linknumber: 0\n  }\n  interface {\n    linknumber: 1\n  }\n",
    );
  });
});
