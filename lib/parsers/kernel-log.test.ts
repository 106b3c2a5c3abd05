import { describe, expect, it } from "vitest";
import { KERNEL_LOG_MAX_LINES, parseKernelLog } from "./kernel-log";
import type { KernelEvent, KernelLog } from "./kernel-log";
import { listFixtures, parsedValue, readFixture } from "./test-helpers";

function parsed(text: string): KernelLog {
  return parsedValue(parseKernelLog(text));
}

/** The plain-words meaning every parsed event carries. */
const MEANS = expect.stringMatching(/^[A-Z].*\.$/) as unknown as string;

function brief(events: KernelEvent[]): Array<[number, string, string, string, string | null]> {
  return events.map((event) => [
    event.line,
    event.subsystem,
    event.kind,
    event.severity,
    event.resource,
  ]);
}

const FIXTURES = {
  ocfs2Floppy:
    "ocfs2/kernel-log-ocfs2-mount-local-loop-with-unrelated-floppy-errors-ocfs2tools46.txt",
  ocfs2Xattr: "ocfs2/kernel-log-ocfs2-xattr-error-unmount-then-gpf-partial-ocfs2tools45.txt",
  drbdDisconnect: "drbd/kernel-log-drbd9-peer-disconnect-outdated-partial-linstor213.txt",
  drbdSplitBrain: "drbd/kernel-log-drbd9-split-brain-detected-unresolved-partial-drbd58.txt",
  drbd84UnrelatedData: "kernel-log/drbd84-unrelated-data-aborting-standalone-trinity668.txt",
  drbd84SplitBrainHelper:
    "kernel-log/drbd84-split-brain-helper-minor-0-exit-code-partial-grimore.txt",
  drbd84SplitBrainGaneti: "kernel-log/drbd84-split-brain-unresolved-helper-exit-code-ganeti846.txt",
  drbd84Inconsistent:
    "kernel-log/drbd84-local-io-error-uptodate-inconsistent-failed-dmesg-h-bcache.txt",
  drbd9NodeId: "kernel-log/drbd9-peer-node-id-mismatch-networkfailure-kvaps.txt",
  drbd9Detached: "kernel-log/drbd9-local-disk-uptodate-detaching-diskless-partial-drbd79.txt",
} as const;

const PVC = "pvc-1ed58414-0a3d-415d-8b20-80d4fae9cf71";
const VM = "vm-57da08a3-2938-4769-8959-3a11616d6ef9";

