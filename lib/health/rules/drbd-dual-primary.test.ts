import { describe, expect, it } from "vitest";
import { parseDrbdadmStatus } from "@/lib/parsers/drbdadm-status";
import { parseDrbdsetupJson } from "@/lib/parsers/drbdsetup-json";
import { parseProcDrbd } from "@/lib/parsers/proc-drbd";
import { parsedValue, readFixture } from "@/lib/parsers/test-helpers";
import type { NodeSnapshot } from "@/lib/snapshot/types";
import { apiView, fromCfg, makeSnapshot } from "../test-helpers";
import { drbdDualPrimary } from "./drbd-dual-primary";
import {
  connection,
  drbdFixture,
  drbdNode,
  fixtureNode,
  mesh,
  meshNodes,
  peerDevice,
  resource,
} from "./drbd-test-helpers";

/** Two Primaries of one resource, each reporting its own view of the link to the other. */
function primaryPair(
  pve1: { state: string; peerName?: string | null; oos?: number },
  pve2: { state: string; peerName?: string | null; oos?: number },
): NodeSnapshot[] {
  const side = (self: string, other: string, view: typeof pve1) =>
    drbdNode(
      self,
      [
        resource("r0", {
          role: "Primary",
          devices: [{ volume: 0, minor: 0, diskState: "UpToDate", client: false, quorum: null }],
          connections: [
            connection(view.peerName === undefined ? other : view.peerName, {
              connectionState: view.state,
              peerRole: view.state === "Connected" ? "Primary" : "Unknown",
              peerDevices: [
                peerDevice(view.state === "Connected" ? "UpToDate" : "DUnknown", {
                  outOfSyncKiB: view.oos ?? 0,
                }),
              ],
            }),
          ],
        }),
      ],
      { source: view.peerName === null ? "proc-drbd" : "drbdadm-status" },
    );
  return [side("pve1", "pve2", pve1), side("pve2", "pve1", pve2)];
}

const PVE19_STORAGE_CFG = [
  "dir: local",
  "\tpath /var/lib/vz",
  "\tcontent backup,vztmpl,iso",
  "",
  "lvm: drbd-lvm",
  "\tvgname drbdvg",
  "\tcontent images",
  "\tshared 1",
  "",
].join("\n");

/** A /proc/drbd text for minor 0 as the 8.4.11 module prints it, with only the state fields set. */
function procDrbd(stateLine: string, counters: string): string {
  return [
    "version: 8.4.11 (api:1/proto:86-101)",
    "srcversion: 96ED19D4C144624490A9AB1 ",
    ` 0: ${stateLine}`,
    `    ${counters}`,
    "",
  ].join("\n");
}

function procNode(name: string, text: string): NodeSnapshot {
  return fixtureNode(name, parsedValue(parseProcDrbd(text)));
}

