import { describe, expect, it } from "vitest";
import { parseStorageCfg } from "./storage-cfg";
import type { StorageCfg, StorageCfgEntry } from "./storage-cfg";
import { storageDef } from "@/lib/proxmox/map";
import { listFixtures, parsedValue, readFixture } from "./test-helpers";

function parsed(text: string): StorageCfg {
  return parsedValue(parseStorageCfg(text));
}

function byId(cfg: StorageCfg, id: string): StorageCfgEntry {
  const entry = cfg.storages.find((storage) => storage.id === id);
  if (!entry) throw new Error(`no storage ${id}`);
  return entry;
}

const FIXTURES = {
  linstorLegacy: "storage-cfg-linstor-drbd-legacy-redundancy-linstorproxmox17.cfg",
  linstorVztmpl: "storage-cfg-linstor-drbd-vztmpl-unsupported-partial-linstorproxmox64.cfg",
  nfsLvm: "storage-cfg-nfs-lvm-shared0-spaces-indent.cfg",
  truenas: "storage-cfg-partial-truenas-plugin-section-unsupported-props.cfg",
  zfsOverIscsi: "storage-cfg-partial-zfs-over-iscsi-provider-none-2014.cfg",
  singleNode: "storage-cfg-single-node-many-zfspools-dirs.cfg",
  zfsSparse: "storage-cfg-pve4-zfspool-sparse-bare-flag-proxmoxdeploy9.cfg",
} as const;

const pveConfig = (file: string): string => readFixture(`pve-config/${file}`);

