import { describe, expect, it } from "vitest";
import type { DrbdStatus } from "./drbd-types";
import { parseDrbdsetupEvents2 } from "./drbdsetup-events2";
import { listFixtures, only, parsedValue, peer, resource, readFixture } from "./test-helpers";

function parseOk(text: string): DrbdStatus {
  return parsedValue(parseDrbdsetupEvents2(text));
}

const FIXTURES: Record<string, (status: DrbdStatus) => void> = {
  "drbdsetup-events2-now-statistics-9-2node-established-drdb01-notes.txt": (status) => {
    expect(status).toEqual({
      source: "drbdsetup-events2",
      version: null,
      initialStateComplete: true,
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
              peerNodeId: 0,
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
  "drbdsetup-events2-timestamped-syncsource-drbdtop.txt": (status) => {
    // Early 9.0 lines: no peer-node-id, connections are known by conn-name only; no "exists -".
    expect(status.initialStateComplete).toBe(false);
    const test0 = resource(status, "test0");
    expect(test0).toMatchObject({ role: "Primary", suspended: false, writeOrdering: "flush" });
    expect(only(test0.devices)).toMatchObject({
      volume: 0,
      minor: 0,
      diskState: "UpToDate",
      client: false,
      sizeKiB: 4056,
    });
    const connection = only(test0.connections);
    expect(connection).toMatchObject({
      peerName: "peer",
      peerNodeId: null,
      connectionState: "Connected",
      peerRole: "Secondary",
      congested: false,
    });
    expect(only(connection.peerDevices)).toMatchObject({
      volume: 0,
      replicationState: "SyncSource",
      peerDiskState: "Inconsistent",
      // this drbd-utils printed no "done:" for the resync, only the out-of-sync amount
      donePercent: null,
      outOfSyncKiB: 205655500,
    });
  },
};

describe("parseDrbdsetupEvents2 on the shared fixtures", () => {
  for (const [file, check] of Object.entries(FIXTURES)) {
    it(file, () => check(parseOk(readFixture(`drbd/${file}`))));
  }

  it("has a named test for every drbdsetup-events2 fixture", () => {
    const files = listFixtures("drbd").filter((f) => f.startsWith("drbdsetup-events2-"));
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
      const status = parseOk(readFixture(`drbd/${file}`));
      expect(JSON.parse(JSON.stringify(status))).toEqual(status);
    }
  });

  it("refuses the kernel log samples (another format)", () => {
    const samples = listFixtures("drbd").filter((f) => f.startsWith("kernel-log-"));
    expect(samples.length).toBeGreaterThan(0);
    for (const file of samples) {
      const result = parseDrbdsetupEvents2(readFixture(`drbd/${file}`));
      expect(result, file).toMatchObject({ ok: false, error: { line: 1 } });
    }
  });
});

const SNAPSHOT = [
  "exists resource name:vm-100-disk-0 role:Primary suspended:no write-ordering:flush",
  "exists connection name:vm-100-disk-0 peer-node-id:1 conn-name:pve2 connection:Connected role:Secondary congested:no",
  "exists connection name:vm-100-disk-0 peer-node-id:2 conn-name:pve3 connection:Connected role:Secondary congested:no",
  "exists device name:vm-100-disk-0 volume:0 minor:1000 disk:UpToDate client:no quorum:yes size:8388608",
  "exists peer-device name:vm-100-disk-0 peer-node-id:1 conn-name:pve2 volume:0 replication:Established peer-disk:UpToDate peer-client:no resync-suspended:no",
  "exists peer-device name:vm-100-disk-0 peer-node-id:2 conn-name:pve3 volume:0 replication:Established peer-disk:Diskless peer-client:yes resync-suspended:no",
  "exists path name:vm-100-disk-0 peer-node-id:1 conn-name:pve2 local:ipv4:10.0.0.1:7000 peer:ipv4:10.0.0.2:7000 established:yes",
  "exists -",
];

function stream(...events: string[]): string {
  const stamp = "2024-05-02T10:00:01.123456+02:00";
  return [...SNAPSHOT, ...events.map((e) => `${stamp} ${e}`)].join("\n") + "\n";
}

describe("parseDrbdsetupEvents2 on an event stream", () => {
  const res = "name:vm-100-disk-0";
  const pve2 = `${res} peer-node-id:1 conn-name:pve2`;

  it("reads the snapshot before any change", () => {
    const vm = resource(parseOk(stream()), "vm-100-disk-0");
    expect(vm.quorum).toBe(true);
    expect(only(vm.devices)).toMatchObject({ minor: 1000, diskState: "UpToDate", quorum: true });
    expect(only(peer(vm, "pve3").peerDevices)).toMatchObject({
      peerDiskState: "Diskless",
      peerClient: true,
    });
  });

  it("applies changes in order and keeps the latest progress of a resync", () => {
    const status = parseOk(
      stream(
        `change connection ${pve2} connection:Connecting`,
        `change peer-device ${pve2} volume:0 replication:Off peer-disk:DUnknown`,
        `change connection ${pve2} connection:Connected role:Secondary`,
        `change peer-device ${pve2} volume:0 replication:SyncSource peer-disk:Inconsistent done:10.00`,
        `change peer-device ${pve2} volume:0 done:55.25 out-of-sync:1024`,
      ),
    );
    const vm = resource(status, "vm-100-disk-0");
    expect(peer(vm, "pve2").connectionState).toBe("Connected");
    expect(only(peer(vm, "pve2").peerDevices)).toMatchObject({
      replicationState: "SyncSource",
      peerDiskState: "Inconsistent",
      donePercent: 55.25,
      outOfSyncKiB: 1024,
    });
    expect(peer(vm, "pve3").connectionState).toBe("Connected");
  });

  it("drops the progress once the resync is over", () => {
    const vm = resource(
      parseOk(
        stream(
          `change peer-device ${pve2} volume:0 replication:SyncSource done:99.00`,
          `change peer-device ${pve2} volume:0 replication:Established peer-disk:UpToDate`,
        ),
      ),
      "vm-100-disk-0",
    );
    expect(only(peer(vm, "pve2").peerDevices)).toMatchObject({
      replicationState: "Established",
      donePercent: null,
    });
  });

  it("reports quorum loss, a role change and a suspension", () => {
    const vm = resource(
      parseOk(
        stream(
          `change resource ${res} role:Secondary suspended:quorum`,
          `change device ${res} volume:0 minor:1000 disk:Outdated client:no quorum:no`,
        ),
      ),
      "vm-100-disk-0",
    );
    expect(vm).toMatchObject({
      role: "Secondary",
      suspended: true,
      suspendedReasons: ["quorum"],
      quorum: false,
    });
    expect(only(vm.devices)).toMatchObject({ diskState: "Outdated", quorum: false });
  });

  it("marks the connection of a split-brain helper call", () => {
    const vm = resource(
      parseOk(
        stream(
          `call helper ${pve2} volume:0 minor:1000 helper:initial-split-brain`,
          `response helper ${pve2} volume:0 minor:1000 helper:initial-split-brain status:0`,
          `call helper ${pve2} volume:0 minor:1000 helper:split-brain`,
          `response helper ${pve2} volume:0 minor:1000 helper:split-brain status:0`,
          `change connection ${pve2} connection:Disconnecting`,
          `change connection ${pve2} connection:StandAlone`,
        ),
      ),
      "vm-100-disk-0",
    );
    expect(peer(vm, "pve2")).toMatchObject({ connectionState: "StandAlone", splitBrain: true });
    expect(peer(vm, "pve3").splitBrain).toBeUndefined();
    expect(vm.splitBrain).toBeUndefined();
  });

  it("clears the split brain once the peers connect again", () => {
    const vm = resource(
      parseOk(
        stream(
          `call helper ${pve2} volume:0 minor:1000 helper:initial-split-brain`,
          `change connection ${pve2} connection:Connected`,
        ),
      ),
      "vm-100-disk-0",
    );
    expect(peer(vm, "pve2").splitBrain).toBeUndefined();
  });

  it("marks the resource when a split-brain helper names no peer", () => {
    const vm = resource(
      parseOk(stream(`call helper ${res} volume:0 helper:split-brain`)),
      "vm-100-disk-0",
    );
    expect(vm.splitBrain).toBe(true);
  });

  it("ignores other helpers", () => {
    const vm = resource(
      parseOk(stream(`call helper ${pve2} volume:0 minor:1000 helper:before-resync-target`)),
      "vm-100-disk-0",
    );
    expect(peer(vm, "pve2").splitBrain).toBeUndefined();
  });

  it("applies destroy and create", () => {
    const status = parseOk(
      stream(
        `destroy peer-device ${pve2} volume:0`,
        `destroy connection ${pve2}`,
        "create resource name:vm-200-disk-0 role:Secondary suspended:no",
        "create device name:vm-200-disk-0 volume:0 minor:1001 disk:Inconsistent client:no quorum:yes",
        "create connection name:vm-200-disk-0 peer-node-id:1 conn-name:pve2 connection:StandAlone role:Unknown",
        "destroy resource name:vm-100-disk-0",
      ),
    );
    expect(status.resources.map((r) => r.name)).toEqual(["vm-200-disk-0"]);
    const vm200 = only(status.resources);
    expect(only(vm200.devices)).toMatchObject({ minor: 1001, diskState: "Inconsistent" });
    expect(only(vm200.connections)).toMatchObject({
      peerName: "pve2",
      peerNodeId: 1,
      connectionState: "StandAlone",
      peerRole: "Unknown",
      peerDevices: [],
    });

    const withoutPve2 = resource(parseOk(stream(`destroy connection ${pve2}`)), "vm-100-disk-0");
    expect(withoutPve2.connections.map((c) => c.peerName)).toEqual(["pve3"]);
  });

  it("builds what it can from a capture that starts mid-stream", () => {
    const status = parseOk(
      "change peer-device name:r9 peer-node-id:3 conn-name:pve4 volume:0 replication:SyncTarget done:3.50\n",
    );
    const r9 = only(status.resources);
    expect(r9).toMatchObject({ name: "r9", role: "Unknown", suspended: null, devices: [] });
    expect(only(r9.connections)).toMatchObject({
      peerName: "pve4",
      peerNodeId: 3,
      connectionState: "Unknown",
      peerDevices: [{ replicationState: "SyncTarget", donePercent: 3.5 }],
    });
    expect(status.initialStateComplete).toBe(false);
  });

  it("tolerates skipped-event notes and event kinds it does not know", () => {
    const status = parseOk(
      stream(
        `rename resource ${res} new_name:vm-100-disk-9`,
        `change wormhole ${res} state:open`,
        `change path ${pve2} local:ipv4:10.0.0.1:7000 peer:ipv4:10.0.0.2:7000 established:no`,
      ) + "- skipped 3\n",
    );
    expect(status.resources.map((r) => r.name)).toEqual(["vm-100-disk-0"]);
  });
});

describe("parseDrbdsetupEvents2", () => {
  it("reads empty output and a bare terminator as no resources", () => {
    expect(parseOk("")).toEqual({
      source: "drbdsetup-events2",
      version: null,
      resources: [],
      initialStateComplete: false,
    });
    expect(parseOk("exists -\n")).toMatchObject({ resources: [], initialStateComplete: true });
  });

  it("refuses garbage, naming the line", () => {
    const cases: [string, number, RegExp][] = [
      ["hello world\n", 1, /not an events2 line/],
      ["exists -\nsomething else entirely\n", 2, /not an events2 line/],
      ["exists resource name:r0 role:Primary junk\n", 1, /key:value/],
      ["exists resource role:Primary\n", 1, /without name/],
      ["exists device name:r0 disk:UpToDate\n", 1, /without volume/],
      ["exists device name:r0 volume:zero minor:1 disk:UpToDate\n", 1, /volume is not a number/],
      ["exists connection name:r0 connection:Connected\n", 1, /without peer-node-id/],
      ["exists peer-device name:r0 peer-node-id:1 replication:Established\n", 1, /without volume/],
    ];
    for (const [text, line, message] of cases) {
      const result = parseDrbdsetupEvents2(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) {
        expect(result.error.format).toBe("drbdsetup-events2");
        expect(result.error.line, text).toBe(line);
        expect(result.error.message).toMatch(message);
      }
    }
  });

  it("refuses output cut inside a token, naming that line", () => {
    const text = readFixture(
      "drbd/drbdsetup-events2-now-statistics-9-2node-established-drdb01-notes.txt",
    );
    const cut = text.slice(0, text.indexOf("peer-disk:UpToDate resync") + 4);
    expect(parseDrbdsetupEvents2(cut)).toMatchObject({ ok: false, error: { line: 4 } });
  });

  it("reads output cut at a line boundary as far as it goes", () => {
    const text = readFixture(
      "drbd/drbdsetup-events2-now-statistics-9-2node-established-drdb01-notes.txt",
    );
    const status = parseOk(text.split("\n").slice(0, 3).join("\n"));
    expect(status.initialStateComplete).toBe(false);
    const r0 = only(status.resources);
    expect(only(r0.devices).diskState).toBe("UpToDate");
    expect(only(r0.connections).peerDevices).toEqual([]);
  });

  it("refuses binary input", () => {
    expect(parseDrbdsetupEvents2("exists -\n\u0000").ok).toBe(false);
  });

  it("handles a long stream in linear time", () => {
    const lines = [...SNAPSHOT];
    for (let i = 0; i < 30_000; i++) {
      lines.push(
        `change peer-device name:vm-100-disk-0 peer-node-id:1 conn-name:pve2 volume:0 replication:SyncTarget done:${(i % 100).toFixed(2)}`,
      );
    }
    const started = performance.now();
    const status = parseOk(lines.join("\n"));
    expect(performance.now() - started).toBeLessThan(5_000);
    const vm = resource(status, "vm-100-disk-0");
    expect(only(peer(vm, "pve2").peerDevices).donePercent).toBe(99);
  });
});
