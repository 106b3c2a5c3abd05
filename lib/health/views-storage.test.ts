import { describe, expect, it } from "vitest";
import { parseO2cbStatus } from "@/lib/parsers/o2cb-status";
import { parseProcMounts } from "@/lib/parsers/proc-mounts";
import { parsedValue, readFixture } from "@/lib/parsers/test-helpers";
import { absent, apiView, failed, makeSnapshot, node, ok, report, storage } from "./test-helpers";
import {
  compareKernelReleases,
  coveringMountpoint,
  expectedOcfs2Mounts,
  isClusterMount,
  mountTarget,
  normalizePath,
  ocfs2Mounts,
  ocfs2Volumes,
  visibleMounts,
} from "./views-storage";

const ROOT = "/dev/mapper/pve-root / ext4 rw,relatime,errors=remount-ro 0 0\n";
const OCFS2 = `${ROOT}/dev/sdb1 /mnt/ocfs2 ocfs2 rw,relatime,_netdev,heartbeat=local,nointr,data=ordered,errors=remount-ro,atime_quantum=60,coherency=full,user_xattr,acl 0 0\n`;
const o2cb = (name: string) => ok(parsedValue(parseO2cbStatus(`Cluster '${name}' is online\n`)));

function ocfsNode(name: string, mounts: string, extra: { o2cb?: string | null } = {}) {
  const sections = {
    mounts: ok(parsedValue(parseProcMounts(mounts))),
    o2cb: extra.o2cb === null ? absent() : o2cb(extra.o2cb ?? "ocfs2"),
  };
  return node(name, { report: report(name, sections) });
}

describe("mountTarget", () => {
  it.each([
    ["yes", "/mnt/ocfs2/", "/mnt/ocfs2"],
    ["1", "/mnt/ocfs2", "/mnt/ocfs2"],
    ["/mnt/ocfs2", "/mnt/ocfs2/images", "/mnt/ocfs2"],
    ["no", "/mnt/ocfs2", null],
    ["0", "/mnt/ocfs2", null],
    [null, "/mnt/ocfs2", null],
  ])("is_mountpoint %s with path %s → %s", (flag, path, expected) => {
    const def = storage("shared", "dir", {
      path,
      shared: "1",
      ...(flag === null ? {} : { is_mountpoint: flag }),
    });
    expect(mountTarget(def)).toBe(expected);
  });
});

describe("mount helpers", () => {
  it("a local-heartbeat OCFS2 mount from the real /proc/mounts fixture is a cluster mount", () => {
    const [entry] = parsedValue(
      parseProcMounts(
        readFixture("ocfs2/proc-mounts-ocfs2-heartbeat-local-multipath-icicimov.txt"),
      ),
    );
    expect(entry && isClusterMount(entry)).toBe(true);
  });

  it("a heartbeat=none mount (local or hard read-only) is not a cluster mount", () => {
    const [entry] = parsedValue(
      parseProcMounts("/dev/loop0 /mnt/t ocfs2 ro,relatime,heartbeat=none 0 0\n"),
    );
    expect(entry && isClusterMount(entry)).toBe(false);
  });

  it("a mount hidden by a later mount at the same point is not visible", () => {
    const n = ocfsNode("pve1", `${OCFS2}tmpfs /mnt/ocfs2 tmpfs rw 0 0\n`);
    expect(ocfs2Mounts(n)).toEqual([]);
  });

  it("visible mounts keep /proc/mounts order and the last entry at each point, trailing slash or not", () => {
    const mounts = parsedValue(
      parseProcMounts(
        `${ROOT}/dev/sdb1 /mnt/a ocfs2 rw 0 0\n/dev/sdc1 /mnt/b ext4 rw 0 0\ntmpfs /mnt/a/ tmpfs rw 0 0\n`,
      ),
    );
    expect(visibleMounts(mounts).map((m) => `${m.mountpoint} ${m.fsType}`)).toEqual([
      "/ ext4",
      "/mnt/b ext4",
      "/mnt/a/ tmpfs",
    ]);
    // A report's mounts are worked out once, however many rules ask.
    expect(visibleMounts(mounts)).toBe(visibleMounts(mounts));
  });

  it.each([
    ["/mnt/ocfs2/", "/mnt/ocfs2"],
    ["/mnt/ocfs2", "/mnt/ocfs2"],
    ["///", "/"],
    ["", "/"],
  ])("the path %j is %j", (path, expected) => {
    expect(normalizePath(path)).toBe(expected);
  });

  it.each([
    ["/mnt/ocfs2/images", ["/", "/mnt/ocfs2", "/mnt"], "/mnt/ocfs2"],
    ["/mnt/ocfs2", ["/mnt/ocfs2/"], "/mnt/ocfs2"],
    ["/mnt/ocfs22", ["/mnt/ocfs2"], null],
    ["/var/lib/vz", ["/"], null],
  ])("the mount covering %s among %j is %s", (path, mountpoints, expected) => {
    expect(coveringMountpoint(path, mountpoints)).toBe(expected);
  });

  it.each([
    ["6.2.16-20-pve", "6.5.13-1-pve", -1],
    ["6.8.12-10-pve", "6.8.12-4-pve", 1],
    ["6.8.12-4-pve", "6.8.12-4-pve", 0],
  ])("kernel %s compared with %s → sign %i", (a, b, sign) => {
    expect(Math.sign(compareKernelReleases(a, b))).toBe(sign);
  });
});