describe("parseStorageCfg on real output", () => {
  it("reads the legacy LINSTOR section: redundancy 3 and a controller VM", () => {
    expect(parsed(pveConfig(FIXTURES.linstorLegacy))).toEqual({
      storages: [
        {
          type: "drbd",
          id: "drbdstorage",
          line: 1,
          properties: {
            content: "rootdir,images",
            controller: "10.10.10.4",
            controllervm: "105",
            redundancy: "3",
          },
          content: ["rootdir", "images"],
          nodes: null,
          shared: true,
          disabled: false,
          path: null,
          isMountpoint: null,
          redundancy: 3,
          controller: "10.10.10.4",
          controllerVm: 105,
        },
      ],
      warnings: [],
    });
  });

  it("reads the resource-group LINSTOR section and warns about the poster's '...' line", () => {
    const cfg = parsed(pveConfig(FIXTURES.linstorVztmpl));
    expect(cfg.warnings).toEqual([{ line: 1, message: expect.stringContaining("...") as unknown }]);
    expect(cfg.storages).toEqual([
      {
        type: "drbd",
        id: "test02",
        line: 2,
        properties: {
          content: "images,vztmpl",
          controller: "pve0.local",
          resourcegroup: "test02-rg",
        },
        content: ["images", "vztmpl"],
        nodes: null,
        shared: true,
        disabled: false,
        path: null,
        isMountpoint: null,
        redundancy: null,
        controller: "pve0.local",
        controllerVm: null,
      },
    ]);
  });

  it("reads a space-indented file: NFS is shared by nature, LVM with shared 0 is not", () => {
    const cfg = parsed(pveConfig(FIXTURES.nfsLvm));
    expect(cfg.warnings).toEqual([]);
    expect(cfg.storages.map((storage) => [storage.type, storage.id, storage.shared])).toEqual([
      ["dir", "local", false],
      ["lvmthin", "local-lvm", false],
      ["nfs", "ISO", true],
      ["lvm", "stockage-vm", false],
    ]);
    expect(byId(cfg, "ISO")).toMatchObject({
      path: "/mnt/pve/ISO",
      content: ["iso", "vztmpl"],
      properties: {
        export: "/mnt/ISO",
        server: "192.168.67.181",
        "prune-backups": "keep-all=1",
      },
    });
    expect(byId(cfg, "stockage-vm").properties).toEqual({
      vgname: "stockage-vm",
      content: "images,rootdir",
      saferemove: "0",
      shared: "0",
    });
    expect(byId(cfg, "local")).toMatchObject({
      path: "/var/lib/vz",
      content: ["backup", "vztmpl", "iso"],
    });
  });

  it("keeps a third-party plugin type with its own properties; shared 1 makes it shared", () => {
    const cfg = parsed(pveConfig(FIXTURES.truenas));
    expect(cfg.warnings).toEqual([]);
    expect(cfg.storages).toHaveLength(1);
    expect(cfg.storages[0]).toMatchObject({
      type: "truenas",
      id: "truenas_iscsi",
      shared: true,
      content: ["images"],
      properties: {
        iscsiprovider: "truenas",
        pool: "xxxxxxxx/proxmox_iscsi",
        truenas_use_ssl: "1",
        truenas_apiv4_host: "x.x.x.x",
      },
    });
    expect(Object.keys(cfg.storages[0]?.properties ?? {})).toHaveLength(12);
  });

  it("treats zfs (ZFS over iSCSI) as shared by nature", () => {
    expect(parsed(pveConfig(FIXTURES.zfsOverIscsi)).storages).toEqual([
      {
        type: "zfs",
        id: "storage",
        line: 1,
        properties: {
          blocksize: "4k",
          target: "none",
          pool: "storage",
          content: "images",
          iscsiprovider: "none",
          portal: "localhost",
        },
        content: ["images"],
        nodes: null,
        shared: true,
        disabled: false,
        path: null,
        isMountpoint: null,
        redundancy: null,
        controller: null,
        controllerVm: null,
      },
    ]);
  });

  it("reads a single-node file: zfspools are local and restricted to node pve", () => {
    const cfg = parsed(pveConfig(FIXTURES.singleNode));
    expect(cfg.warnings).toEqual([]);
    expect(
      cfg.storages.map((storage) => [storage.type, storage.id, storage.shared, storage.nodes]),
    ).toEqual([
      ["dir", "local", false, null],
      ["lvmthin", "local-lvm", false, null],
      ["dir", "hdd", false, null],
      ["zfspool", "hdd-8t", false, ["pve"]],
      ["zfspool", "kingston-500g", false, ["pve"]],
      ["dir", "backup1TB", false, null],
      ["zfspool", "hdd-500g", false, ["pve"]],
    ]);
    expect(byId(cfg, "backup1TB")).toMatchObject({
      line: 28,
      path: "/mnt/backuplocal1TB",
      content: ["rootdir", "images", "backup", "iso", "vztmpl", "snippets"],
    });
    expect(byId(cfg, "hdd-8t").properties.mountpoint).toBe("/hdd-8t");
  });
});

