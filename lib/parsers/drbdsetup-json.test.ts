import { describe, expect, it } from "vitest";
import type { DrbdStatus } from "./drbd-types";
import { parseDrbdsetupJson } from "./drbdsetup-json";
import { listFixtures, parsedValue, readFixture } from "./test-helpers";

function parseOk(text: string): DrbdStatus {
  return parsedValue(parseDrbdsetupJson(text));
}

function failure(text: string): { line: number | null; message: string } {
  const result = parseDrbdsetupJson(text);
  if (result.ok) throw new Error("expected a failure");
  expect(result.error.format).toBe("drbdsetup-json");
  return result.error;
}

const HA_CLUSTER_EXPORTER = "drbdsetup-status-json-2res-quorum-false-ha_cluster_exporter.json";

const FIXTURES: Record<string, (status: DrbdStatus) => void> = {
  [HA_CLUSTER_EXPORTER]: (status) => {
    expect(status.source).toBe("drbdsetup-json");
    expect(status.version).toBeNull();
    expect(status.resources.map((r) => [r.name, r.role, r.suspended, r.nodeId, r.quorum])).toEqual([
      ["1-single-0", "Secondary", false, 2, true],
      ["1-single-1", "Secondary", false, 2, false],
    ]);
    expect(status.resources.map((r) => r.devices)).toEqual([
      [
        {
          volume: 0,
          minor: 2,
          diskState: "UpToDate",
          client: false,
          quorum: true,
          donePercent: null,
          sizeKiB: 409600,
        },
      ],
      [
        {
          volume: 0,
          minor: 3,
          diskState: "UpToDate",
          client: false,
          quorum: false,
          donePercent: null,
          sizeKiB: 10200,
        },
      ],
    ]);
    for (const res of status.resources) {
      expect(res.writeOrdering).toBe("flush");
      expect(res.connections).toEqual([
        {
          peerName: "SLE15-sp1-gm-drbd1145296-node1",
          peerNodeId: 1,
          connectionState: "Connected",
          peerRole: "Primary",
          congested: false,
          // read from the "peer_devices" key (underscore), as drbd-utils prints it
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
      ]);
    }
  },
};

describe("parseDrbdsetupJson on the shared fixtures", () => {
  for (const [file, check] of Object.entries(FIXTURES)) {
    it(file, () => check(parseOk(readFixture(`drbd/${file}`))));
  }

  it("has a named test for every drbdsetup-status-json fixture", () => {
    const files = listFixtures("drbd").filter((f) => f.startsWith("drbdsetup-status-json-"));
    expect(files.length).toBeGreaterThan(0);
    expect(Object.keys(FIXTURES).sort()).toEqual(files);
  });

  it("gives the same result with CRLF line endings and a byte order mark", () => {
    const text = readFixture(`drbd/${HA_CLUSTER_EXPORTER}`);
    expect(parseOk(`\uFEFF${text.replace(/\n/g, "\r\n")}`)).toEqual(parseOk(text));
  });

  it("returns plain JSON-serialisable objects", () => {
    const status = parseOk(readFixture(`drbd/${HA_CLUSTER_EXPORTER}`));
    expect(JSON.parse(JSON.stringify(status))).toEqual(status);
  });
});

describe("parseDrbdsetupJson", () => {
  it("reads [] as no resources", () => {
    expect(parseOk("[\n]\n")).toEqual({ source: "drbdsetup-json", version: null, resources: [] });
  });

  it("reads a resync, a diskless client and a disconnected peer", () => {
    const status = parseOk(
      JSON.stringify([
        {
          name: "vm-101-disk-0",
          "node-id": 0,
          role: "Primary",
          suspended: false,
          "write-ordering": "flush",
          devices: [
            { volume: 0, minor: 1001, "disk-state": "Diskless", client: true, quorum: true },
          ],
          connections: [
            {
              "peer-node-id": 1,
              name: "pve2",
              "connection-state": "Connected",
              congested: false,
              "peer-role": "Secondary",
              peer_devices: [
                {
                  volume: 0,
                  "replication-state": "SyncSource",
                  "peer-disk-state": "Inconsistent",
                  "peer-client": false,
                  "resync-suspended": "no",
                  "out-of-sync": 1024,
                  "has-sync-details": true,
                  "percent-resync-done": 37.5,
                },
              ],
            },
            {
              "peer-node-id": 2,
              name: "pve3",
              "connection-state": "StandAlone",
              congested: false,
              "peer-role": "Unknown",
              peer_devices: [
                {
                  volume: 0,
                  "replication-state": "Off",
                  "peer-disk-state": "DUnknown",
                  "peer-client": false,
                },
              ],
            },
          ],
        },
      ]),
    );
    const res = status.resources[0];
    expect(res).toMatchObject({ name: "vm-101-disk-0", role: "Primary", nodeId: 0, quorum: true });
    expect(res?.devices[0]).toMatchObject({ diskState: "Diskless", client: true, minor: 1001 });
    expect(res?.connections.map((c) => [c.peerName, c.connectionState, c.peerRole])).toEqual([
      ["pve2", "Connected", "Secondary"],
      ["pve3", "StandAlone", "Unknown"],
    ]);
    expect(res?.connections[0]?.peerDevices[0]).toMatchObject({
      replicationState: "SyncSource",
      peerDiskState: "Inconsistent",
      donePercent: 37.5,
      outOfSyncKiB: 1024,
    });
    expect(res?.connections[1]?.peerDevices[0]).toMatchObject({
      replicationState: "Off",
      donePercent: null,
    });
  });

  it("tolerates unknown fields, a dashed peer-devices key, -1 ids and a resource-level quorum", () => {
    const status = parseOk(
      JSON.stringify([
        {
          name: "r0",
          "node-id": -1,
          role: "Secondary",
          quorum: false,
          "future-field": { nested: [1, 2, 3] },
          devices: [{ volume: 0, minor: 0, "disk-state": "UpToDate", extra: "x" }],
          connections: [
            {
              name: "peer",
              "connection-state": "Connected",
              "peer-devices": [
                { volume: 0, "replication-state": "Established", "peer-disk-state": "UpToDate" },
              ],
            },
          ],
        },
      ]),
    );
    const r0 = status.resources[0];
    expect(r0).toMatchObject({ nodeId: null, quorum: false, suspended: null, writeOrdering: null });
    expect(r0?.devices[0]).toMatchObject({ client: false, quorum: null });
    expect(r0?.connections[0]).toMatchObject({ peerNodeId: null, peerRole: null, congested: null });
    expect(r0?.connections[0]?.peerDevices[0]?.replicationState).toBe("Established");
  });

  it("does not let a __proto__ key reach the result", () => {
    const status = parseOk(
      '[{"__proto__": {"role": "Primary"}, "name": "r0", "role": "Secondary"}]',
    );
    expect(status.resources[0]?.role).toBe("Secondary");
    expect(Object.getPrototypeOf(status.resources[0])).toBe(Object.prototype);
  });

  it("refuses empty input", () => {
    expect(failure("")).toMatchObject({
      line: null,
      message: expect.stringMatching(/empty/) as unknown,
    });
    expect(failure(" \n")).toMatchObject({ line: null });
  });

  it("names the line of a syntax error", () => {
    const text = readFixture(`drbd/${HA_CLUSTER_EXPORTER}`);
    const lines = text.split("\n");
    // Drop the comma after "name" on line 3: the parser stops on line 4.
    const broken = lines.map((l, i) => (i === 2 ? l.replace(/,$/, "") : l)).join("\n");
    expect(failure(broken)).toMatchObject({
      line: 4,
      message: expect.stringMatching(/invalid JSON/) as unknown,
    });
    expect(failure('[\n{"name": }\n]').line).toBe(2);
    expect(failure('[\n  {"name": "r0", "role": x}\n]').line).toBe(2);
    expect(failure("[]\n]\n").line).toBe(2);
    expect(failure('[\n{"name": "a\tb"}]').line).toBe(2);
  });

  it("names the last line of truncated JSON", () => {
    const text = readFixture(`drbd/${HA_CLUSTER_EXPORTER}`);
    const cut = text.slice(0, text.indexOf('"1-single-1"'));
    expect(failure(cut).line).toBe(cut.split("\n").length);
  });

  it("refuses JSON of the wrong shape, saying where", () => {
    expect(failure('{"name": "r0"}').message).toMatch(/array of resources/);
    expect(failure("[42]").message).toMatch(/resources\[0\]: is not an object/);
    expect(failure('[{"role": "Primary"}]').message).toMatch(/"name" is missing/);
    expect(failure('[{"name": "r0"}]').message).toMatch(/\("r0"\): "role" is missing/);
    expect(failure('[{"name": "r0", "role": "Primary", "devices": {}}]').message).toMatch(
      /"devices" is not an array/,
    );
    expect(
      failure('[{"name": "r0", "role": "Primary", "devices": [{"volume": 0, "disk-state": 3}]}]')
        .message,
    ).toMatch(/devices\[0\]: "disk-state" is not a string/);
    expect(
      failure('[{"name": "r0", "role": "Primary", "connections": [{"name": "p"}]}]').message,
    ).toMatch(/connections\[0\]: "connection-state" is missing/);
    expect(failure('[{"name": "r0", "role": "Primary", "suspended": "no"}]').message).toMatch(
      /"suspended" is not true or false/,
    );
    expect(
      failure(
        '[{"name": "r0", "role": "Primary", "devices": [{"volume": 0.5, "disk-state": "UpToDate"}]}]',
      ).message,
    ).toMatch(/"volume" is not a whole number/);
  });

  it("refuses binary input", () => {
    expect(parseDrbdsetupJson('[{"name": "r0\u0000"}]').ok).toBe(false);
  });

  it("reads a large output in linear time", () => {
    const resource = (i: number) => ({
      name: `r${i}`,
      role: "Secondary",
      devices: [{ volume: 0, minor: i, "disk-state": "UpToDate" }],
      connections: [{ name: "p", "connection-state": "Connected", peer_devices: [] }],
    });
    const text = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => resource(i)));
    const started = performance.now();
    expect(parseOk(text).resources).toHaveLength(20_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