describe("parseKernelLog on real output", () => {
  it("keeps the OCFS2 mount and attributes none of the floppy I/O errors", () => {
    expect(parsed(readFixture(FIXTURES.ocfs2Floppy))).toEqual({
      lines: 9,
      truncated: false,
      events: [
        {
          line: 1,
          time: "124.975017",
          subsystem: "ocfs2",
          kind: "mount",
          severity: "info",
          resource: "7:0",
          device: "7:0",
          peer: null,
          message: "ocfs2: Mounting device (7,0) on (node 1, slot 0) with ordered data mode.",
          meaning: "An OCFS2 volume was mounted.",
        },
      ],
    });
  });

  it("classifies the ocfs2 xattr errors, the unmount and the protection fault", () => {
    const log = parsed(readFixture(FIXTURES.ocfs2Xattr));
    expect(log.lines).toBe(16);
    expect(brief(log.events)).toEqual([
      [1, "ocfs2", "mount", "info", "7:0"],
      [6, "ocfs2", "fs-error", "warning", null],
      [7, "ocfs2", "fs-error", "warning", null],
      [11, "ocfs2", "unmount", "info", "7:0"],
      [13, "kernel", "kernel-oops", "critical", null],
    ]);
    expect(log.events[1]).toMatchObject({
      time: "101.847482",
      message: "(cp,1633,0):ocfs2_xa_set:2242 ERROR: status = -22",
    });
    // fd0 / floppy lines (2-5, 9-10), o2dlm leaving its domain and the o2cb unregistration are not events.
    expect(log.events.some((event) => event.message.includes("fd0"))).toBe(false);
  });

  it("reads a DRBD 9 Primary peer disconnecting and the local disk going Outdated", () => {
    const log = parsed(readFixture(FIXTURES.drbdDisconnect));
    expect(log).toMatchObject({ lines: 8, truncated: false });
    expect(log.events).toEqual([
      {
        line: 5,
        time: "Jan 18 11:20:01",
        subsystem: "drbd",
        kind: "peer-disconnect",
        severity: "warning",
        resource: PVC,
        device: null,
        peer: "kube-node-2",
        message: `drbd ${PVC} kube-node-2: conn( Connected -> Disconnecting ) peer( Primary -> Unknown )`,
        meaning: MEANS,
      },
      {
        line: 6,
        time: "Jan 18 11:20:01",
        subsystem: "drbd",
        kind: "outdated",
        severity: "warning",
        resource: PVC,
        device: "drbd1004",
        peer: null,
        message: `drbd ${PVC}/0 drbd1004: disk( UpToDate -> Outdated )`,
        meaning: "This node's copy is marked Outdated: it no longer holds the latest data.",
      },
    ]);
  });

  it("reads an unresolved DRBD split brain, including the line whose prefix was cut", () => {
    const log = parsed(readFixture(FIXTURES.drbdSplitBrain));
    // Each helper logs its call and its return ("exit code 0"); both name the split brain.
    expect(brief(log.events)).toEqual([
      [1, "drbd", "split-brain", "warning", VM],
      [2, "drbd", "split-brain", "warning", VM],
      [3, "drbd", "split-brain", "critical", VM],
      [4, "drbd", "split-brain", "critical", VM],
      [5, "drbd", "split-brain", "critical", VM],
      [6, "drbd", "state-change-failed", "warning", VM],
      [7, "drbd", "peer-disconnect", "warning", VM],
    ]);
    expect(log.events[4]).toMatchObject({
      device: "drbd8",
      peer: "os-hv-am-3",
      message: `drbd ${VM}/0 drbd8 os-hv-am-3: helper command: /sbin/drbdadm split-brain exit code 0`,
      meaning: expect.stringContaining("could not resolve") as unknown,
    });
    expect(log.events[1]?.meaning).toContain("may still resolve it");
    expect(log.events[0]).toMatchObject({
      time: "n 12 15:24:16",
      device: "drbd8",
      peer: "os-hv-am-3",
    });
    expect(log.events[2]).toMatchObject({
      time: "Jun 12 15:24:16",
      message: `drbd ${VM}/0 drbd8 os-hv-am-3: Split-Brain detected but unresolved, dropping connection!`,
    });
  });
});

describe("fixture inventory", () => {
  const mine = Object.values(FIXTURES);

  it("covers every kernel-log fixture in the ocfs2 and drbd folders and the kernel-log folder", () => {
    for (const folder of ["ocfs2", "drbd"]) {
      const files = listFixtures(folder)
        .filter((file) => file.startsWith("kernel-log-"))
        .map((file) => `${folder}/${file}`);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect(mine).toContain(file);
    }
    for (const file of listFixtures("kernel-log")) expect(mine).toContain(`kernel-log/${file}`);
  });

  it("gives every event of every fixture its meaning in plain words", () => {
    for (const file of mine) {
      for (const event of parsed(readFixture(file)).events) {
        expect(event.meaning, `${file}:${event.line}`).toMatch(/^[A-Z].{10,}\.$/);
      }
    }
  });

  it("leaves no other drbd file unexplained", () => {
    // The rest of drbd/ are DRBD status outputs (drbdadm, drbdsetup, /proc/drbd, drbd-overview,
    // the 8.3 init script), read by the DRBD parsers.
    const status = /^(?:drbdadm-status-|drbdsetup-|proc-drbd-|drbd-overview-|init-drbd-status-)/;
    const unexplained = listFixtures("drbd").filter(
      (file) => !file.startsWith("kernel-log-") && !status.test(file),
    );
    expect(unexplained).toEqual([]);
  });
});

