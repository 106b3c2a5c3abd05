/**
 * Writes scenarios/linstor-16-node-200-resources: the largest cluster the wall is made for, 16
 * nodes and 200 LINSTOR DRBD resources, with pve16 down and three replicas on pve05 resyncing.
 *
 * Every file keeps the layout of a real capture (see scenarios/README.md): the pve/ answers follow
 * linstor-redundancy-3-satellite-down, the quorumtool output the corosync-cli/lab captures, the
 * `drbdadm status` text the linstor213, reactor1 and icicimov captures; proc-mounts.txt is that
 * scenario's pve1 file byte for byte. expected.json lists the findings this layout implies.
 *
 *     npx tsx scripts/generate-large-scenario.ts
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const NAME = "linstor-16-node-200-resources";
const scenarios = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../scenarios");
const template = path.join(scenarios, "linstor-redundancy-3-satellite-down");
const out = path.join(scenarios, NAME);

const NODES = Array.from({ length: 16 }, (_, i) => ({
  name: `pve${String(i + 1).padStart(2, "0")}`,
  nodeid: i + 1,
  ip: `10.10.10.${11 + i}`,
}));
const DOWN = "pve16";
const RESYNCING = { node: "pve05", done: ["12.40", "57.03", "88.91"] };
const REDUNDANCY = 2;
const KERNEL = "6.8.12-4-pve";
const DATE = "Mon Nov 30 07:59:41 2026";

interface Resource {
  name: string;
  vmid: number;
  /** Where the VM runs, so where DRBD is Primary. */
  primary: string;
  secondary: string;
  /** The Secondary is an Inconsistent SyncTarget this far along. */
  syncDone: string | null;
}

/** LINSTOR's auto-place spreads replicas: node i with node i+1, i+2, ... as the resources go on. */
function placeResources(): Resource[] {
  const resources: Resource[] = [];
  let syncing = 0;
  for (let i = 0; i < 200; i++) {
    const a = i % 16;
    const b = (a + 1 + (Math.floor(i / 16) % 15)) % 16;
    let [primary, secondary] = [NODES[a]!.name, NODES[b]!.name];
    // HA moved the VMs of the failed node to their other replica.
    if (primary === DOWN) [primary, secondary] = [secondary, primary];
    const resync =
      secondary === RESYNCING.node && primary !== DOWN && syncing < RESYNCING.done.length;
    resources.push({
      name: `vm-${100 + i}-disk-0`,
      vmid: 100 + i,
      primary,
      secondary,
      syncDone: resync ? RESYNCING.done[syncing++]! : null,
    });
  }
  return resources;
}

