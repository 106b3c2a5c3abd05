import { describe, expect, it } from "vitest";
import { parseDrbdadmStatus } from "./drbdadm-status";
import type { DrbdStatus } from "./drbd-types";
import { listFixtures, only, parsedValue, peer, resource, readFixture } from "./test-helpers";

function parseOk(text: string): DrbdStatus {
  return parsedValue(parseDrbdadmStatus(text));
}

function fixture(file: string): DrbdStatus {
  return parseOk(readFixture(`drbd/${file}`));
}

/** Every drbdadm-status-* and drbdsetup-status-verbose-statistics-* fixture, with what it shows. */
const FIXTURES: Record<string, (status: DrbdStatus) => void> = {
  "drbdadm-status-84kernel-utils928-primary-healthy-drbd97.txt": (status) => {
    const r0 = resource(status, "r0");
    expect(r0.role).toBe("Primary");
    expect(only(r0.devices)).toMatchObject({
      volume: 0,
      minor: null,
      diskState: "UpToDate",
      client: false,
    });
    const connection = only(r0.connections);
    expect(connection).toMatchObject({
      peerName: "peer",
      peerNodeId: null,
      connectionState: "Connected",
      peerRole: "Secondary",
    });
    expect(only(connection.peerDevices)).toMatchObject({
      volume: 0,
      replicationState: "Established",
      peerDiskState: "UpToDate",
      donePercent: null,
    });
  },
  "drbdadm-status-84kernel-utils928-both-secondary-after-reboot-drbd97.txt": (status) => {
    const r0 = only(status.resources);
    expect(r0.name).toBe("r0");
    expect(r0.role).toBe("Secondary");
    expect(only(r0.devices).diskState).toBe("UpToDate");
    const connection = only(r0.connections);
    expect(connection.peerRole).toBe("Secondary");
    expect(connection.connectionState).toBe("Connected");
    expect(only(connection.peerDevices).replicationState).toBe("Established");
  },
  "drbdadm-status-9-3node-primary-healthy-linstor213.txt": (status) => {
    const res = resource(status, "pvc-1ed58414-0a3d-415d-8b20-80d4fae9cf71");
    expect(res.role).toBe("Primary");
    expect(only(res.devices).diskState).toBe("UpToDate");
    expect(res.connections.map((c) => [c.peerName, c.connectionState, c.peerRole])).toEqual([
      ["kube-node-1", "Connected", "Secondary"],
      ["kube-node-6", "Connected", "Secondary"],
    ]);
    for (const connection of res.connections) {
      // Established is not printed without --verbose: it is implied by a Connected peer.
      expect(only(connection.peerDevices)).toMatchObject({
        replicationState: "Established",
        peerDiskState: "UpToDate",
      });
    }
  },
  "drbdadm-status-9-3node-secondary-healthy-linstor213.txt": (status) => {
    const res = only(status.resources);
    expect(res.role).toBe("Secondary");
    expect(peer(res, "kube-node-1").peerRole).toBe("Secondary");
    expect(peer(res, "kube-node-2").peerRole).toBe("Primary");
    expect(only(peer(res, "kube-node-2").peerDevices).peerDiskState).toBe("UpToDate");
  },
  "drbdadm-status-9-connecting-after-start-crowbar1238.txt": (status) => {
    const res = resource(status, "postgresql");
    expect(res.role).toBe("Secondary");
    expect(only(res.devices).diskState).toBe("Inconsistent");
    const connection = only(res.connections);
    expect(connection).toMatchObject({
      peerName: "d52-54-77-77-01-01",
      connectionState: "Connecting",
      peerRole: null,
      peerDevices: [],
    });
  },
  "drbdadm-status-9-inconsistent-no-replication-field-linstor203.txt": (status) => {
    const res = resource(status, "one-vm-7707-disk-0");
    expect(res.role).toBe("Secondary");
    expect(only(res.devices).diskState).toBe("Inconsistent");
    expect(peer(res, "m10c41")).toMatchObject({
      peerRole: "Secondary",
      connectionState: "Connected",
    });
    expect(only(peer(res, "m10c41").peerDevices)).toMatchObject({
      replicationState: "Established",
      peerDiskState: "UpToDate",
      donePercent: null,
    });
    expect(peer(res, "m11c4").peerRole).toBe("Primary");
    // A diskless peer of unknown kind: the text was printed on a terminal, without peer-client.
    expect(only(peer(res, "m11c4").peerDevices)).toMatchObject({
      peerDiskState: "Diskless",
      peerClient: null,
    });
  },
  "drbdadm-status-9-inconsistent-synctarget-stuck-diskless-primary-peer-linstor218.txt": (
    status,
  ) => {
    const res = resource(status, "one-vm-9120-disk-0");
    expect(res.role).toBe("Secondary");
    expect(only(res.devices).diskState).toBe("Inconsistent");
    expect(only(peer(res, "m14c19").peerDevices)).toEqual({
      volume: 0,
      replicationState: "SyncTarget",
      peerDiskState: "UpToDate",
      donePercent: null,
      peerClient: false,
      outOfSyncKiB: null,
      resyncSuspended: null,
    });
    expect(peer(res, "m14c36").peerRole).toBe("Primary");
    expect(only(peer(res, "m14c36").peerDevices).peerDiskState).toBe("Diskless");
  },
  "drbdadm-status-9-quorum-no-diskless-standalone-colo-srv-1-reactor1.txt": (status) => {
    const res = resource(status, "linstor_db");
    expect(res.role).toBe("Secondary");
    expect(res.quorum).toBe(false);
    expect(only(res.devices)).toMatchObject({ diskState: "Diskless", quorum: false, client: null });
    expect(res.connections.map((c) => [c.peerName, c.connectionState])).toEqual([
      ["colo-srv-2", "StandAlone"],
      ["colo-srv-3", "StandAlone"],
    ]);
  },
  "drbdadm-status-9-quorum-no-uptodate-connecting-colo-srv-3-reactor1.txt": (status) => {
    const res = resource(status, "linstor_db");
    expect(res.role).toBe("Secondary");
    expect(res.quorum).toBe(false);
    expect(only(res.devices)).toMatchObject({
      diskState: "UpToDate",
      quorum: false,
      client: false,
    });
    expect(res.connections.map((c) => [c.peerName, c.connectionState])).toEqual([
      ["colo-srv-1", "Connecting"],
      ["colo-srv-2", "Connecting"],
    ]);
  },
  "drbdadm-status-9-splitbrain-standalone-primary-hwameistor326.txt": (status) => {
    const res = resource(status, "pvc-4d6880e8-50ef-42fe-8b8d-e8f987987992");
    expect(res.role).toBe("Primary");
    expect(res.quorum).toBeNull();
    expect(only(res.devices).diskState).toBe("UpToDate");
    expect(only(res.connections)).toMatchObject({
      peerName: "k8s-master",
      connectionState: "StandAlone",
      peerDevices: [],
    });
    // drbdadm status does not say why a peer is StandAlone.
    expect(only(res.connections).splitBrain).toBeUndefined();
  },
  "drbdadm-status-9-synctarget-done-crowbar1238.txt": (status) => {
    const res = resource(status, "postgresql");
    expect(only(res.devices).diskState).toBe("Inconsistent");
    const connection = only(res.connections);
    expect(connection.peerRole).toBe("Primary");
    expect(only(connection.peerDevices)).toMatchObject({
      replicationState: "SyncTarget",
      peerDiskState: "UpToDate",
      donePercent: 0.08,
    });
  },
  "drbdadm-status-9-uptodate-after-sync-crowbar1238.txt": (status) => {
    const res = resource(status, "postgresql");
    expect(res.role).toBe("Secondary");
    expect(only(res.devices).diskState).toBe("UpToDate");
    expect(only(only(res.connections).peerDevices)).toMatchObject({
      replicationState: "Established",
      peerDiskState: "UpToDate",
      donePercent: null,
    });
  },
  "drbdadm-status-drbd902-pve4-2res-syncsource-initial-icicimov.txt": (status) => {
    // The blank separator line is a single space as published.
    expect(status.resources.map((r) => [r.name, r.role, r.devices[0]?.diskState])).toEqual([
      ["r0", "Primary", "UpToDate"],
      ["r1", "Primary", "UpToDate"],
    ]);
    const done = status.resources.map((r) => {
      const connection = only(r.connections);
      expect(connection).toMatchObject({ peerName: "proxmox02", peerRole: "Secondary" });
      const peerDevice = only(connection.peerDevices);
      expect(peerDevice).toMatchObject({
        replicationState: "SyncSource",
        peerDiskState: "Inconsistent",
      });
      return peerDevice.donePercent;
    });
    expect(done).toEqual([85.82, 7.86]);
  },
  "drbdsetup-status-verbose-statistics-9-2node-established-drdb01-notes.txt": (status) => {
    expect(status).toEqual({
      source: "drbdadm-status",
      version: null,
      resources: [
        {
          name: "r0",
          role: "Primary",
          suspended: false,
          suspendedReasons: [],
          quorum: null,
          nodeId: null,
          writeOrdering: "flush",
          devices: [
            {
              volume: 0,
              minor: 1,
              diskState: "UpToDate",
              client: false,
              quorum: null,
              donePercent: null,
              sizeKiB: 31455260,
            },
          ],
          connections: [
            {
              peerName: "peer",
              peerNodeId: null,
              connectionState: "Connected",
              peerRole: "Secondary",
              congested: false,
              peerDevices: [
                {
                  volume: 0,
                  replicationState: "Established",
                  peerDiskState: "UpToDate",
                  donePercent: null,
                  peerClient: false,
                  outOfSyncKiB: 0,
                  resyncSuspended: "no",
                },
              ],
            },
          ],
        },
      ],
    });
  },
};