describe("parseKernelLog prefixes", () => {
  const MESSAGE = "drbd r0 pve2: conn( Connected -> NetworkFailure ) peer( Secondary -> Unknown )";

  it.each([
    ["dmesg", `[  232.574141] ${MESSAGE}`, "232.574141"],
    ["dmesg with a space before the bracket", `[  494.292018 ] ${MESSAGE}`, "494.292018"],
    ["dmesg -T", `[Thu Jan 18 11:20:01 2024] ${MESSAGE}`, "Thu Jan 18 11:20:01 2024"],
    ["dmesg -x", `kern  :err   : [  232.574141] ${MESSAGE}`, "232.574141"],
    ["journalctl -k", `Jan 18 11:20:01 pve1 kernel: ${MESSAGE}`, "Jan 18 11:20:01"],
    ["kern.log", `Jan  8 11:20:01 pve1 kernel: [8228995.549099] ${MESSAGE}`, "Jan  8 11:20:01"],
    [
      "journalctl -o short-iso",
      `2024-01-18T11:20:01+0100 pve1 kernel: ${MESSAGE}`,
      "2024-01-18T11:20:01+0100",
    ],
    ["dmesg -t (no time)", MESSAGE, null],
    ["dmesg -H (a delta under the minute line)", `[  +0.000833] ${MESSAGE}`, "+0.000833"],
    ["dmesg -H (the minute line)", `[Sep 6 13:01] ${MESSAGE}`, "Sep 6 13:01"],
  ])("strips the %s prefix", (_name, line, time) => {
    expect(parsed(line).events).toEqual([
      {
        line: 1,
        time,
        subsystem: "drbd",
        kind: "peer-disconnect",
        severity: "warning",
        resource: "r0",
        device: null,
        peer: "pve2",
        message: MESSAGE,
        meaning: "The replication link to the peer went down: writes are not replicated over it.",
      },
    ]);
  });

  it("skips lines that other programs wrote to the journal", () => {
    const text = [
      `Jan 18 11:20:01 pve1 pvestatd[1234]: ${MESSAGE}`,
      "-- Boot 0123456789abcdef --",
      `user  :info  : [  10.0] ${MESSAGE}`,
    ].join("\n");
    expect(parsed(text)).toEqual({ lines: 3, truncated: false, events: [] });
  });
});

describe("parseKernelLog OCFS2 classification", () => {
  it("flags Direct IO failures as critical (the 6.2 -> 6.5 kernel upgrade symptom)", () => {
    const log = parsed(
      "[ 1200.123456] (kworker/u16:3,12345,5):ocfs2_dio_end_io:2331 ERROR: Direct IO failed, bytes = -5\n",
    );
    expect(log.events).toEqual([
      {
        line: 1,
        time: "1200.123456",
        subsystem: "ocfs2",
        kind: "direct-io-failed",
        severity: "critical",
        resource: null,
        device: null,
        peer: null,
        message:
          "(kworker/u16:3,12345,5):ocfs2_dio_end_io:2331 ERROR: Direct IO failed, bytes = -5",
        meaning: "A direct write to the OCFS2 volume failed: guests on it cannot write.",
      },
    ]);
  });

  it("follows an OCFS2 error into corruption and a read-only remount on the same device", () => {
    // Shape of the kernel log quoted in the ocfs2 "ocfs2_dio_end_io_write" fix.
    const text = [
      "[  494.290998 ] OCFS2: ERROR (device dm-1): ocfs2_change_extent_flag: Owner 5668 has an extent at cpos 78723 which can no longer be found",
      "[  494.291609 ] On-disk corruption discovered. Please run fsck.ocfs2 once the filesystem is unmounted.",
      "[  494.292018 ] OCFS2: File system is now read-only.",
      "[  494.292224 ] (kworker/19:11,2628,19):ocfs2_mark_extent_written:5272 ERROR: status = -30",
      "[  494.292602 ] (kworker/19:11,2628,19):ocfs2_dio_end_io_write:2374 ERROR: status = -3",
    ].join("\n");
    expect(brief(parsed(text).events)).toEqual([
      [1, "ocfs2", "fs-error", "critical", "dm-1"],
      [2, "ocfs2", "corruption", "critical", "dm-1"],
      [3, "ocfs2", "read-only-remount", "critical", "dm-1"],
      [4, "ocfs2", "fs-error", "warning", null],
      [5, "ocfs2", "direct-io-failed", "critical", null],
    ]);
  });

  it("does not carry an error's device to a read-only line far below it", () => {
    const text = [
      "OCFS2: ERROR (device sdb1): ocfs2_validate_inode_block: Invalid dinode #1",
      ...Array.from({ length: 10 }, (_, i) => `unrelated ${i}`),
      "OCFS2: File system is now read-only.",
    ].join("\n");
    expect(parsed(text).events.at(-1)).toMatchObject({ kind: "read-only-remount", resource: null });
  });

  it("classifies cluster-stack failures: heartbeat timeout, lost o2net peer, self-fencing", () => {
    const text = [
      "(o2hb-5F2D8E4A,2114,1):o2hb_write_timeout:295 ERROR: Heartbeat write timeout to device dm-3 after 120000 milliseconds",
      "o2net: No longer connected to node pve2 (num 1) at 192.168.10.202:7777",
      "o2net: Connection to node pve3 (num 2) at 192.168.10.203:7777 has been idle for 30.5 secs.",
      "(o2net,1962,0):o2net_connect_expired:1664 ERROR: no connection established with node 1 after 30.0 seconds, giving up and returning errors.",
      "(kworker/0:1,90,0):o2quo_make_decision:143 ERROR: fencing this node because it is only connected to 1 nodes and 2 is needed to make a quorum out of 3 heartbeating nodes",
      "*** ocfs2 is very sorry to be fencing this system by restarting ***",
      "o2dlm: Begin recovery on domain F2DFFDA43E844B1CB2F230D9E08CF18E for node 1",
      "ocfs2: Begin replay journal (node 1, slot 1) on device (8,17)",
    ].join("\n");
    const log = parsed(text);
    expect(brief(log.events)).toEqual([
      [1, "o2hb", "heartbeat-timeout", "critical", "dm-3"],
      [2, "o2net", "peer-disconnect", "warning", null],
      [3, "o2net", "peer-disconnect", "warning", null],
      [4, "o2net", "peer-disconnect", "warning", null],
      [5, "o2quo", "fencing", "critical", null],
      [6, "o2quo", "fencing", "critical", null],
      [7, "dlm", "node-recovery", "warning", null],
      [8, "ocfs2", "node-recovery", "warning", "8:17"],
    ]);
    expect(log.events.map((event) => event.peer)).toEqual([
      null,
      "pve2",
      "pve3",
      null,
      null,
      null,
      null,
      "1",
    ]);
  });

  it("reports block-layer I/O errors on disks but not on floppy or CD drives", () => {
    const text = [
      "blk_update_request: I/O error, dev sdb, sector 2048 op 0x1:(WRITE) flags 0x800 phys_seg 1 prio class 0",
      "Buffer I/O error on dev dm-3, logical block 0, async page read",
      "blk_update_request: I/O error, dev fd0, sector 0 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 0",
      "I/O error, dev sr0, sector 0 op 0x0:(READ) flags 0x80700 phys_seg 1 prio class 0",
      "floppy: error 10 while reading block 0",
    ].join("\n");
    expect(brief(parsed(text).events)).toEqual([
      [1, "block", "io-error", "warning", "sdb"],
      [2, "block", "io-error", "warning", "dm-3"],
    ]);
  });
});

