import { describe, expect, it } from "vitest";
import { parseDrbdadmStatus } from "@/lib/parsers/drbdadm-status";
import type { KernelEvent } from "@/lib/parsers/kernel-log";
import { parseProcDrbd } from "@/lib/parsers/proc-drbd";
import {
  connection,
  device,
  drbdFixture,
  drbdNode,
  fixtureNode,
  kernelLogFixture,
  resource,
} from "./rules/drbd-test-helpers";
import { makeSnapshot, node } from "./test-helpers";
import {
  drbdResources,
  isDiskful,
  isSplitBrain,
  linkKey,
  peerIdentity,
  sameHost,
  splitBrainLinks,
} from "./views-drbd";

function kernelEvent(partial: Partial<KernelEvent>): KernelEvent {
  return {
    line: 1,
    time: "Jun 12 15:24:16",
    subsystem: "drbd",
    kind: "split-brain",
    severity: "critical",
    resource: "r0",
    device: null,
    peer: null,
    message: "Split-Brain detected but unresolved, dropping connection!",
    ...partial,
  };
}

describe("drbdResources", () => {
  it("groups each resource's holders across fresh nodes, sorted by name, ignoring stale nodes", () => {
    const snapshot = makeSnapshot({
      nodes: [
        drbdNode("pve1", [resource("vm-101-disk-0"), resource("r0")]),
        drbdNode("pve2", [resource("r0")]),
        drbdNode("pve3", [resource("r0")], { stale: true }),
        node("pve4"),
      ],
    });
    const views = drbdResources(snapshot);
    expect(views.map((v) => v.name)).toEqual(["r0", "vm-101-disk-0"]);
    expect(views[0]!.holders.map((h) => h.node.name)).toEqual(["pve1", "pve2"]);
  });
});

describe("peer identity", () => {
  it.each([
    ["pve2", "pve2", true],
    ["pve2.example.com", "pve2", true],
    ["PVE2", "pve2.lan", true],
    ["pve20", "pve2", false],
  ])("DRBD host %s is Proxmox node %s → %s", (drbd, pve, expected) => {
    expect(sameHost(drbd, pve)).toBe(expected);
  });

  it("a DRBD peer named by its FQDN resolves to the Proxmox node, and unknown hosts keep their DRBD name", () => {
    const pve1 = drbdNode("pve1", [
      resource("r0", { connections: [connection("pve2.example.com"), connection("witness")] }),
    ]);
    const snapshot = makeSnapshot({ nodes: [pve1, drbdNode("pve2", [resource("r0")])] });
    const [view] = drbdResources(snapshot);
    const holder = view!.holders[0]!;
    expect(
      holder.resource.connections.map((c) => peerIdentity(view!, holder, c, snapshot.nodes)),
    ).toEqual(["pve2", "witness"]);
  });

  it("/proc/drbd's unnamed peer is the other holder when exactly two nodes hold the minor, else unknown", () => {
    const proc = drbdFixture(parseProcDrbd, "proc-drbd-8.4-dual-primary-node_exporter.txt");
    const two = makeSnapshot({ nodes: [fixtureNode("pve1", proc), fixtureNode("pve2", proc)] });
    const [view] = drbdResources(two);
    const holder = view!.holders[0]!;
    expect(peerIdentity(view!, holder, holder.resource.connections[0]!, two.nodes)).toBe("pve2");

    const one = makeSnapshot({ nodes: [fixtureNode("pve1", proc)] });
    const [alone] = drbdResources(one);
    const only = alone!.holders[0]!;
    expect(peerIdentity(alone!, only, only.resource.connections[0]!, one.nodes)).toBeNull();
  });
});

describe("diskful devices", () => {
  it.each([
    ["UpToDate, client no", device("UpToDate"), true],
    [
      "Diskless, client yes (a LINSTOR diskless tiebreaker)",
      device("Diskless", { client: true }),
      false,
    ],
    ["Diskless, client not printed (drbdadm status)", device("Diskless", { client: null }), false],
    [
      "Diskless, client no (the backing disk was detached)",
      device("Diskless", { client: false }),
      true,
    ],
    ["Inconsistent", device("Inconsistent"), true],
  ])("%s → diskful %s", (_name, dev, expected) => {
    expect(isDiskful(dev)).toBe(expected);
  });
});

describe("split brain evidence", () => {
  const standAlone = connection("pve2", { connectionState: "StandAlone", peerRole: null });

  it.each([
    [
      "StandAlone with a split-brain line for the resource in the kernel log",
      standAlone,
      [kernelEvent({ peer: "pve2" })],
      true,
    ],
    [
      "StandAlone with a split-brain line for another resource",
      standAlone,
      [kernelEvent({ resource: "r1" })],
      false,
    ],
    [
      "StandAlone with a split-brain line for another peer",
      standAlone,
      [kernelEvent({ peer: "pve3" })],
      false,
    ],
    [
      "StandAlone with only a disconnect in the kernel log",
      standAlone,
      [kernelEvent({ kind: "peer-disconnect" })],
      false,
    ],
    [
      "StandAlone with a DRBD 8 device line naming its minor",
      standAlone,
      [kernelEvent({ resource: null, device: "drbd1000" })],
      true,
    ],
    [
      "Connected although the log once showed a split brain (resolved)",
      connection("pve2"),
      [kernelEvent({})],
      false,
    ],
    [
      "events2 flagged the connection",
      connection("pve2", { connectionState: "Connecting", splitBrain: true }),
      [],
      true,
    ],
  ])("%s → %s", (_name, conn, events, expected) => {
    const pve1 = drbdNode("pve1", [resource("r0", { connections: [conn] })], {
      kernelLog: { lines: 10, truncated: false, events },
    });
    const [view] = drbdResources(makeSnapshot({ nodes: [pve1] }));
    const holder = view!.holders[0]!;
    expect(isSplitBrain(holder, holder.resource.connections[0]!)).toBe(expected);
  });

  it("a real split-brain kernel log marks the real StandAlone connection, and covers the link from both ends", () => {
    const status = drbdFixture(
      parseDrbdadmStatus,
      "drbdadm-status-9-splitbrain-standalone-primary-hwameistor326.txt",
    );
    const log = kernelLogFixture(
      "kernel-log-drbd9-split-brain-detected-unresolved-partial-drbd58.txt",
    );
    // The fixtures come from different clusters: give the kernel log's resource and peer the status's names.
    const name = status.resources[0]!.name;
    const events = log.events.map((e) => ({ ...e, resource: name, peer: "k8s-master" }));
    const survivor = drbdNode("k8s-master", [
      resource(name, {
        connections: [connection("k8s-node", { connectionState: "Connecting", peerRole: null })],
      }),
    ]);
    const snapshot = makeSnapshot({
      nodes: [fixtureNode("k8s-node", status, { ...log, events }), survivor],
    });
    const [view] = drbdResources(snapshot);
    const links = splitBrainLinks(view!, snapshot.nodes);
    const survivorHolder = view!.holders[1]!;
    expect(
      links.has(
        linkKey(
          survivorHolder,
          peerIdentity(
            view!,
            survivorHolder,
            survivorHolder.resource.connections[0]!,
            snapshot.nodes,
          ),
        ),
      ),
    ).toBe(true);
  });
});
