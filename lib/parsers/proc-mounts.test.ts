import { describe, expect, it } from "vitest";
import { decodeMountEscapes, parseProcMounts } from "./proc-mounts";
import type { MountEntry } from "./proc-mounts";
import { listFixtures, parsedValue, readFixture } from "./test-helpers";

function parsed(text: string): MountEntry[] {
  return parsedValue(parseProcMounts(text));
}

const MULTIPATH_FIXTURE = "ocfs2/proc-mounts-ocfs2-heartbeat-local-multipath-icicimov.txt";

describe("parseProcMounts on real output", () => {
  it("reads the OCFS2 multipath mount with heartbeat=local and errors=remount-ro", () => {
    expect(parsed(readFixture(MULTIPATH_FIXTURE))).toEqual([
      {
        device: "/dev/mapper/mylun",
        mountpoint: "/share",
        fsType: "ocfs2",
        readOnly: false,
        options: [
          "rw",
          "noatime",
          "_netdev",
          "heartbeat=local",
          "nointr",
          "data=ordered",
          "errors=remount-ro",
          "atime_quantum=60",
          "coherency=full",
          "user_xattr",
          "acl",
        ],
      },
    ]);
  });
});

describe("fixture inventory", () => {
  // Every file of the ocfs2 folder is either read here, read by another parser, or not a source.
  const mine = [MULTIPATH_FIXTURE.slice("ocfs2/".length)];
  const otherParsers: Array<[RegExp, string]> = [
    [/^mounted-ocfs2-/, "mounted-ocfs2 parser"],
    [/^o2cb-/, "o2cb-status / ocfs2-cluster-conf parsers"],
    [/^cluster-conf-/, "ocfs2-cluster-conf parser"],
    [/^kernel-log-/, "kernel-log parser"],
  ];
  const notAFormat: Record<string, string> = {
    "fstab-ocfs2-by-label-cloudabc.txt":
      "/etc/fstab states what should be mounted, not what is; it is no scenario source, and its " +
      "comment line would read as a bogus mount entry",
    "service-ocfs2-status-active-mountpoints-icicimov.txt":
      "`service ocfs2 status` only lists mountpoints; /proc/mounts carries them with device and options",
    "fsck-ocfs2-n-clean-cloudabc.txt": "an offline fsck report, not collected by the agent",
  };

  it("covers every proc-mounts fixture and explains every other file", () => {
    const files = listFixtures("ocfs2");
    expect(files.filter((file) => file.startsWith("proc-mounts-"))).toEqual(mine);
    const unexplained = files.filter(
      (file) =>
        !mine.includes(file) &&
        !otherParsers.some(([pattern]) => pattern.test(file)) &&
        notAFormat[file] === undefined,
    );
    expect(unexplained).toEqual([]);
    for (const file of Object.keys(notAFormat)) expect(files).toContain(file);
  });
});

describe("parseProcMounts", () => {
  const PVE_NODE = [
    "sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0",
    "/dev/mapper/pve-root / ext4 rw,relatime,errors=remount-ro 0 0",
    "/dev/sdb1 /mnt/ocfs2\\040shared ocfs2 ro,relatime,_netdev,heartbeat=local,nointr,data=ordered,errors=remount-ro,coherency=full,user_xattr,acl 0 0",
    "/dev/fuse /etc/pve fuse rw,nosuid,nodev,relatime,user_id=0,group_id=0,default_permissions,allow_other 0 0",
  ].join("\n");

  it("decodes octal escapes in paths and sets readOnly from the ro option", () => {
    const entries = parsed(PVE_NODE);
    expect(entries).toHaveLength(4);
    expect(entries[2]).toMatchObject({
      device: "/dev/sdb1",
      mountpoint: "/mnt/ocfs2 shared",
      fsType: "ocfs2",
      readOnly: true,
    });
    expect(entries[2]?.options[0]).toBe("ro");
    expect(entries.filter((entry) => entry.readOnly).map((entry) => entry.mountpoint)).toEqual([
      "/mnt/ocfs2 shared",
    ]);
  });

  it("does not mistake errors=remount-ro for a read-only mount", () => {
    expect(parsed(PVE_NODE)[1]?.readOnly).toBe(false);
  });

  it("decodes tab, newline and backslash escapes", () => {
    expect(decodeMountEscapes("/a\\011b\\012c\\134d")).toBe("/a\tb\nc\\d");
  });

  it("splits options before decoding so an escaped comma stays inside its option", () => {
    const [entry] = parsed("srv:/x /mnt/x nfs rw,fsc=a\\054b 0 0\n");
    expect(entry?.options).toEqual(["rw", "fsc=a,b"]);
  });

  it("accepts lines without dump and pass fields", () => {
    expect(parsed("/dev/sda1 /boot ext4 rw")).toEqual([
      {
        device: "/dev/sda1",
        mountpoint: "/boot",
        fsType: "ext4",
        readOnly: false,
        options: ["rw"],
      },
    ]);
  });

  it("tolerates lines with extra fields", () => {
    expect(parsed("/dev/sda1 / ext4 rw 0 0 trailing junk\n")[0]).toMatchObject({
      device: "/dev/sda1",
      mountpoint: "/",
      options: ["rw"],
    });
  });

  it("tolerates CRLF line ends and blank lines", () => {
    const entries = parsed("/dev/sda1 / ext4 rw 0 0\r\n\r\n/dev/sdb1 /data xfs ro 0 0\r\n");
    expect(entries.map((entry) => [entry.mountpoint, entry.readOnly])).toEqual([
      ["/", false],
      ["/data", true],
    ]);
  });

  it("returns no entries for empty input", () => {
    expect(parseProcMounts("")).toEqual({ ok: true, value: [] });
  });

  it("names the line of a truncated entry", () => {
    expect(parseProcMounts("/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 /data")).toEqual({
      ok: false,
      error: {
        format: "proc-mounts",
        line: 2,
        message: expect.stringContaining("found 2 field(s)") as unknown,
      },
    });
  });

  it("fails on garbage with the first bad line", () => {
    const result = parseProcMounts("hello\n");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.line).toBe(1);
  });

  it("refuses `mount` command output instead of misreading its columns", () => {
    const result = parseProcMounts("/dev/sda1 on / type ext4 (rw,relatime)\n");
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({
        line: 1,
        message: expect.stringMatching(/mount/) as unknown,
      });
  });

  it("refuses binary input through the shared guard", () => {
    expect(parseProcMounts("/dev/sda1 / ext4 rw 0 0\n\u0000").ok).toBe(false);
  });
});