describe("parseKernelLog DRBD classification", () => {
  it.each([
    [
      "block drbd0: Split-Brain detected but unresolved, dropping connection!",
      "split-brain",
      "critical",
    ],
    [
      "block drbd0: Split-Brain detected, 1 primaries, automatically solved. Sync from this node",
      "split-brain",
      "warning",
    ],
    ["drbd r0/0 drbd0: disk( UpToDate -> Failed )", "disk-failure", "critical"],
    ["drbd r0/0 drbd0 pve2: pdsk( UpToDate -> Outdated )", "outdated", "warning"],
    ["drbd r0: quorum( yes -> no )", "quorum-lost", "critical"],
    ["drbd r0: susp-io( no -> quorum )", "quorum-lost", "critical"],
    ["drbd r0: helper command: /sbin/drbdadm fence-peer", "fencing", "warning"],
    [
      "drbd r0/0 drbd0: IO ERROR: neither local nor remote data, sector 0+0",
      "io-error",
      "critical",
    ],
    ["d-con r0: conn( WFReportParams -> StandAlone )", "peer-disconnect", "warning"],
    [
      "block drbd1: State change failed: Need access to UpToDate data",
      "state-change-failed",
      "warning",
    ],
    ["drbd r0 pve2: Handshake to peer 1 failed", "other-error", "warning"],
  ])("classifies %s", (message, kind, severity) => {
    expect(parsed(message).events).toMatchObject([{ subsystem: "drbd", kind, severity }]);
  });

  it("names resource, device and peer from DRBD 9 and 8.4 prefixes", () => {
    const log = parsed(
      [
        "drbd r0/0 drbd100 pve2: pdsk( UpToDate -> Outdated )",
        "block drbd1: disk( UpToDate -> Failed )",
        "d-con r1: conn( Connected -> NetworkFailure )",
      ].join("\n"),
    );
    expect(log.events.map((event) => [event.resource, event.device, event.peer])).toEqual([
      ["r0", "drbd100", "pve2"],
      [null, "drbd1", null],
      ["r1", null, null],
    ]);
  });

  it("ignores ordinary DRBD state traffic and the routine helpers", () => {
    const text = [
      "drbd r0 pve2: conn( Unconnected -> Connecting )",
      "drbd r0 pve2: conn( NetworkFailure -> Unconnected )",
      "drbd r0: role( Secondary -> Primary )",
      "drbd r0/0 drbd0 pve2: repl( WFBitMapS -> SyncSource )",
      "drbd r0/0 drbd0 pve2: helper command: /sbin/drbdadm before-resync-target",
      "drbd r0 pve2: helper command: /sbin/drbdadm disconnected exit code 0",
      "drbd: initialized. Version: 9.2.12",
    ].join("\n");
    expect(parsed(text).events).toEqual([]);
  });
});