describe("parseStorageCfg bare flags", () => {
  it("reads the bare `sparse` of real zfspool sections as true", () => {
    const cfg = parsed(pveConfig(FIXTURES.zfsSparse));
    expect(cfg.warnings).toEqual([]);
    expect(cfg.storages.map((storage) => [storage.type, storage.id])).toEqual([
      ["dir", "local"],
      ["dir", "backup-data-iso"],
      ["zfspool", "vm-400g"],
      ["zfspool", "backup-2tb-vms"],
      ["dir", "vm-backup"],
    ]);
    expect(byId(cfg, "vm-400g")).toMatchObject({
      shared: false,
      content: ["images", "rootdir"],
      properties: { pool: "vm-400g", sparse: true, content: "images,rootdir" },
    });
    expect(byId(cfg, "backup-2tb-vms").properties.sparse).toBe(true);
    expect(byId(cfg, "vm-backup").properties).toEqual({
      path: "/backup-2tb/vms/",
      content: "backup",
      maxfiles: "4",
    });
  });

  it.each([
    ["sparse under a zfspool", "zfspool: local-zfs\n\tpool rpool/data\n\tsparse\n", "sparse"],
    ["krbd under an rbd storage", "rbd: ceph-vm\n\tpool vm\n\tkrbd\n", "krbd"],
    ["shared under a dir", "dir: san\n\tpath /mnt/san\n\tshared\n", "shared"],
    ["a flag followed by trailing blanks", "dir: san\n\tpath /mnt/san\n\tdisable \t\n", "disable"],
  ])("%s → true", (_name, text, key) => {
    expect(parsed(text).storages[0]?.properties[key]).toBe(true);
  });

  it("keeps a written value as text, even 1 or 0", () => {
    const cfg = parsed("rbd: ceph-vm\n\tpool vm\n\tkrbd 0\n\tshared 1\n");
    expect(cfg.storages[0]?.properties).toEqual({ pool: "vm", krbd: "0", shared: "1" });
  });

  it("gives a bare flag the 1 that the /storage API returns, once mapped", () => {
    const entry = byId(parsed(pveConfig(FIXTURES.zfsSparse)), "vm-400g");
    const def = storageDef(entry.id, entry.type, entry.properties);
    expect(def.properties).toEqual({ pool: "vm-400g", sparse: "1", content: "images,rootdir" });
  });

  it("does not take a bare valued key for a value", () => {
    const cfg = parsed("drbd: linstor\n\tcontroller\n\tredundancy\n\tpath\n");
    expect(cfg.storages[0]).toMatchObject({ controller: null, redundancy: null, path: null });
    expect(cfg.warnings).toEqual([
      { line: 1, message: "storage 'linstor': 'redundancy' is not an integer: no value" },
    ]);
  });
});

describe("fixture inventory", () => {
  it("covers every storage.cfg fixture and explains the other pve-config files", () => {
    const files = listFixtures("pve-config");
    expect(files.filter((file) => file.startsWith("storage-cfg-"))).toEqual(
      Object.values(FIXTURES).sort(),
    );
    const elsewhere = files.filter((file) => !file.startsWith("storage-cfg-"));
    expect(elsewhere.filter((file) => !file.startsWith("corosync-conf-"))).toEqual([
      // pvestatd's journal lines about storage.cfg, not storage.cfg: see the test below.
      "pvestatd-storage-cfg-parse-errors-unexpected-property.log",
    ]);
  });

  it("keeps what pvestatd rejected, like PVE: the log names properties of a known section", () => {
    // pvestatd warned that truenas_iscsi's content/iscsiprovider/nowritecache are unexpected and
    // carried on; the parser keeps such properties rather than failing.
    const log = pveConfig("pvestatd-storage-cfg-parse-errors-unexpected-property.log");
    const rejected = [...log.matchAll(/unexpected property '([^']+)'/g)].map((match) => match[1]);
    expect(rejected).toEqual(["content", "iscsiprovider", "nowritecache"]);
    const properties = parsed(pveConfig(FIXTURES.truenas)).storages[0]?.properties ?? {};
    for (const key of rejected) expect(properties).toHaveProperty(key as string);
  });
});

