import { existsSync } from "node:fs";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startLab, type Lab } from "./lab";
import { isAlive } from "./proc";
import { readState } from "./state";
import { linkExists, listNamespaces } from "./teardown";
import { waitQuorum } from "./wait-quorum";

// Own prefix and subnet, so a lab someone started by hand with the defaults is left alone.
const prefix = "tbtest";
const subnet = "172.31.214";
const connected = {
  quorate: true,
  nodes: 2,
  expectedVotes: 3,
  totalVotes: 3,
  qdeviceFlags: "A,V,NMW",
};

function labNamespaces(): string[] {
  return listNamespaces().filter((ns) => ns.startsWith(`${prefix}-`));
}

describe("2-node lab without a QDevice", () => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await startLab({ nodes: 2, qdevice: false, prefix, subnet });
  });

  afterAll(async () => {
    await lab?.teardown();
  });

  it("healthy cluster: 2 expected votes, 2 total, quorate", async () => {
    const text = await lab.quorumtool("pve1");
    expect(text).toMatch(/^Quorate:\s+Yes$/m);
    expect(text).toMatch(/^Expected votes:\s+2$/m);
    expect(text).toMatch(/^Total votes:\s+2$/m);
    expect(text).toMatch(/^\s+1\s+1 pve1 \(local\)$/m);
    expect(text).toMatch(/^\s+2\s+1 pve2$/m);
  });

  it("peer's link cut: the survivor is not quorate and activity is blocked", async () => {
    await lab.cutLink("pve2");
    const text = await waitQuorum(lab, "pve1", { quorate: false, nodes: 1 });
    expect(text).toMatch(/^Quorate:\s+No$/m);
    expect(text).toMatch(/^Quorum:\s+2 Activity blocked$/m);
  });

  it("link healed: both nodes quorate again", async () => {
    await lab.healLink("pve2");
    for (const node of ["pve1", "pve2"]) {
      const text = await waitQuorum(lab, node, { quorate: true, nodes: 2 });
      expect(text).toMatch(/^Total votes:\s+2$/m);
    }
  });

  it("survivor after `-e 1`: expected votes 1, quorate alone", async () => {
    await lab.cutLink("pve2");
    await waitQuorum(lab, "pve1", { quorate: false, nodes: 1 });
    await lab.setExpected("pve1", 1);
    const text = await waitQuorum(lab, "pve1", { quorate: true, nodes: 1 });
    expect(text).toMatch(/^Expected votes:\s+1$/m);
    expect(text).toMatch(/^Quorum:\s+1\s*$/m);
    await lab.healLink("pve2");
    await waitQuorum(lab, "pve1", { quorate: true, nodes: 2 });
  });

  it("QDevice added to the running cluster: expected 3, members A,V,NMW", async () => {
    await lab.enableQdevice();
    expect(lab.qnetdIp).toBe(`${subnet}.100`);
    const text = await waitQuorum(lab, "pve2", connected);
    expect(text).toMatch(/^Flags:\s+Quorate Qdevice\s*$/m);
    const conf = await lab.exec("pve2", "cat", ["/etc/corosync/corosync.conf"]);
    expect(conf.stdout).toMatch(/^\s+algorithm: ffsplit$/m);
  });
});

describe("2-node lab with a QDevice", () => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await startLab({ nodes: 2, qdevice: true, prefix, subnet });
  });

  afterAll(async () => {
    await lab?.teardown();
  });

  it("connected: expected 3, every member A,V,NMW, the Qdevice row holds 1 vote", async () => {
    for (const node of ["pve1", "pve2"]) {
      const text = await lab.quorumtool(node);
      expect(text).toMatch(/^Expected votes:\s+3$/m);
      expect(text).toMatch(/^\s+1\s+1\s+A,V,NMW pve1/m);
      expect(text).toMatch(/^\s+2\s+1\s+A,V,NMW pve2/m);
      expect(text).toMatch(/^\s+0\s+1\s+Qdevice$/m);
    }
  });

  it("qnetd stopped: members NV, the Qdevice row 0 votes, still quorate with 2 of 3", async () => {
    await lab.stopQnetd();
    const text = await waitQuorum(lab, "pve1", {
      quorate: true,
      nodes: 2,
      qdeviceFlags: "A,NV,NMW",
    });
    expect(text).toMatch(/^\s+0\s+0\s+Qdevice \(votes 1\)$/m);
    await lab.startQnetd();
    await waitQuorum(lab, "pve1", connected);
  });

  it("peer's link cut with the QDevice up: the survivor stays quorate", async () => {
    await lab.cutLink("pve2");
    const text = await waitQuorum(lab, "pve1", { quorate: true, nodes: 1, totalVotes: 2 });
    expect(text).toMatch(/^Quorate:\s+Yes$/m);
    expect(text).toMatch(/^Flags:\s+Quorate Qdevice\s*$/m);
    await waitQuorum(lab, "pve2", { quorate: false, nodes: 1 });
  });

  // votequorum refuses an expected count below the votes it already counts (here pve1 + the QDevice).
  it("`-e 1` on the survivor is refused while the QDevice votes", async () => {
    const result = await lab.exec("pve1", "corosync-quorumtool", ["-e", "1"]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/CS_ERR_INVALID_PARAM/);
    await lab.healLink("pve2");
    await waitQuorum(lab, "pve1", connected);
  });
});

describe("host access and teardown", () => {
  it("a host process reaches a server on a node address; teardown removes namespaces, links and processes", async () => {
    const lab = await startLab({ nodes: 2, qdevice: true, prefix, subnet });
    const node = lab.nodes[0];
    if (!node) throw new Error("lab has no nodes");
    const server = `require("node:http").createServer((_q, s) => s.end("hello from ${node.name}")).listen(8080, "${node.ip}")`;
    lab.spawnInNode(node.name, process.execPath, ["-e", server], {
      logFile: `${lab.stateDir}/logs/http.log`,
    });
    let body = "";
    await lab.waitFor(
      async () => {
        body = await (
          await fetch(`http://${node.ip}:8080/`, { signal: AbortSignal.timeout(1_000) })
        ).text();
        return true;
      },
      { timeoutMs: 10_000, what: `HTTP server on ${node.ip}:8080 to answer the host` },
    );
    expect(body).toBe(`hello from ${node.name}`);

    const tracked = readState(prefix)?.processes ?? [];
    expect(tracked.map((p) => p.role)).toEqual(
      expect.arrayContaining([
        "qnetd",
        "corosync:pve1",
        "qdevice:pve2",
        `spawn:pve1:${process.execPath}`,
      ]),
    );
    expect(labNamespaces().sort()).toEqual([
      `${prefix}-br`,
      `${prefix}-pve1`,
      `${prefix}-pve2`,
      `${prefix}-qnetd`,
    ]);

    await lab.teardown();
    await lab.teardown();

    expect(labNamespaces()).toEqual([]);
    expect(linkExists(`${prefix}-host`)).toBe(false);
    expect(existsSync(`/etc/netns/${prefix}-pve1`)).toBe(false);
    expect(tracked.filter(isAlive).map((p) => `${p.role} ${p.pid}`)).toEqual([]);
    expect(readState(prefix)).toBeNull();
  });
});