describe("parseKernelLog DRBD handshake failures and local disk drops on real logs", () => {
  it("reads DRBD 8.4 'Unrelated data, aborting!' as unrelated data on the minor, then the connection going down", () => {
    const log = parsed(readFixture(FIXTURES.drbd84UnrelatedData));
    expect(brief(log.events)).toEqual([
      [5, "drbd", "unrelated-data", "critical", null],
      [6, "drbd", "peer-disconnect", "warning", "ha_disk"],
      [7, "drbd", "other-error", "warning", "ha_disk"],
    ]);
    expect(log.events[0]).toMatchObject({
      time: "5508.438369",
      device: "drbd1",
      message: "block drbd1: Unrelated data, aborting!",
      meaning: expect.stringContaining("shares no history") as unknown,
    });
  });

  it("reads DRBD 9 'Peer presented a node_id of 2 instead of 3' as a node id mismatch naming resource and peer", () => {
    const log = parsed(readFixture(FIXTURES.drbd9NodeId));
    expect(brief(log.events)).toEqual([
      [1, "drbd", "node-id-mismatch", "warning", "one-vm-10154-disk-0"],
      [2, "drbd", "peer-disconnect", "warning", "one-vm-10154-disk-0"],
    ]);
    expect(log.events[0]).toMatchObject({
      peer: "m8c8",
      meaning: expect.stringContaining("node id") as unknown,
    });
  });

  it("reads DRBD 9 disk( UpToDate -> Detaching ) as the local disk detached, not the peer's or the later Diskless step", () => {
    const log = parsed(readFixture(FIXTURES.drbd9Detached));
    expect(brief(log.events)).toEqual([
      [8, "drbd", "disk-detached", "warning", "pvc-9a4e7d3f-ac7c-4ab1-af10-1209b7c6c13d"],
    ]);
    expect(log.events[0]).toMatchObject({ device: "drbd1020", peer: null });
  });

  it("reads a DRBD 8.4 local write error in dmesg -H output: UpToDate -> Inconsistent, then Failed", () => {
    const log = parsed(readFixture(FIXTURES.drbd84Inconsistent));
    const drops = log.events.filter((event) => event.kind.startsWith("disk-"));
    expect(brief(drops)).toEqual([
      [7, "drbd", "disk-inconsistent", "warning", null],
      [23, "drbd", "disk-failure", "critical", null],
    ]);
    expect(drops[0]).toMatchObject({ time: "+0.000833", device: "drbd8143" });
    expect(log.events.filter((event) => event.kind === "io-error").map((e) => e.line)).toEqual([
      5, 12, 25,
    ]);
    // The bcache error and the call trace around the DRBD lines are not DRBD events.
    expect(log.events.every((event) => event.device === "drbd8143")).toBe(true);
  });
});

