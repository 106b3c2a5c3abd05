import { describe, expect, it } from "vitest";
import { parseDrbdadmStatus } from "@/lib/parsers/drbdadm-status";
import { parseDrbdsetupEvents2 } from "@/lib/parsers/drbdsetup-events2";
import { parseProcDrbd } from "@/lib/parsers/proc-drbd";
import { makeSnapshot } from "../test-helpers";
import { drbdResync } from "./drbd-resync";
import {
  connection,
  device,
  drbdFixture,
  drbdNode,
  fixtureNode,
  mesh,
  meshNodes,
  peerDevice,
  resource,
} from "./drbd-test-helpers";

describe("drbd.resync", () => {
  it("real drbdadm status: SyncTarget done:0.08 (crowbar) → info with the percentage", () => {
    const status = drbdFixture(
      parseDrbdadmStatus,
      "drbdadm-status-9-synctarget-done-crowbar1238.txt",
    );
    const findings = drbdResync(makeSnapshot({ nodes: [fixtureNode("pve2", status)] }));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: "drbd.resync",
        severity: "info",
        subject: "drbd:postgresql",
        title: "DRBD resource postgresql is resynchronising (0.1 % done)",
      }),
    ]);
    expect(findings[0]!.detail).toContain("pve2 syncs from d52-54-77-77-01-01: 0.1 % done");
  });

  it("real drbdadm status: two resources SyncSource at 85.82 % and 7.86 % (icicimov) → one info per resource", () => {
    const status = drbdFixture(
      parseDrbdadmStatus,
      "drbdadm-status-drbd902-pve4-2res-syncsource-initial-icicimov.txt",
    );
    const findings = drbdResync(makeSnapshot({ nodes: [fixtureNode("proxmox01", status)] }));
    expect(findings.map((f) => [f.subject, f.title])).toEqual([
      ["drbd:r0", "DRBD resource r0 is resynchronising (85.8 % done)"],
      ["drbd:r1", "DRBD resource r1 is resynchronising (7.9 % done)"],
    ]);
    expect(findings[0]!.detail).toContain("proxmox02 syncs from proxmox01: 85.8 % done");
  });

  it("real drbdadm status: SyncTarget with no done field (linstor218) → info, progress not reported", () => {
    const status = drbdFixture(
      parseDrbdadmStatus,
      "drbdadm-status-9-inconsistent-synctarget-stuck-diskless-primary-peer-linstor218.txt",
    );
    const findings = drbdResync(makeSnapshot({ nodes: [fixtureNode("m14c20", status)] }));
    expect(findings).toMatchObject([
      {
        subject: "drbd:one-vm-9120-disk-0",
        title: "DRBD resource one-vm-9120-disk-0 is resynchronising",
      },
    ]);
    expect(findings[0]!.detail).toContain("m14c20 syncs from m14c19: progress not reported");
  });

  it("real events2 SyncSource (drbdtop) and real /proc/drbd 8.3 sync → info", () => {
    const events2 = drbdFixture(
      parseDrbdsetupEvents2,
      "drbdsetup-events2-timestamped-syncsource-drbdtop.txt",
    );
    expect(drbdResync(makeSnapshot({ nodes: [fixtureNode("pve1", events2)] }))).toMatchObject([
      { subject: "drbd:test0", severity: "info" },
    ]);
    const proc = drbdFixture(parseProcDrbd, "proc-drbd-8.3-syncsource-progress-checkmk.txt");
    const findings = drbdResync(makeSnapshot({ nodes: [fixtureNode("pve1", proc)] }));
    expect(findings).toMatchObject([
      { subject: "drbd:minor-0", title: "DRBD resource minor-0 is resynchronising (42.4 % done)" },
    ]);
    expect(findings[0]!.detail).toContain("pve1's peer syncs from pve1: 42.4 % done");
  });

  it("both ends report the same resync → one line, with the percentage whichever end printed it", () => {
    const nodes = [
      drbdNode("pve1", [
        resource("r0", {
          role: "Primary",
          connections: [
            connection("pve2", {
              peerDevices: [
                peerDevice("Inconsistent", { replicationState: "SyncSource", donePercent: null }),
              ],
            }),
          ],
        }),
      ]),
      drbdNode("pve2", [
        resource("r0", {
          devices: [device("Inconsistent")],
          connections: [
            connection("pve1", {
              peerRole: "Primary",
              peerDevices: [
                peerDevice("UpToDate", { replicationState: "SyncTarget", donePercent: 42.5 }),
              ],
            }),
          ],
        }),
      ]),
    ];
    const findings = drbdResync(makeSnapshot({ nodes }));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.detail).toBe(
      "pve2 syncs from pve1: 42.5 % done. Until it finishes, the target is not an UpToDate copy and cannot take over on its own.",
    );
  });

  it("a paused resync → info saying it waits", () => {
    const nodes = [
      drbdNode("pve2", [
        resource("r0", {
          devices: [device("Inconsistent")],
          connections: [
            connection("pve1", {
              peerDevices: [
                peerDevice("UpToDate", { replicationState: "PausedSyncT", donePercent: 10 }),
              ],
            }),
          ],
        }),
      ]),
    ];
    expect(drbdResync(makeSnapshot({ nodes }))[0]!.detail).toContain(
      "pve2 waits to sync from pve1: 10.0 % done",
    );
  });

  it.each([
    ["every peer Established", meshNodes(mesh("r0", { pve1: { role: "Primary" }, pve2: {} }))],
    [
      "an online verify (VerifyS) is not a resync",
      [
        drbdNode("pve1", [
          resource("r0", {
            connections: [
              connection("pve2", {
                peerDevices: [
                  peerDevice("UpToDate", { replicationState: "VerifyS", donePercent: 30 }),
                ],
              }),
            ],
          }),
        ]),
      ],
    ],
    [
      "the syncing node is stale",
      [
        drbdNode(
          "pve2",
          [
            resource("r0", {
              connections: [
                connection("pve1", {
                  peerDevices: [peerDevice("UpToDate", { replicationState: "SyncTarget" })],
                }),
              ],
            }),
          ],
          { stale: true },
        ),
      ],
    ],
  ])("%s → no finding", (_name, nodes) => {
    expect(drbdResync(makeSnapshot({ nodes }))).toEqual([]);
  });
});