describe("parseStorageCfg", () => {
  it("reads tab- and space-indented sections with no blank line between them, warning as PVE would", () => {
    const text =
      "dir: local\n\tpath /var/lib/vz\nnfs: backup\n    server 10.0.0.5\n    export /srv\n";
    const cfg = parsed(text);
    expect(cfg.storages.map((storage) => [storage.id, storage.properties])).toEqual([
      ["local", { path: "/var/lib/vz" }],
      ["backup", { server: "10.0.0.5", export: "/srv" }],
    ]);
    expect(cfg.warnings).toEqual([
      { line: 3, message: expect.stringContaining("no empty line") as unknown },
    ]);
  });

  it("reads bare flags and PVE boolean words", () => {
    const text = [
      "dir: ocfs2-vm",
      "\tpath /mnt/ocfs2",
      "\tcontent images,rootdir",
      "\tshared",
      "\tis_mountpoint yes",
      "\tdisable",
      "\tnodes pve1,pve2, pve3",
      "",
      "dir: other",
      "\tpath /srv/x",
      "\tshared off",
      "\tis_mountpoint /srv",
      "\tdisable 0",
    ].join("\n");
    const cfg = parsed(text);
    expect(byId(cfg, "ocfs2-vm")).toMatchObject({
      shared: true,
      disabled: true,
      isMountpoint: true,
      nodes: ["pve1", "pve2", "pve3"],
      properties: { shared: true, disable: true },
    });
    expect(byId(cfg, "other")).toMatchObject({
      shared: false,
      disabled: false,
      isMountpoint: "/srv",
    });
    expect(cfg.warnings).toEqual([]);
  });

  it("keeps values with spaces, skips comments and tolerates CRLF", () => {
    const text =
      "# managed by hand\r\ndir: local\r\n\t# old path\r\n\tpath /var/lib/vz\r\n\tcomment main disk, keep\r\n";
    expect(parsed(text).storages[0]?.properties).toEqual({
      path: "/var/lib/vz",
      comment: "main disk, keep",
    });
  });

  it("shares by type for all network and cluster plugins, but not zfspool", () => {
    const types = [
      "nfs",
      "cifs",
      "glusterfs",
      "cephfs",
      "rbd",
      "iscsi",
      "iscsidirect",
      "drbd",
      "pbs",
      "zfs",
      "zfspool",
      "lvm",
      "dir",
      "esxi",
    ];
    const text = types.map((type) => `${type}: s-${type}\n\tcontent images\n`).join("\n");
    const shared = parsed(text)
      .storages.filter((storage) => storage.shared)
      .map((storage) => storage.type);
    expect(shared).toEqual(types.slice(0, 10));
  });

  it("warns, as PVE's id check would, about a one-character storage id", () => {
    expect(parsed("dir: a\n\tpath /a\n").warnings).toEqual([
      { line: 1, message: expect.stringContaining("not valid") as unknown },
    ]);
  });

  it("warns about a property before any section and keeps parsing", () => {
    const cfg = parsed("\tpath /x\n\ndir: local\n\tpath /var/lib/vz\n");
    expect(cfg.warnings).toEqual([
      { line: 1, message: expect.stringContaining("outside any section") as unknown },
    ]);
    expect(cfg.storages).toHaveLength(1);
  });

  it("warns about duplicates, bad numbers, bad booleans and invalid ids without failing", () => {
    const text = [
      "DRBD: 9bad",
      "\tredundancy three",
      "\tcontrollervm 105",
      "\tcontrollervm 106",
      "\tshared maybe",
      "",
      "dir: store",
      "\tpath /one",
      "",
      "dir: store",
      "\tpath /two",
    ].join("\n");
    const cfg = parsed(text);
    expect(cfg.storages.map((storage) => [storage.type, storage.id, storage.path])).toEqual([
      ["drbd", "9bad", null],
      ["dir", "store", "/two"],
    ]);
    expect(byId(cfg, "9bad")).toMatchObject({ redundancy: null, controllerVm: 105, shared: true });
    expect(cfg.warnings.map((warning) => warning.line)).toEqual([1, 1, 1, 4, 10]);
  });

  it("returns no storages for empty or comment-only input", () => {
    expect(parseStorageCfg("")).toEqual({ ok: true, value: { storages: [], warnings: [] } });
    expect(parseStorageCfg("# nothing yet\n\n")).toEqual({
      ok: true,
      value: { storages: [], warnings: [] },
    });
  });

  it("fails on text with no section header at all, naming its first line", () => {
    expect(parseStorageCfg("\nhello world\nfoo bar\n")).toEqual({
      ok: false,
      error: {
        format: "storage-cfg",
        line: 2,
        message: expect.stringContaining("section header") as unknown,
      },
    });
  });

  it("keeps a section cut off mid-property", () => {
    const cfg = parsed("nfs: ISO\n\texport /mnt/ISO\n\tpa");
    expect(byId(cfg, "ISO").properties).toEqual({ export: "/mnt/ISO", pa: true });
  });
});