const MY_PATTERNS = [/^drbdadm-status-/, /^drbdsetup-status-verbose-statistics-/];

describe("parseDrbdadmStatus on the shared fixtures", () => {
  for (const [file, check] of Object.entries(FIXTURES)) {
    it(file, () => check(fixture(file)));
  }

  it("has a named test for every drbdadm/drbdsetup status text fixture", () => {
    const files = listFixtures("drbd").filter((f) => MY_PATTERNS.some((p) => p.test(f)));
    expect(files.length).toBeGreaterThan(0);
    expect(Object.keys(FIXTURES).sort()).toEqual(files);
  });

  it("gives the same result with CRLF line endings", () => {
    for (const file of Object.keys(FIXTURES)) {
      const text = readFixture(`drbd/${file}`);
      expect(parseOk(text.replace(/\n/g, "\r\n"))).toEqual(parseOk(text));
    }
  });

  it("returns plain JSON-serialisable objects", () => {
    for (const file of Object.keys(FIXTURES)) {
      const status = fixture(file);
      expect(JSON.parse(JSON.stringify(status))).toEqual(status);
    }
  });
});

/** Which parser reads which file of fixtures/drbd, and why the others are not DRBD status. */
describe("the drbd fixture folder", () => {
  const FORMATS: [RegExp, string][] = [
    [/^drbdadm-status-/, "drbdadm-status"],
    [/^drbdsetup-status-verbose-statistics-/, "drbdadm-status"],
    [/^drbdsetup-status-json-/, "drbdsetup-json"],
    [/^drbdsetup-events2-/, "drbdsetup-events2"],
    [/^proc-drbd-/, "proc-drbd"],
  ];
  const NOT_OURS: [RegExp, string][] = [
    [
      /^drbd-overview-/,
      "drbd-overview summary table: not a source the agent reads (no peer or volume detail)",
    ],
    [
      /^init-drbd-status-/,
      "/etc/init.d/drbd status table (drbd-overview style), not a contract source",
    ],
    [/^kernel-log-/, "kernel log lines: parsed by the kernel-log parser"],
  ];

  it("assigns every file to one of the DRBD parsers or names why it is not one", () => {
    const unassigned = listFixtures("drbd").filter(
      (f) => !FORMATS.some(([p]) => p.test(f)) && !NOT_OURS.some(([p]) => p.test(f)),
    );
    expect(unassigned).toEqual([]);
    const notOurs = listFixtures("drbd").filter((f) => NOT_OURS.some(([p]) => p.test(f)));
    expect(notOurs).toEqual([
      "drbd-overview-8.4-standalone-mounted-trinity651.txt",
      "init-drbd-status-8.3-wfconnection-many-minors-partial-ganeti673.txt",
      "kernel-log-drbd9-peer-disconnect-outdated-partial-linstor213.txt",
      "kernel-log-drbd9-split-brain-detected-unresolved-partial-drbd58.txt",
    ]);
  });

  it("refuses the drbd-overview table instead of misreading it", () => {
    const result = parseDrbdadmStatus(
      readFixture("drbd/drbd-overview-8.4-standalone-mounted-trinity651.txt"),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.line).toBe(1);
  });
});