describe("drbd.dual-primary", () => {
  describe("Primaries connected to each other (allow-two-primaries) → info", () => {
    it.each([
      [
        "pve1 and pve2 both report role Primary over a Connected link",
        meshNodes(mesh("r0", { pve1: { role: "Primary" }, pve2: { role: "Primary" }, pve3: {} })),
        2,
        "pve1 and pve2 report role Primary",
      ],
      [
        "pve1 is Primary and sees a non-Proxmox peer as Primary",
        [
          drbdNode("pve1", [
            resource("r0", {
              role: "Primary",
              connections: [connection("witness", { peerRole: "Primary" })],
            }),
          ]),
        ],
        2,
        "pve1 sees witness as Primary",
      ],
      [
        "pve1 is Primary and sees stale pve2 as Primary",
        meshNodes(mesh("r0", { pve1: { role: "Primary" }, pve2: { role: "Primary" } }), ["pve2"]),
        2,
        "pve1 sees pve2 as Primary",
      ],
      [
        "all three report Primary, every link Connected",
        meshNodes(
          mesh("r0", {
            pve1: { role: "Primary" },
            pve2: { role: "Primary" },
            pve3: { role: "Primary" },
          }),
        ),
        3,
        "pve1, pve2 and pve3 report role Primary",
      ],
      [
        "pve1 and pve2 are Primary and connected; only their links to Secondary pve3 are down",
        [
          drbdNode("pve1", [
            resource("r0", {
              role: "Primary",
              connections: [
                connection("pve2", { peerRole: "Primary" }),
                connection("pve3", { connectionState: "Connecting", peerRole: "Unknown" }),
              ],
            }),
          ]),
          drbdNode("pve2", [
            resource("r0", {
              role: "Primary",
              connections: [
                connection("pve1", { peerRole: "Primary" }),
                connection("pve3", { connectionState: "Connecting", peerRole: "Unknown" }),
              ],
            }),
          ]),
        ],
        2,
        "pve1 → pve2: Connected; pve2 → pve1: Connected",
      ],
      [
        "drbd-utils 9 on an 8.4 kernel calls each side's peer 'peer' → the pair is pve1 and pve2",
        primaryPair(
          { state: "Connected", peerName: "peer" },
          { state: "Connected", peerName: "peer" },
        ),
        2,
        "pve1 → pve2: Connected; pve2 → pve1: Connected",
      ],
    ])("%s", (_name, nodes, count, detail) => {
      const findings = drbdDualPrimary(makeSnapshot({ nodes }));
      expect(findings).toMatchObject([
        {
          rule: "drbd.dual-primary",
          severity: "info",
          subject: "drbd:r0",
          title: `DRBD resource r0 is Primary on ${count} nodes at once, replicating between them`,
        },
      ]);
      expect(findings[0]!.detail).toContain(detail);
      expect(findings[0]!.detail).toContain("allow-two-primaries");
      expect(findings[0]!.remedy).toMatch(/^Nothing to do if `allow-two-primaries` is intended/);
      expect(findings[0]!.remedy).toContain("drbdadm dump r0 | grep allow-two-primaries");
    });

    it("real /proc/drbd 8.4 with ro:Primary/Primary from one node → info, the unnamed peer counts", () => {
      const status = drbdFixture(parseProcDrbd, "proc-drbd-8.4-dual-primary-node_exporter.txt");
      const findings = drbdDualPrimary(makeSnapshot({ nodes: [fixtureNode("pve1", status)] }));
      expect(findings).toMatchObject([
        {
          severity: "info",
          subject: "drbd:minor-1",
          title: "DRBD resource minor-1 is Primary on 2 nodes at once, replicating between them",
        },
      ]);
      expect(findings[0]!.detail).toContain(
        "pve1 sees pve1's peer as Primary; pve1 → pve1's peer: Connected",
      );
    });

    it("real /proc/drbd 8.4 Primary/Primary from both nodes → counted as two, connected both ways", () => {
      const status = drbdFixture(parseProcDrbd, "proc-drbd-8.4-dual-primary-node_exporter.txt");
      const findings = drbdDualPrimary(
        makeSnapshot({ nodes: [fixtureNode("pve1", status), fixtureNode("pve2", status)] }),
      );
      expect(findings).toMatchObject([
        {
          severity: "info",
          title: "DRBD resource minor-1 is Primary on 2 nodes at once, replicating between them",
        },
      ]);
      expect(findings[0]!.detail).toContain(
        "pve1 and pve2 report role Primary; pve1 → pve2: Connected, 12.1 MiB out of sync; pve2 → pve1: Connected, 12.1 MiB out of sync",
      );
    });
  });

  describe("Primaries not connected to each other → critical", () => {
    it.each([
      [
        "both /proc/drbd sides StandAlone after the split-brain handshake",
        primaryPair(
          { state: "StandAlone", peerName: null, oos: 607116 },
          { state: "StandAlone", peerName: null, oos: 212844 },
        ),
        "pve1 → pve2: StandAlone, 593 MiB out of sync; pve2 → pve1: StandAlone, 208 MiB out of sync",
      ],
      [
        "both /proc/drbd sides WFConnection while the replication link is still down",
        primaryPair(
          { state: "WFConnection", peerName: null },
          { state: "WFConnection", peerName: null },
        ),
        "pve1 → pve2: WFConnection; pve2 → pve1: WFConnection",
      ],
      [
        "one side StandAlone, the other WFConnection (the peer dropped the link first)",
        primaryPair(
          { state: "StandAlone", peerName: null },
          { state: "WFConnection", peerName: null },
        ),
        "pve1 → pve2: StandAlone; pve2 → pve1: WFConnection",
      ],
      [
        "DRBD 9 Primaries both Connecting to each other",
        primaryPair({ state: "Connecting" }, { state: "Connecting" }),
        "pve1 → pve2: Connecting; pve2 → pve1: Connecting",
      ],
      [
        "one side still sees Connected while the other is already StandAlone (the views raced)",
        primaryPair({ state: "Connected" }, { state: "StandAlone" }),
        "pve2 → pve1: StandAlone",
      ],
      [
        "three Primaries where pve3 is cut off from both others",
        [
          drbdNode("pve1", [
            resource("r0", {
              role: "Primary",
              connections: [
                connection("pve2", { peerRole: "Primary" }),
                connection("pve3", { connectionState: "StandAlone", peerRole: "Unknown" }),
              ],
            }),
          ]),
          drbdNode("pve2", [
            resource("r0", {
              role: "Primary",
              connections: [
                connection("pve1", { peerRole: "Primary" }),
                connection("pve3", { connectionState: "StandAlone", peerRole: "Unknown" }),
              ],
            }),
          ]),
          drbdNode("pve3", [
            resource("r0", {
              role: "Primary",
              connections: [
                connection("pve1", { connectionState: "Connecting", peerRole: "Unknown" }),
                connection("pve2", { connectionState: "Connecting", peerRole: "Unknown" }),
              ],
            }),
          ]),
        ],
        "pve1 → pve3: StandAlone; pve2 → pve3: StandAlone; pve3 → pve1: Connecting; pve3 → pve2: Connecting",
      ],
      [
        "two Primaries that name their peers but have no connection to each other",
        [
          drbdNode("pve1", [
            resource("r0", { role: "Primary", connections: [connection("pve3")] }),
          ]),
          drbdNode("pve2", [
            resource("r0", { role: "Primary", connections: [connection("pve3")] }),
          ]),
        ],
        "pve1 and pve2 have no DRBD connection to each other",
      ],
    ])("%s", (_name, nodes, detail) => {
      const findings = drbdDualPrimary(makeSnapshot({ nodes }));
      expect(findings).toHaveLength(1);
      const [finding] = findings;
      expect(finding).toMatchObject({
        rule: "drbd.dual-primary",
        severity: "critical",
        subject: "drbd:r0",
      });
      expect(finding!.title).toMatch(
        /^DRBD resource r0 is Primary on (2 nodes that are not|3 nodes, not all of them) connected to each other$/,
      );
      expect(finding!.detail).toContain(detail);
      expect(finding!.detail).toContain("split brain in the making");
    });

    it("remedy: the guide's recovery, in order, naming the volume group of the shared LVM storage", () => {
      const findings = drbdDualPrimary(
        makeSnapshot({
          nodes: primaryPair(
            { state: "StandAlone", peerName: null },
            { state: "StandAlone", peerName: null },
          ),
          api: apiView({ storages: fromCfg(PVE19_STORAGE_CFG) }),
        }),
      );
      const remedy = findings[0]!.remedy;
      const steps = [
        "On the victim",
        "`drbdadm disconnect r0`",
        "`vgchange -an drbdvg` (drbdvg is the volume group of shared LVM storage drbd-lvm; `pvs /dev/drbd0` confirms it sits on /dev/drbd0)",
        "`drbdadm secondary r0`",
        "`drbdadm connect --discard-my-data r0`",
        "On the survivor: `drbdadm connect r0`",
        "UpToDate/UpToDate",
        "`drbdadm primary r0`",
      ];
      for (const step of steps) expect(remedy).toContain(step);
      const positions = steps.map((step) => remedy.indexOf(step));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    });

    it.each([
      ["no storage.cfg at all", []],
      [
        "two shared LVM storages, so which one sits on the DRBD device is unknown",
        fromCfg(
          `${PVE19_STORAGE_CFG}lvm: san-lvm\n\tvgname san-vg\n\tcontent images\n\tshared 1\n\n`,
        ),
      ],
      [
        "the only shared LVM storage is built on an iSCSI LUN",
        fromCfg(
          "lvm: san-lvm\n\tvgname san-vg\n\tbase iscsi-san:0.0.1.scsi-36001405\n\tcontent images\n\tshared 1\n\n",
        ),
      ],
    ])("remedy names the volume group generically when %s", (_name, storages) => {
      const findings = drbdDualPrimary(
        makeSnapshot({
          nodes: primaryPair(
            { state: "StandAlone", peerName: null },
            { state: "StandAlone", peerName: null },
          ),
          api: apiView({ storages }),
        }),
      );
      expect(findings[0]!.remedy).toContain(
        "`vgchange -an <volume group>` for the volume group on /dev/drbd0 (`pvs /dev/drbd0` names it)",
      );
    });

    it("real /proc/drbd 8.4.11 from both nodes after a dual-Primary split brain (both StandAlone) → critical with the out-of-sync amounts", () => {
      const node = (name: string, file: string) =>
        fixtureNode(name, parsedValue(parseProcDrbd(readFixture(`drbd8-dual-primary/${file}`))));
      const findings = drbdDualPrimary(
        makeSnapshot({
          nodes: [
            node("pve1", "proc-drbd-8.4.11-dual-primary-split-brain-standalone-node-a-grimore.txt"),
            node("pve2", "proc-drbd-8.4.11-dual-primary-split-brain-standalone-node-b-grimore.txt"),
          ],
        }),
      );
      expect(findings).toMatchObject([
        {
          severity: "critical",
          subject: "drbd:minor-0",
          title: "DRBD resource minor-0 is Primary on 2 nodes that are not connected to each other",
        },
      ]);
      expect(findings[0]!.detail).toContain(
        "pve1 → pve2: StandAlone, 68.3 GiB out of sync; pve2 → pve1: StandAlone, 32.3 GiB out of sync",
      );
      expect(findings[0]!.remedy).toContain("`drbdadm connect --discard-my-data minor-0`");
    });
  });

  describe("no dual-Primary → no finding", () => {
    it.each([
      [
        "one Primary, two Secondaries",
        meshNodes(mesh("r0", { pve1: { role: "Primary" }, pve2: {}, pve3: {} })),
      ],
      ["no Primary at all", meshNodes(mesh("r0", { pve1: {}, pve2: {} }))],
      // A Secondary's view of two Primary peers could be one host under two names; only a Primary's own view is proof.
      [
        "a Secondary sees a Primary peer while that peer reports itself → judged by its own report",
        [
          drbdNode("pve1", [resource("r0", { role: "Primary" })]),
          drbdNode("pve2", [
            resource("r0", {
              connections: [connection("pve1.example.com", { peerRole: "Primary" })],
            }),
          ]),
        ],
      ],
      [
        "a Primary sees a peer as Primary that reports itself Secondary (the two views raced) → its own report wins",
        [
          drbdNode("pve1", [
            resource("r0", {
              role: "Primary",
              connections: [connection("pve2", { peerRole: "Primary" })],
            }),
          ]),
          drbdNode("pve2", [resource("r0")]),
        ],
      ],
      [
        "a Primary and a Secondary that are StandAlone towards each other → not this rule's finding",
        [
          drbdNode("pve1", [
            resource("r0", {
              role: "Primary",
              connections: [connection("pve2", { connectionState: "StandAlone", peerRole: null })],
            }),
          ]),
          drbdNode("pve2", [
            resource("r0", {
              connections: [connection("pve1", { connectionState: "StandAlone", peerRole: null })],
            }),
          ]),
        ],
      ],
      [
        "a cut-off Primary whose peer does not report → nobody can tell whether the peer is Primary",
        [
          procNode(
            "pve1",
            procDrbd(
              "cs:WFConnection ro:Primary/Unknown ds:UpToDate/DUnknown C r-----",
              "ns:0 nr:0 dw:4096 dr:0 al:1 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:4096",
            ),
          ),
        ],
      ],
      [
        "drbd-utils 9 on an 8.4 kernel: Primary/Secondary, each side's peer called 'peer'",
        [
          fixtureNode(
            "pve1",
            drbdFixture(
              parseDrbdadmStatus,
              "drbdadm-status-84kernel-utils928-primary-healthy-drbd97.txt",
            ),
          ),
          drbdNode("pve2", [
            resource("r0", { connections: [connection("peer", { peerRole: "Primary" })] }),
          ]),
        ],
      ],
    ])("%s", (_name, nodes) => {
      expect(drbdDualPrimary(makeSnapshot({ nodes }))).toEqual([]);
    });

    it("both Primaries are stale → no finding", () => {
      const nodes = meshNodes(
        mesh("r0", { pve1: { role: "Primary" }, pve2: { role: "Primary" } }),
        ["pve1", "pve2"],
      );
      expect(drbdDualPrimary(makeSnapshot({ nodes }))).toEqual([]);
    });

    it("real drbdsetup JSON with a Secondary seeing a Primary peer → no finding", () => {
      const status = drbdFixture(
        parseDrbdsetupJson,
        "drbdsetup-status-json-2res-quorum-false-ha_cluster_exporter.json",
      );
      expect(drbdDualPrimary(makeSnapshot({ nodes: [fixtureNode("pve1", status)] }))).toEqual([]);
    });
  });
});