/** A deterministic stream of numbers in [0, 1), so the folder is the same on every run. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}
const random = numbers(16_200);

function fingerprint(name: string): string {
  const hex = createHash("sha256").update(`pve-ssl ${name}`).digest("hex").toUpperCase();
  return hex.match(/../g)!.join(":");
}

function write(relative: string, text: string): void {
  const file = path.join(out, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const json = (value: unknown) => `${JSON.stringify(value)}\n`;

function drbdStatus(node: string, resources: Resource[]): string {
  const blocks = resources
    .filter((r) => r.primary === node || r.secondary === node)
    .map((r) => {
      const primary = r.primary === node;
      const peer = primary ? r.secondary : r.primary;
      const lines = [`${r.name} role:${primary ? "Primary" : "Secondary"}`];
      lines.push(`  disk:${!primary && r.syncDone ? "Inconsistent" : "UpToDate"}`);
      if (peer === DOWN) lines.push(`  ${peer} connection:Connecting`);
      else {
        lines.push(`  ${peer} role:${primary ? "Secondary" : "Primary"}`);
        if (r.syncDone && primary)
          lines.push(`    replication:SyncSource peer-disk:Inconsistent done:${r.syncDone}`);
        else if (r.syncDone)
          lines.push(`    replication:SyncTarget peer-disk:UpToDate done:${r.syncDone}`);
        else lines.push("    peer-disk:UpToDate");
      }
      return lines.join("\n");
    });
  return `${blocks.join("\n \n")}\n`;
}

function quorumtool(self: (typeof NODES)[number]): string {
  const members = NODES.filter((n) => n.name !== DOWN);
  const rows = members.map(
    (n) =>
      `${String(n.nodeid).padStart(10)} ${"1".padStart(10)} ${n.name}${n === self ? " (local)" : ""}`,
  );
  return `Quorum information
------------------
Date:             ${DATE}
Quorum provider:  corosync_votequorum
Nodes:            ${members.length}
Node ID:          ${self.nodeid}
Ring ID:          1.2f
Quorate:          Yes

Votequorum information
----------------------
Expected votes:   ${NODES.length}
Highest expected: ${NODES.length}
Total votes:      ${members.length}
Quorum:           ${String(Math.floor(NODES.length / 2) + 1).padEnd(3)}
Flags:            Quorate 

Membership information
----------------------
    Nodeid      Votes Name
${rows.join("\n")}
`;
}

function corosyncConf(): string {
  const nodes = NODES.map(
    (n) => `  node {
    name: ${n.name}
    nodeid: ${n.nodeid}
    quorum_votes: 1
    ring0_addr: ${n.ip}
  }`,
  ).join("\n");
  return `logging {
  debug: off
  to_syslog: yes
}

nodelist {
${nodes}
}

quorum {
  provider: corosync_votequorum
}

totem {
  cluster_name: rack-a
  config_version: 16
  interface {
    linknumber: 0
  }
  ip_version: ipv4-6
  link_mode: passive
  secauth: on
  version: 2
}

`;
}

/** The template's storage.cfg with redundancy 2 and the controller on a host of its own, not a VM. */
function storageCfg(): string {
  return readFileSync(path.join(template, "pve/storage.cfg"), "utf8")
    .replace("\tcontrollervm 105\n", "")
    .replace("\tredundancy 3\n", `\tredundancy ${REDUNDANCY}\n`);
}