describe("parseKernelLog DRBD split-brain helpers", () => {
  it("reads the DRBD 8.4 split-brain helper, its call and its return, as an unresolved split brain on minor 0", () => {
    const log = parsed(readFixture(FIXTURES.drbd84SplitBrainHelper));
    expect(
      log.events.map((event) => [event.kind, event.severity, event.resource, event.device]),
    ).toEqual([
      ["split-brain", "critical", null, "drbd0"],
      ["split-brain", "critical", null, "drbd0"],
    ]);
    expect(log.events[1]?.message).toBe(
      "block drbd0: helper command: /sbin/drbdadm split-brain minor-0 exit code 0 (0x0)",
    );
  });

  it("reads a DRBD 8.4 split brain whose usermode helper is /bin/true (Ganeti)", () => {
    expect(brief(parsed(readFixture(FIXTURES.drbd84SplitBrainGaneti)).events)).toEqual([
      [1, "drbd", "split-brain", "critical", null],
      [2, "drbd", "split-brain", "critical", null],
      [3, "drbd", "split-brain", "critical", null],
      [4, "drbd", "peer-disconnect", "warning", "resource6"],
      [5, "drbd", "other-error", "warning", "resource6"],
    ]);
  });

  it.each([
    [
      "block drbd0: helper command: /sbin/drbdadm split-brain minor-0 exit code 0 (0x0)",
      "critical",
    ],
    ["drbd r0/0 drbd1000 pve2: helper command: /sbin/drbdadm split-brain exit code 0", "critical"],
    [
      "drbd r0/0 drbd1000 pve2: helper command: /sbin/drbdadm split-brain exit code 1 (0x100)",
      "critical",
    ],
    [
      "drbd r0/0 drbd1000 pve2: helper command: /sbin/drbdadm initial-split-brain exit code 255 (0xfffffffe)",
      "warning",
    ],
    [
      "block drbd0: helper command: /sbin/drbdadm initial-split-brain minor-0 exit code 0 (0x0)",
      "warning",
    ],
    ["block drbd0: helper command: /sbin/drbdadm pri-lost-after-sb minor-0", "critical"],
    [
      "drbd r0/0 drbd1000 pve2: Split-Brain detected, 1 primaries, automatically solved. Sync from this node",
      "warning",
    ],
    [
      "drbd r0/0 drbd1000: Split-Brain detected during attach, 1 primary(ies), automatically resolved. Sync from peer node",
      "warning",
    ],
    ["block drbd0: Split-Brain detected, manually solved. Sync from peer node", "warning"],
    [
      "drbd r0/0 drbd1000: Split-Brain detected during attach but unresolved, dropping connection!",
      "critical",
    ],
  ])("%s → split brain, %s", (line, severity) => {
    expect(parsed(line).events).toMatchObject([
      { subsystem: "drbd", kind: "split-brain", severity },
    ]);
  });
});

describe("parseKernelLog DRBD disk drops and handshake failures, every form", () => {
  it.each([
    ["block drbd0: disk( UpToDate -> Inconsistent )", "disk-inconsistent", "warning"],
    ["drbd r0/0 drbd1000: disk( UpToDate -> Inconsistent )", "disk-inconsistent", "warning"],
    ["block drbd0: disk( UpToDate -> Diskless )", "disk-detached", "warning"],
    ["drbd r0/0 drbd1000: disk( UpToDate -> Detaching ) [detach]", "disk-detached", "warning"],
    ["drbd r0/0 drbd1000: disk( UpToDate -> Outdated ) [disconnected]", "outdated", "warning"],
    ["block drbd0: disk( UpToDate -> Failed )", "disk-failure", "critical"],
    ["drbd r0/0 drbd1000: disk( UpToDate -> Failed )", "disk-failure", "critical"],
    ["drbd r0/0 drbd1000 pve2: Unrelated data, aborting!", "unrelated-data", "critical"],
    ["drbd r0 pve2: Peer presented a node_id of 2 instead of 3", "node-id-mismatch", "warning"],
    [
      "drbd r0 pve2: Peer expects me to have a node_id of 1 instead of 0",
      "node-id-mismatch",
      "warning",
    ],
  ])("%s → %s", (line, kind, severity) => {
    expect(parsed(line).events).toMatchObject([
      { subsystem: "drbd", kind, severity, meaning: MEANS },
    ]);
  });

  it.each([
    [
      "a resync starting on an Outdated copy",
      "drbd r0/0 drbd1000: disk( Outdated -> Inconsistent )",
    ],
    ["the second step of a detach", "drbd r0/0 drbd1000: disk( Detaching -> Diskless )"],
    ["a copy becoming UpToDate", "block drbd0: disk( Inconsistent -> UpToDate )"],
    [
      "the peer's disk (pdsk) leaving UpToDate",
      "drbd r0/0 drbd1000 pve2: pdsk( UpToDate -> Inconsistent )",
    ],
    ["an attach", "drbd r0/0 drbd1000: disk( Diskless -> Attaching )"],
  ])("%s is no event", (_name, line) => {
    expect(parsed(line).events).toEqual([]);
  });

  it("names the DRBD 8.4 device, and the DRBD 9 resource, volume device and peer", () => {
    const log = parsed(
      [
        "block drbd3: disk( UpToDate -> Inconsistent )",
        "drbd vm-100-disk-0/0 drbd1001 pve2: Unrelated data, aborting!",
      ].join("\n"),
    );
    expect(log.events.map((event) => [event.resource, event.device, event.peer])).toEqual([
      [null, "drbd3", null],
      ["vm-100-disk-0", "drbd1001", "pve2"],
    ]);
  });
});