describe("parseDrbdadmStatus", () => {
  it("reads several volumes and their peer volumes", () => {
    const status = parseOk(
      [
        "r0 role:Primary",
        "  volume:0 disk:UpToDate",
        "  volume:1 disk:Outdated",
        "  pve2 role:Secondary",
        "    volume:0 peer-disk:UpToDate",
        "    volume:1 replication:PausedSyncS peer-disk:Inconsistent done:42.00 resync-suspended:user",
        "",
      ].join("\n"),
    );
    const r0 = only(status.resources);
    expect(r0.devices.map((d) => [d.volume, d.diskState])).toEqual([
      [0, "UpToDate"],
      [1, "Outdated"],
    ]);
    const connection = only(r0.connections);
    expect(connection.peerDevices).toEqual([
      {
        volume: 0,
        replicationState: "Established",
        peerDiskState: "UpToDate",
        donePercent: null,
        peerClient: false,
        outOfSyncKiB: null,
        resyncSuspended: null,
      },
      {
        volume: 1,
        replicationState: "PausedSyncS",
        peerDiskState: "Inconsistent",
        donePercent: 42,
        peerClient: false,
        outOfSyncKiB: null,
        resyncSuspended: "user",
      },
    ]);
  });

  it("reads suspension, quorum, diskless clients and verbose ids", () => {
    const status = parseOk(
      [
        "vm-100-disk-1 node-id:2 role:Secondary suspended:user,quorum",
        "    write-ordering:drain",
        "  volume:0 minor:1000 disk:Diskless client:yes quorum:no open:no",
        "  pve1 node-id:0 connection:Connected role:Primary congested:yes ap-in-flight:0",
        "      rs-in-flight:0",
        "    volume:0 replication:Established peer-disk:UpToDate peer-client:no",
        "        resync-suspended:no",
        "  pve3 node-id:1 connection:Connecting role:Unknown congested:no",
        "    volume:0 replication:Off peer-disk:DUnknown",
      ].join("\n"),
    );
    const res = only(status.resources);
    expect(res).toMatchObject({
      name: "vm-100-disk-1",
      role: "Secondary",
      nodeId: 2,
      suspended: true,
      suspendedReasons: ["user", "quorum"],
      quorum: false,
      writeOrdering: "drain",
    });
    expect(only(res.devices)).toMatchObject({
      volume: 0,
      minor: 1000,
      diskState: "Diskless",
      client: true,
      quorum: false,
    });
    expect(peer(res, "pve1")).toMatchObject({
      peerNodeId: 0,
      connectionState: "Connected",
      peerRole: "Primary",
      congested: true,
    });
    expect(only(peer(res, "pve3").peerDevices)).toMatchObject({
      replicationState: "Off",
      peerDiskState: "DUnknown",
    });
  });

  it("reads a connection that has no name (node-id in its place)", () => {
    const status = parseOk(
      "r0 role:Secondary\n  disk:UpToDate\n  node-id:1 connection:Connecting\n",
    );
    expect(only(only(status.resources).connections)).toMatchObject({
      peerName: null,
      peerNodeId: 1,
      connectionState: "Connecting",
    });
  });

  it("reads a resource line whose role wrapped onto the next line", () => {
    const name = `pvc-${"a".repeat(72)}`;
    const status = parseOk(`${name}\n    role:Primary\n  disk:UpToDate\n`);
    expect(only(status.resources)).toMatchObject({ name, role: "Primary" });
  });

  it("ignores terminal colour codes", () => {
    const status = parseOk(
      "r0 role:\u001b[1mPrimary\u001b[0m\n  disk:\u001b[32mUpToDate\u001b[0m\n  peer connection:\u001b[31mStandAlone\u001b[0m\n",
    );
    const r0 = only(status.resources);
    expect(r0.role).toBe("Primary");
    expect(only(r0.devices).diskState).toBe("UpToDate");
    expect(only(r0.connections).connectionState).toBe("StandAlone");
  });

  it("reads empty output and the 'nothing configured' comment as no resources", () => {
    for (const text of ["", "\n", "  \n", "# No currently configured DRBD found.\n"]) {
      expect(parseDrbdadmStatus(text)).toEqual({
        ok: true,
        value: { source: "drbdadm-status", version: null, resources: [] },
      });
    }
  });

  it("keeps unknown keys out of the way", () => {
    const status = parseOk("r0 role:Primary future-key:42\n  disk:UpToDate blocked:upper\n");
    expect(only(status.resources)).toMatchObject({
      role: "Primary",
      devices: [{ diskState: "UpToDate" }],
    });
  });

  it("refuses garbage, naming the line", () => {
    const cases: [string, number, RegExp][] = [
      ["hello world\n", 1, /key:value/],
      ["r0: No such resource\n", 1, /resource line/],
      ["  disk:UpToDate\n", 1, /before any resource/],
      ["r0 role:Primary\n  disk:UpToDate\n  flavour:odd\n", 3, /volume or a peer/],
      ["r0 role:Primary\n  volume:x disk:UpToDate\n", 2, /volume is not a number/],
      ["r0 role:Primary\n  volume:1\n", 2, /no disk state/],
      ['<drbd-status version="8.3.7" api="88">\n', 1, /XML/],
    ];
    for (const [text, line, message] of cases) {
      const result = parseDrbdadmStatus(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) {
        expect(result.error.format).toBe("drbdadm-status");
        expect(result.error.line, text).toBe(line);
        expect(result.error.message).toMatch(message);
      }
    }
  });

  it("refuses a resource without a role", () => {
    const result = parseDrbdadmStatus("r0\n  disk:UpToDate\n");
    expect(result).toMatchObject({
      ok: false,
      error: { line: 1, message: expect.stringMatching(/no role/) as unknown },
    });
  });

  it("refuses output cut inside a token, naming the last line", () => {
    const text = readFixture("drbd/drbdadm-status-9-synctarget-done-crowbar1238.txt");
    const cut = text.slice(0, text.indexOf("peer-disk") + 6);
    const result = parseDrbdadmStatus(cut);
    expect(result).toMatchObject({ ok: false, error: { line: 4 } });
  });

  it("reads output cut at a line boundary as far as it goes", () => {
    const text = readFixture(
      "drbd/drbdadm-status-drbd902-pve4-2res-syncsource-initial-icicimov.txt",
    );
    const status = parseOk(text.split("\n").slice(0, 4).join("\n"));
    expect(only(status.resources).name).toBe("r0");
  });

  it("refuses binary input and non-text", () => {
    expect(parseDrbdadmStatus("r0 role:Primary\n\u0000").ok).toBe(false);
    expect(parseDrbdadmStatus(42 as unknown as string).ok).toBe(false);
  });

  it("reads a large output in linear time", () => {
    const block =
      "r{i} role:Secondary\n  disk:UpToDate\n  pve2 role:Primary\n    peer-disk:UpToDate\n";
    const text = Array.from({ length: 20_000 }, (_, i) => block.replace("{i}", String(i))).join("");
    const started = performance.now();
    expect(parseOk(text).resources).toHaveLength(20_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