function main(): void {
  rmSync(out, { recursive: true, force: true });
  const resources = placeResources();
  const up = NODES.filter((n) => n.name !== DOWN);
  const mounts = readFileSync(path.join(template, "nodes/pve1/proc-mounts.txt"), "utf8");

  write(
    "scenario.json",
    `${JSON.stringify(
      {
        name: NAME,
        title: "16 nodes, 200 LINSTOR DRBD resources, one node down and three replicas resyncing",
        description: `The largest cluster the wall display is made for: 16 nodes with one vote each and a LINSTOR storage (redundancy ${REDUNDANCY}) holding 200 DRBD resources, two replicas each. ${DOWN} is down: the cluster stays quorate with 15 of 16 votes (quorum 9, 6 more may fail), but every resource with a replica on ${DOWN} has a single UpToDate copy left and its link to ${DOWN} is stuck Connecting. On ${RESYNCING.node}, three replicas are resyncing after a disk replacement. Generated by scripts/generate-large-scenario.ts.`,
        clusterName: "rack-a",
      },
      null,
      2,
    )}\n`,
  );

  // Proxmox API answers, as pve01 gives them.
  write(
    "pve/cluster/status.json",
    json([
      { type: "cluster", version: 16, quorate: 1, name: "rack-a", id: "cluster", nodes: 16 },
      ...NODES.map((n) => ({
        name: n.name,
        nodeid: n.nodeid,
        id: `node/${n.name}`,
        online: n.name === DOWN ? 0 : 1,
        type: "node",
        ip: n.ip,
        local: n.nodeid === 1 ? 1 : 0,
        level: "",
      })),
    ]),
  );
  write(
    "pve/cluster/config/nodes.json",
    json(
      NODES.map((n) => ({
        name: n.name,
        node: n.name,
        nodeid: String(n.nodeid),
        quorum_votes: "1",
        ring0_addr: n.ip,
      })),
    ),
  );
  write("pve/cluster/config/qdevice.json", "{}\n");
  write(
    "pve/cluster/ha/status/current.json",
    json([{ id: "quorum", node: "pve01", quorate: 1, status: "OK", type: "quorum" }]),
  );
  write(
    "pve/version.json",
    readFileSync(path.join(template, "pve/version.json"), "utf8").trimEnd() + "\n",
  );
  const cfg = storageCfg();
  write("pve/storage.cfg", cfg);
  const digest = createHash("sha1").update(cfg).digest("hex");
  write(
    "pve/storage.json",
    json([
      { storage: "local", type: "dir", digest, path: "/var/lib/vz", content: "backup,vztmpl,iso" },
      {
        storage: "local-lvm",
        type: "lvmthin",
        digest,
        thinpool: "data",
        vgname: "pve",
        content: "images,rootdir",
      },
      {
        storage: "drbdstorage",
        type: "drbd",
        digest,
        content: "rootdir,images",
        controller: "10.10.10.4",
        redundancy: REDUNDANCY,
      },
    ]),
  );

  const nodeFigures = new Map(
    up.map((n) => [
      n.name,
      {
        uptime: 1_800_000 + Math.round(random() * 200_000),
        cpu: 0.02 + random() * 0.3,
        mem: Math.round(20e9 + random() * 30e9),
        disk: Math.round(8e9 + random() * 6e9),
        used: { local: Math.round(9e9 + random() * 8e9), lvm: Math.round(3e11 + random() * 3e11) },
      },
    ]),
  );
  write(
    "pve/nodes.json",
    json(
      NODES.map((n) => {
        const f = nodeFigures.get(n.name);
        if (!f)
          return {
            status: "offline",
            id: `node/${n.name}`,
            type: "node",
            node: n.name,
            ssl_fingerprint: fingerprint(n.name),
          };
        return {
          uptime: f.uptime,
          level: "",
          maxmem: 67228663808,
          disk: f.disk,
          node: n.name,
          maxdisk: 100861726720,
          mem: f.mem,
          ssl_fingerprint: fingerprint(n.name),
          status: "online",
          type: "node",
          cpu: f.cpu,
          id: `node/${n.name}`,
          maxcpu: 16,
        };
      }),
    ),
  );

  const drbdUsed = 2_087_354_413_056;
  const drbdTotal = 8_796_093_022_208;
  const storages = (n: string) => {
    const f = nodeFigures.get(n)!;
    return [
      {
        storage: "local",
        type: "dir",
        content: "backup,vztmpl,iso",
        total: 100861726720,
        used: f.used.local,
        shared: 0,
      },
      {
        storage: "local-lvm",
        type: "lvmthin",
        content: "images,rootdir",
        total: 1836975915008,
        used: f.used.lvm,
        shared: 0,
      },
      {
        storage: "drbdstorage",
        type: "drbd",
        content: "rootdir,images",
        total: drbdTotal,
        used: drbdUsed,
        shared: 1,
      },
    ];
  };
  for (const n of up)
    write(
      `pve/nodes/${n.name}/storage.json`,
      json(
        storages(n.name).map((s) => ({
          storage: s.storage,
          type: s.type,
          content: s.content,
          active: 1,
          enabled: 1,
          shared: s.shared,
          total: s.total,
          used: s.used,
          avail: s.total - s.used,
          used_fraction: s.used / s.total,
        })),
      ),
    );

  const guests = resources.map((r) => ({
    netout: Math.round(random() * 5e9),
    type: "qemu",
    name: `app-${r.vmid}`,
    maxcpu: 4,
    mem: Math.round(2e9 + random() * 5e9),
    netin: Math.round(random() * 9e9),
    maxmem: 8589934592,
    disk: 0,
    node: r.primary,
    cpu: random() * 0.2,
    maxdisk: 34359738368,
    vmid: r.vmid,
    diskwrite: Math.round(random() * 6e10),
    diskread: Math.round(random() * 6e10),
    status: "running",
    template: 0,
    id: `qemu/${r.vmid}`,
    uptime: 600_000 + Math.round(random() * 200_000),
  }));
  const nodeEntries = NODES.map((n) => {
    const f = nodeFigures.get(n.name);
    if (!f) return { id: `node/${n.name}`, node: n.name, status: "offline", type: "node" };
    return {
      maxdisk: 100861726720,
      cpu: f.cpu,
      node: n.name,
      disk: f.disk,
      maxmem: 67228663808,
      mem: f.mem,
      maxcpu: 16,
      type: "node",
      uptime: f.uptime,
      level: "",
      id: `node/${n.name}`,
      "cgroup-mode": 2,
      status: "online",
    };
  });
  const storageEntries = ["local", "local-lvm", "drbdstorage"].flatMap((id) =>
    NODES.map((n) => {
      const plugintype = id === "local" ? "dir" : id === "local-lvm" ? "lvmthin" : "drbd";
      const content =
        id === "local"
          ? "backup,vztmpl,iso"
          : id === "drbdstorage"
            ? "rootdir,images"
            : "images,rootdir";
      const base = {
        id: `storage/${n.name}/${id}`,
        storage: id,
        node: n.name,
        type: "storage",
        plugintype,
        shared: id === "drbdstorage" ? 1 : 0,
        content,
      };
      if (n.name === DOWN) return { ...base, status: "unknown" };
      const s = storages(n.name).find((x) => x.storage === id)!;
      return { ...base, status: "available", disk: s.used, maxdisk: s.total };
    }),
  );
  write("pve/cluster/resources.json", json([...guests, ...nodeEntries, ...storageEntries]));

  // What each node's agent reads.
  write(`nodes/${DOWN}/UNREACHABLE`, "timeout\n");
  const conf = corosyncConf();
  for (const n of up) {
    const dir = `nodes/${n.name}`;
    write(`${dir}/clock-offset-ms.txt`, `${Math.round(random() * 160) - 80}\n`);
    write(`${dir}/corosync-quorumtool.txt`, quorumtool(n));
    write(`${dir}/corosync.conf`, conf);
    write(`${dir}/drbdadm-status.txt`, drbdStatus(n.name, resources));
    write(`${dir}/proc-mounts.txt`, mounts);
    write(`${dir}/uname-r.txt`, `${KERNEL}\n`);
  }

  // The findings this state implies, one per line of reasoning.
  const findings: { rule: string; severity: string; subject: string }[] = [
    { rule: "node.offline", severity: "warning", subject: `node:${DOWN}` },
    { rule: "node.unreachable", severity: "unknown", subject: `node:${DOWN}` },
  ];
  for (const r of resources) {
    const subject = `drbd:${r.name}`;
    if (r.secondary === DOWN) {
      // One UpToDate copy of two, and the link to the down node Connecting.
      findings.push({ rule: "drbd.peer-disconnected", severity: "warning", subject });
      findings.push({ rule: "drbd.redundancy-low", severity: "warning", subject });
    } else if (r.syncDone) {
      // The SyncTarget is Inconsistent until it is done: one UpToDate copy of two meanwhile.
      findings.push({ rule: "drbd.resync", severity: "info", subject });
      findings.push({ rule: "drbd.disk-degraded", severity: "warning", subject });
      findings.push({ rule: "drbd.redundancy-low", severity: "warning", subject });
    }
  }
  write(
    "expected.json",
    `${JSON.stringify(
      {
        summary: {
          quorate: true,
          expectedVotes: 16,
          totalVotes: 15,
          quorum: 9,
          qdevice: "none",
        },
        findings,
      },
      null,
      2,
    )}\n`,
  );
  const onDown = resources.filter((r) => r.secondary === DOWN).length;
  process.stdout.write(
    `${out}: ${resources.length} resources, ${onDown} with a replica on ${DOWN}, ${
      resources.filter((r) => r.syncDone).length
    } resyncing, ${findings.length} findings\n`,
  );
}

main();