describe("parseKernelLog OCFS2 module warning", () => {
  // The notice as the kernel prints it (quoted in the fix "ocfs2: update seq_file index in ocfs2_dlm_seq_next").
  const SEQ_FILE =
    "seq_file: buggy .next function ocfs2_dlm_seq_next [ocfs2] did not update position index";

  it.each([
    ["dmesg", `[ 4711.123456] ${SEQ_FILE}`],
    ["journalctl -k", `Jan 18 11:20:01 pve1 kernel: ${SEQ_FILE}`],
    ["dmesg -t", SEQ_FILE],
  ])(
    "reads the seq_file notice from %s as an OCFS2 module warning, not an error",
    (_name, line) => {
      const [event] = parsed(line).events;
      expect(event).toMatchObject({
        subsystem: "ocfs2",
        kind: "module-warning",
        severity: "warning",
        resource: null,
        device: null,
        message: SEQ_FILE,
        meaning: expect.stringContaining("not an I/O error") as unknown,
      });
    },
  );

  it("leaves the same notice about another module alone", () => {
    const line =
      "seq_file: buggy .next function tpm_evtlog_next [txt] did not update position index";
    expect(parsed(line).events).toEqual([]);
  });
});

describe("parseKernelLog bounds and odd input", () => {
  it("returns no events for empty input", () => {
    expect(parseKernelLog("")).toEqual({
      ok: true,
      value: { lines: 0, truncated: false, events: [] },
    });
  });

  it("classifies only the last KERNEL_LOG_MAX_LINES lines and says so", () => {
    const early = "block drbd0: disk( UpToDate -> Failed )";
    const filler = Array.from({ length: KERNEL_LOG_MAX_LINES }, (_, i) => `[ ${i}.000000] noise`);
    const late = "block drbd0: Split-Brain detected but unresolved, dropping connection!";
    const log = parsed([early, ...filler, late].join("\n"));
    expect(log.lines).toBe(KERNEL_LOG_MAX_LINES + 2);
    expect(log.truncated).toBe(true);
    expect(brief(log.events)).toEqual([
      [KERNEL_LOG_MAX_LINES + 2, "drbd", "split-brain", "critical", null],
    ]);
  });

  it("tolerates CRLF line ends", () => {
    const text = readFixture(FIXTURES.drbdSplitBrain).replaceAll("\n", "\r\n");
    const log = parsed(text);
    expect(log.events).toHaveLength(7);
    expect(log.events.every((event) => !event.message.endsWith("\r"))).toBe(true);
  });

  it("returns no events for unrelated text instead of failing", () => {
    expect(parsed("lorem ipsum\n\u00e9\u00e8 [[[ ::: ]]]\n")).toEqual({
      lines: 2,
      truncated: false,
      events: [],
    });
  });

  it("reads a log cut in the middle of a line", () => {
    const log = parsed(
      "[  101.847482] (cp,1633,0):ocfs2_xa_set:2242 ERROR: status = -22\n[  101.8483",
    );
    expect(brief(log.events)).toEqual([[1, "ocfs2", "fs-error", "warning", null]]);
  });

  it("stays linear on a hostile megabyte-long line", () => {
    const hostile = `drbd r0: ${"a-".repeat(500_000)}x -> y )`;
    const started = performance.now();
    expect(parsed(hostile).events).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("refuses binary input through the shared guard", () => {
    expect(parseKernelLog("[ 1.0] ok\n\u0000\u0001").ok).toBe(false);
  });
});