describe("expectedOcfs2Mounts", () => {
  const names = (snapshot: ReturnType<typeof makeSnapshot>) =>
    expectedOcfs2Mounts(snapshot).map((e) => `${e.mountpoint} ${e.node.name}`);

  it("is worked out once per snapshot, as are its cluster-mode volumes", () => {
    const snapshot = makeSnapshot({
      nodes: [ocfsNode("pve1", OCFS2), ocfsNode("pve2", ROOT)],
    });
    expect(names(snapshot)).toEqual(["/mnt/ocfs2 pve2"]);
    expect(expectedOcfs2Mounts(snapshot)).toBe(expectedOcfs2Mounts(snapshot));
    expect(ocfs2Volumes(snapshot)).toBe(ocfs2Volumes(snapshot));
    // Another filter is not the cluster-mode answer.
    expect(ocfs2Volumes(snapshot, () => false)).toEqual([]);
    expect(ocfs2Volumes(snapshot)).toHaveLength(1);
  });

  it("a shared dir with is_mountpoint expects the mount on every node it is enabled for", () => {
    const snapshot = makeSnapshot({
      nodes: [ocfsNode("pve1", OCFS2), ocfsNode("pve2", ROOT), ocfsNode("pve3", ROOT)],
      api: apiView({
        storages: [
          storage("ocfs2", "dir", {
            path: "/mnt/ocfs2",
            shared: "1",
            is_mountpoint: "yes",
            nodes: "pve1,pve2",
          }),
        ],
      }),
    });
    expect(names(snapshot)).toEqual(["/mnt/ocfs2 pve1", "/mnt/ocfs2 pve2"]);
    expect(expectedOcfs2Mounts(snapshot)[1]?.storages.map((d) => d.id)).toEqual(["ocfs2"]);
  });

  it("a shared dir below an OCFS2 mountpoint expects that mountpoint", () => {
    const snapshot = makeSnapshot({
      nodes: [ocfsNode("pve1", OCFS2), ocfsNode("pve2", ROOT, { o2cb: null })],
      api: apiView({
        storages: [storage("vms", "dir", { path: "/mnt/ocfs2/images", shared: "1" })],
      }),
    });
    expect(names(snapshot)).toEqual(["/mnt/ocfs2 pve1", "/mnt/ocfs2 pve2"]);
  });

  it("a volume no storage maps is expected on peers that run the same o2cb cluster", () => {
    const snapshot = makeSnapshot({
      nodes: [
        ocfsNode("pve1", OCFS2),
        ocfsNode("pve2", ROOT),
        ocfsNode("pve3", ROOT, { o2cb: "other" }),
        ocfsNode("pve4", ROOT, { o2cb: null }),
      ],
    });
    expect(names(snapshot)).toEqual(["/mnt/ocfs2 pve2"]);
    expect(expectedOcfs2Mounts(snapshot)[0]?.peers).toEqual(["pve1"]);
  });

  it("an is_mountpoint that holds NFS on some node is not taken for OCFS2", () => {
    const nfs = `${ROOT}10.0.0.9:/export /mnt/ocfs2 nfs4 rw 0 0\n`;
    const snapshot = makeSnapshot({
      nodes: [ocfsNode("pve1", nfs), ocfsNode("pve2", ROOT)],
      api: apiView({
        storages: [
          storage("ocfs2", "dir", { path: "/mnt/ocfs2", shared: "1", is_mountpoint: "yes" }),
        ],
      }),
    });
    expect(names(snapshot)).toEqual([]);
  });

  it("with the API stale the peer rule still applies", () => {
    const snapshot = makeSnapshot({
      nodes: [ocfsNode("pve1", OCFS2), ocfsNode("pve2", ROOT)],
      api: failed(),
    });
    expect(names(snapshot)).toEqual(["/mnt/ocfs2 pve2"]);
  });
});
