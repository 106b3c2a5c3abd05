import { describe, expect, it } from "vitest";
import type { DrbdConnection, DrbdPeerDevice, DrbdResource, DrbdStatus } from "./drbd-types";
import { parseProcDrbd } from "./proc-drbd";
import { listFixtures, only, parsedValue, readFixture } from "./test-helpers";

function parseOk(text: string): DrbdStatus {
  return parsedValue(parseProcDrbd(text));
}

function minor(status: DrbdStatus, n: number): DrbdResource {
  const found = status.resources.find((r) => r.name === `minor-${n}`);
  if (!found) throw new Error(`no minor ${n}`);
  return found;
}

function link(res: DrbdResource): DrbdConnection {
  return only(res.connections);
}

function peerDevice(res: DrbdResource): DrbdPeerDevice {
  return only(link(res).peerDevices);
}

const FIXTURES: Record<string, (status: DrbdStatus) => void> = {
  "proc-drbd-8.3-connected-synced-checkmk.txt": (status) => {
    expect(status.version).toBe("8.3.8");
    expect(status.unconfiguredMinors).toEqual([]);
    expect(status.resources).toEqual([
      {
        name: "minor-0",
        role: "Primary",
        suspended: false,
        quorum: null,
        nodeId: null,
        writeOrdering: "barrier",
        devices: [
          {
            volume: null,
            minor: 0,
            diskState: "UpToDate",
            client: false,
            quorum: null,
            donePercent: null,
            sizeKiB: null,
          },
        ],
        connections: [
          {
            peerName: null,
            peerNodeId: null,
            connectionState: "Connected",
            peerRole: "Secondary",
            congested: null,
            protocol: "C",
            peerDevices: [
              {
                volume: null,
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
    ]);
  },
  "proc-drbd-8.3-syncsource-progress-checkmk.txt": (status) => {
    expect(status.version).toBe("8.3.8");
    const m0 = minor(status, 0);
    expect(m0.role).toBe("Primary");
    expect(only(m0.devices)).toMatchObject({ minor: 0, diskState: "UpToDate", donePercent: null });
    expect(link(m0)).toMatchObject({ connectionState: "Connected", peerRole: "Secondary" });
    expect(peerDevice(m0)).toMatchObject({
      replicationState: "SyncSource",
      peerDiskState: "Inconsistent",
      donePercent: 42.4,
      outOfSyncKiB: 301729988,
    });
  },
  "proc-drbd-8.3-two-minors-secondary-centreon.txt": (status) => {
    expect(status.version).toBe("8.3.7");
    expect(
      status.resources.map((r) => [r.name, r.role, link(r).peerRole, r.devices[0]?.minor]),
    ).toEqual([
      ["minor-0", "Secondary", "Primary", 0],
      ["minor-1", "Secondary", "Primary", 1],
    ]);
    for (const res of status.resources) {
      expect(only(res.devices).diskState).toBe("UpToDate");
      expect(link(res).connectionState).toBe("Connected");
      expect(peerDevice(res)).toMatchObject({
        replicationState: "Established",
        peerDiskState: "UpToDate",
      });
    }
    expect(status.resources.map((r) => r.writeOrdering)).toEqual(["flush", "drain"]);
  },
  "proc-drbd-8.4-dual-primary-node_exporter.txt": (status) => {
    // Trailing space after srcversion, then a blank line, before the minor.
    expect(status.version).toBe("8.4.3");
    const m1 = only(status.resources);
    expect(m1).toMatchObject({ name: "minor-1", role: "Primary", suspended: false });
    expect(only(m1.devices)).toMatchObject({ minor: 1, diskState: "UpToDate" });
    expect(link(m1)).toMatchObject({
      connectionState: "Connected",
      peerRole: "Primary",
      protocol: "C",
    });
    expect(peerDevice(m1)).toMatchObject({ peerDiskState: "UpToDate", outOfSyncKiB: 12349 });
  },
  "proc-drbd-8.4-wfconnection-secondary-inconsistent-trinity651.txt": (status) => {
    expect(status.version).toBe("8.4.6");
    const m1 = only(status.resources);
    expect(m1.role).toBe("Secondary");
    expect(only(m1.devices)).toMatchObject({ minor: 1, diskState: "Inconsistent" });
    expect(link(m1)).toMatchObject({ connectionState: "WFConnection", peerRole: "Unknown" });
    expect(peerDevice(m1)).toMatchObject({
      replicationState: "Off",
      peerDiskState: "DUnknown",
      donePercent: null,
      outOfSyncKiB: 40448704,
    });
  },
  "proc-drbd-0.7-style-st-ld-unconfigured-partial-centreon.txt": (status) => {
    // PARTIAL sample: no version header; "st:" roles, "ld:" local data only.
    expect(status.version).toBeNull();
    expect(status.unconfiguredMinors).toEqual([1]);
    const m0 = only(status.resources);
    expect(m0).toMatchObject({ name: "minor-0", role: "Secondary", suspended: null });
    expect(only(m0.devices)).toMatchObject({ minor: 0, diskState: "Inconsistent" });
    expect(link(m0)).toMatchObject({
      connectionState: "Connected",
      peerRole: "Secondary",
      protocol: null,
    });
    expect(peerDevice(m0)).toMatchObject({ replicationState: "Established", peerDiskState: null });
  },
};

describe("parseProcDrbd on the shared fixtures", () => {
  for (const [file, check] of Object.entries(FIXTURES)) {
    it(file, () => check(parseOk(readFixture(`drbd/${file}`))));
  }

  it("has a named test for every proc-drbd fixture", () => {
    const files = listFixtures("drbd").filter((f) => f.startsWith("proc-drbd-"));
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

  it("refuses the init script's status table instead of misreading it", () => {
    const result = parseProcDrbd(
      readFixture("drbd/init-drbd-status-8.3-wfconnection-many-minors-partial-ganeti673.txt"),
    );
    expect(result).toMatchObject({ ok: false, error: { format: "proc-drbd", line: 1 } });
  });
});

/** Laid out as DRBD 8.4's drbd_proc.c prints it (no real 8.4 SyncTarget capture was found). */
const SYNCING_84 = [
  "version: 8.4.11-1 (api:1/proto:86-101)",
  "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, 2018-11-03 01:26:55",
  " 0: cs:SyncTarget ro:Secondary/Primary ds:Inconsistent/UpToDate C r-----",
  "    ns:0 nr:1183744 dw:1183744 dr:0 al:8 bm:0 lo:0 pe:2 ua:0 ap:0 ep:1 wo:f oos:9301060",
  "\t[=>..................] sync'ed: 11.4% (9080/10236)M",
  "\tfinish: 0:03:35 speed: 43,104 (43,104) want: 50,000 K/sec",
  " 1: cs:StandAlone ro:Secondary/Unknown ds:Diskless/DUnknown   r-----",
  "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0",
  " 2: cs:Unconfigured",
  " 3: cs:PausedSyncS ro:Primary/Secondary ds:UpToDate/Inconsistent C s--u--",
  "    ns:10 nr:0 dw:10 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:d oos:1000",
  "\t[>....................] sync'ed:  0.5% (1000/1005)K",
  " 4: cs:VerifyS ro:Primary/Secondary ds:UpToDate/UpToDate B r-----",
  "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0",
  "\t[====>...............] verified: 23.0% (800/1024)M",
  "",
].join("\n");

describe("parseProcDrbd", () => {
  it("maps DRBD 8 cs: words to connection and replication states, with progress", () => {
    const status = parseOk(SYNCING_84);
    expect(status.version).toBe("8.4.11-1");
    expect(status.unconfiguredMinors).toEqual([2]);
    expect(status.resources.map((r) => r.name)).toEqual([
      "minor-0",
      "minor-1",
      "minor-3",
      "minor-4",
    ]);

    const m0 = minor(status, 0);
    expect(only(m0.devices)).toMatchObject({ diskState: "Inconsistent", donePercent: 11.4 });
    expect(link(m0)).toMatchObject({ connectionState: "Connected", peerRole: "Primary" });
    expect(peerDevice(m0)).toMatchObject({
      replicationState: "SyncTarget",
      peerDiskState: "UpToDate",
      donePercent: 11.4,
      outOfSyncKiB: 9301060,
    });

    const m1 = minor(status, 1);
    expect(only(m1.devices)).toMatchObject({ diskState: "Diskless", client: false });
    expect(link(m1)).toMatchObject({
      connectionState: "StandAlone",
      peerRole: "Unknown",
      protocol: null,
    });
    expect(peerDevice(m1)).toMatchObject({ replicationState: "Off", peerDiskState: "DUnknown" });

    const m3 = minor(status, 3);
    expect(m3.suspended).toBe(true);
    expect(peerDevice(m3)).toMatchObject({
      replicationState: "PausedSyncS",
      donePercent: 0.5,
      resyncSuspended: "user",
    });
    expect(only(m3.devices).donePercent).toBeNull();

    const m4 = minor(status, 4);
    expect(link(m4).protocol).toBe("B");
    expect(peerDevice(m4)).toMatchObject({ replicationState: "VerifyS", donePercent: 23 });
  });

  it("reads DRBD 9's /proc/drbd (version only) as no resources", () => {
    const status = parseOk(
      [
        "version: 9.0.16-1 (api:2/proto:86-114)",
        "GIT-hash: ab9777dfeaf9d619acc9a5201bfcae8103e9529c build by root@pve1, 2019-01-01 10:00:00",
        "Transports (api:16): tcp (9.0.16-1)",
        "",
      ].join("\n"),
    );
    expect(status).toEqual({
      source: "proc-drbd",
      version: "9.0.16-1",
      resources: [],
      unconfiguredMinors: [],
    });
  });

  it("refuses input with neither a version line nor minors", () => {
    for (const text of ["", "\n\n", "   \n"]) {
      expect(parseProcDrbd(text)).toMatchObject({
        ok: false,
        error: {
          format: "proc-drbd",
          line: null,
          message: expect.stringMatching(/no "version:"/) as unknown,
        },
      });
    }
  });

  it("refuses garbage, naming the line", () => {
    const cases: [string, number][] = [
      ["hello world\n", 1],
      ["    ns:0 nr:0\n", 1],
      [
        "version: 8.4.6 (api:1/proto:86-101)\n 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\nnot drbd\n",
        3,
      ],
      ["drbd driver loaded OK; device status:\nversion: 8.3.11 (api:88/proto:86-96)\n", 1],
    ];
    for (const [text, line] of cases) {
      expect(parseProcDrbd(text), text).toMatchObject({
        ok: false,
        error: { format: "proc-drbd", line },
      });
    }
  });

  it("reads output cut after a minor line as far as it goes", () => {
    const text = readFixture("drbd/proc-drbd-8.3-syncsource-progress-checkmk.txt");
    const status = parseOk(text.split("\n").slice(0, 3).join("\n"));
    expect(peerDevice(minor(status, 0))).toMatchObject({
      replicationState: "SyncSource",
      donePercent: null,
    });
  });

  it("refuses binary input", () => {
    expect(parseProcDrbd("version: 8.4.6\n\u0000").ok).toBe(false);
  });

  it("reads many minors in linear time", () => {
    const lines = ["version: 8.4.11-1 (api:1/proto:86-101)"];
    for (let i = 0; i < 20_000; i++) {
      lines.push(
        `${String(i).padStart(2)}: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----`,
      );
      lines.push("    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:0");
    }
    const started = performance.now();
    expect(parseOk(lines.join("\n")).resources).toHaveLength(20_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
