import { describe, expect, it } from "vitest";
import { readFixture } from "@/lib/parsers/test-helpers";
import { bootKernelSection, collectReport, linksSection, refreshCorosync } from "./collect";
import type { RunOutcome } from "./exec";
import type { InstalledKernels, RawName, RawReader } from "./sources/raw";

const cfgtool = readFixture("lab/cfgtool-s-3node-link1-cut-pve2-pve1.txt");
const stats = readFixture("lab/cmapctl-m-stats-3node-link1-cut-pve2-pve1.txt");

function reader(
  outcomes: Partial<Record<RawName, RunOutcome>>,
  installed?: InstalledKernels | null,
): RawReader {
  return {
    ...(installed === undefined ? {} : { installedKernels: () => Promise.resolve(installed) }),
    mode: "root",
    nodeName: () => "pve1",
    read: (name) =>
      Promise.resolve(
        outcomes[name] ?? { ok: false, reason: "not-installed", message: `${name} does not exist` },
      ),
    watch: () => Promise.resolve({ ok: false, reason: "not-installed", message: "no watch" }),
    kernelRelease: () => Promise.resolve(null),
    clock: () => Promise.resolve({ epochMs: 0, offsetMs: null }),
  };
}

const text = (stdout: string): RunOutcome => ({ ok: true, stdout, exitCode: 0 });

describe("the links section", () => {
  it("both tools answer → ok with link status and knet statistics", async () => {
    const section = await linksSection(
      reader({ "corosync-cfgtool.txt": text(cfgtool), "corosync-cmapctl-stats.txt": text(stats) }),
    );
    expect(section).toMatchObject({
      status: "ok",
      source: "corosync-cfgtool.txt, corosync-cmapctl-stats.txt",
      data: { cfgtool: { localNodeId: 1 }, stats: { nodes: [{}, {}, {}] } },
    });
    expect(section).not.toHaveProperty("notes");
  });

  it("knet statistics unreadable → ok with the link status, stats null and the reason as a note", async () => {
    const section = await linksSection(
      reader({ "corosync-cfgtool.txt": text(cfgtool), "corosync-cmapctl-stats.txt": text("junk") }),
    );
    expect(section).toMatchObject({
      status: "ok",
      source: "corosync-cfgtool.txt",
      data: { stats: null },
      notes: [expect.stringMatching(/^corosync-cmapctl-stats\.txt: parse-error: /) as unknown],
    });
  });

  it("only knet statistics present (a scenario without cfgtool output) → ok with cfgtool null", async () => {
    const section = await linksSection(reader({ "corosync-cmapctl-stats.txt": text(stats) }));
    expect(section).toMatchObject({ status: "ok", data: { cfgtool: null } });
  });

  it("neither file present → absent, not-installed (no corosync links to show)", async () => {
    expect(await linksSection(reader({}))).toMatchObject({
      status: "absent",
      source: "corosync-cfgtool.txt",
      reason: "not-installed",
    });
  });

  it("neither readable → absent with the reason that tells more than not-installed", async () => {
    const section = await linksSection(
      reader({
        "corosync-cfgtool.txt": { ok: false, reason: "permission-denied", message: "denied" },
      }),
    );
    expect(section).toMatchObject({ status: "absent", reason: "permission-denied" });
  });

  it("a refresh reads corosync's quorum and links again and keeps every other section", async () => {
    const base = await collectReport(
      reader({
        "corosync-cfgtool.txt": text(cfgtool),
        "proc-mounts.txt": text("proc /proc proc rw 0 0\n"),
      }),
    );
    const quorum = readFixture("lab/quorumtool-s-3node-2links-link1-cut-pve2-quorate.txt");
    const next = await refreshCorosync(
      reader({ "corosync-quorumtool.txt": text(quorum), "corosync-cfgtool.txt": text(cfgtool) }),
      base,
    );
    expect(base.sections.corosync.status).toBe("absent");
    expect(next.sections.corosync).toMatchObject({ status: "ok", data: { quorate: true } });
    expect(next.sections.mounts).toEqual(base.sections.mounts);
    expect(next.sections.links).toMatchObject({ status: "ok" });
  });

  it("a refresh after a membership change takes the status block the agent already has, and leaves the links", async () => {
    const base = await collectReport(reader({ "corosync-cfgtool.txt": text(cfgtool) }));
    const quorum = readFixture("lab/quorumtool-s-3node-one-cut-quorate-no-margin.txt");
    const read: string[] = [];
    const counting = reader({});
    const next = await refreshCorosync(
      { ...counting, read: (name) => (read.push(name), counting.read(name)) },
      base,
      { probes: ["quorum"], quorumText: quorum },
    );
    expect(read).toEqual([]);
    expect(next.sections.corosync).toMatchObject({ status: "ok", data: { quorate: true } });
    expect(next.sections.links).toEqual(base.sections.links);
  });
});

describe("the boot kernel section", () => {
  const list = readFixture(
    "proxmox-boot/kernel-list-6.5-pinned-6.8-installed-kernel-change-blog.txt",
  );
  const boot = {
    images: ["vmlinuz-6.2.16-20-pve", "vmlinuz-6.5.13-1-pve", "initrd.img-6.5.13-1-pve"],
    pin: null,
    nextBootPin: null,
  };

  it("proxmox-boot-tool answers → its pinned kernel, /boot not consulted", async () => {
    const section = await bootKernelSection(
      reader({ "proxmox-boot-tool-kernel-list.txt": text(list) }, boot),
    );
    expect(section).toMatchObject({
      status: "ok",
      source: "proxmox-boot-tool-kernel-list.txt",
      data: { nextBoot: "6.5.13-5-pve", reason: "pinned" },
    });
  });

  it("no proxmox-boot-tool → the newest /boot image, without a note", async () => {
    const section = await bootKernelSection(reader({}, boot));
    expect(section).toMatchObject({
      status: "ok",
      source: expect.stringMatching(/^\/boot\/vmlinuz-\*/) as unknown,
      data: {
        nextBoot: "6.5.13-1-pve",
        reason: "newest",
        kernels: ["6.5.13-1-pve", "6.2.16-20-pve"],
      },
    });
    expect(section).not.toHaveProperty("notes");
  });

  it("the tool prints garbage → /boot decides and the parse error stays visible as a note", async () => {
    const section = await bootKernelSection(
      reader(
        { "proxmox-boot-tool-kernel-list.txt": text("garbage\n") },
        { ...boot, pin: "6.2.16-20-pve\n" },
      ),
    );
    expect(section).toMatchObject({
      status: "ok",
      data: { nextBoot: "6.2.16-20-pve", reason: "pinned" },
      notes: [
        expect.stringMatching(/^proxmox-boot-tool-kernel-list\.txt: parse-error: /) as unknown,
      ],
    });
  });

  it("neither the tool nor a kernel image → absent, not installed", async () => {
    expect(await bootKernelSection(reader({}, null))).toMatchObject({
      status: "absent",
      reason: "not-installed",
    });
    expect(
      await bootKernelSection(reader({}, { images: [], pin: null, nextBootPin: null })),
    ).toMatchObject({
      status: "absent",
    });
  });
});
