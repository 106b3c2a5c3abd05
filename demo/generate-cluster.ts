import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const scenarios = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../scenarios");
/** The pve/ answers, storage.cfg and mounts follow this captured scenario's layout. */
const template = path.join(scenarios, "linstor-redundancy-3-satellite-down");

/**
 * A LINSTOR/DRBD cluster of any size in the scenario format (scenarios/README.md): every node with
 * one vote, two replicas per resource, some nodes down, some replicas resyncing.
 */
export interface ClusterSpec {
  name: string;
  title: string;
  description: string;
  clusterName: string;
  nodes: number;
  resources: number;
  /** Node names that are down: offline in the API, their agents unreachable. */
  down: readonly string[];
  resyncing: { node: string; done: readonly string[] } | null;
  redundancy: number;
  /** The LINSTOR controller storage.cfg names; null names none, so nothing asks a controller. */
  controller: string | null;
  /** Seeds the figures (CPU, memory, clock offsets), so the folder is the same on every run. */
  seed: number;
  kernel: string;
  date: string;
}

export interface GeneratedNode {
  name: string;
  nodeid: number;
  ip: string;
}

export interface GeneratedResource {
  name: string;
  vmid: number;
  /** Where the VM runs, so where DRBD is Primary. */
  primary: string;
  secondary: string;
  /** The Secondary is an Inconsistent SyncTarget this far along. */
  syncDone: string | null;
}

export function clusterNodes(count: number): GeneratedNode[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `pve${String(i + 1).padStart(2, "0")}`,
    nodeid: i + 1,
    ip: `10.10.10.${11 + i}`,
  }));
}

/** LINSTOR's auto-place spreads replicas: node i with node i+1, i+2, ... as the resources go on. */
export function placeResources(spec: ClusterSpec): GeneratedResource[] {
  const nodes = clusterNodes(spec.nodes);
  const n = nodes.length;
  const resources: GeneratedResource[] = [];
  let syncing = 0;
  for (let i = 0; i < spec.resources; i++) {
    const a = i % n;
    const b = (a + 1 + (Math.floor(i / n) % (n - 1))) % n;
    let [primary, secondary] = [nodes[a]!.name, nodes[b]!.name];
    // HA moved the VMs of a failed node to their other replica.
    if (spec.down.includes(primary)) [primary, secondary] = [secondary, primary];
    const resync =
      spec.resyncing !== null &&
      secondary === spec.resyncing.node &&
      !spec.down.includes(primary) &&
      syncing < spec.resyncing.done.length;
    resources.push({
      name: `vm-${100 + i}-disk-0`,
      vmid: 100 + i,
      primary,
      secondary,
      syncDone: resync ? spec.resyncing!.done[syncing++]! : null,
    });
  }
  return resources;
}

/** A deterministic stream of numbers in [0, 1). */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function fingerprint(name: string): string {
  const hex = createHash("sha256").update(`pve-ssl ${name}`).digest("hex").toUpperCase();
  return hex.match(/../g)!.join(":");
}

const json = (value: unknown) => `${JSON.stringify(value)}\n`;

function drbdStatus(node: string, resources: GeneratedResource[], down: readonly string[]) {
  const blocks = resources
    .filter((r) => r.primary === node || r.secondary === node)
    .map((r) => {
      const primary = r.primary === node;
      const peer = primary ? r.secondary : r.primary;
      const lines = [`${r.name} role:${primary ? "Primary" : "Secondary"}`];
      lines.push(`  disk:${!primary && r.syncDone ? "Inconsistent" : "UpToDate"}`);
      if (down.includes(peer)) lines.push(`  ${peer} connection:Connecting`);
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

export function quorumOf(nodes: number): number {
  return Math.floor(nodes / 2) + 1;
}

function quorumtool(spec: ClusterSpec, self: GeneratedNode): string {
  const nodes = clusterNodes(spec.nodes);
  const members = nodes.filter((n) => !spec.down.includes(n.name));
  const quorate = members.length >= quorumOf(nodes.length);
  const rows = members.map(
    (n) =>
      `${String(n.nodeid).padStart(10)} ${"1".padStart(10)} ${n.name}${n.name === self.name ? " (local)" : ""}`,
  );
  const quorum = quorate
    ? `${String(quorumOf(nodes.length)).padEnd(3)}\nFlags:            Quorate `
    : `${quorumOf(nodes.length)} Activity blocked\nFlags:            `;
  return `Quorum information
------------------
Date:             ${spec.date}
Quorum provider:  corosync_votequorum
Nodes:            ${members.length}
Node ID:          ${self.nodeid}
Ring ID:          1.2f
Quorate:          ${quorate ? "Yes" : "No"}

Votequorum information
----------------------
Expected votes:   ${nodes.length}
Highest expected: ${nodes.length}
Total votes:      ${members.length}
Quorum:           ${quorum}

Membership information
----------------------
    Nodeid      Votes Name
${rows.join("\n")}
`;
}

function corosyncConf(spec: ClusterSpec): string {
  const nodes = clusterNodes(spec.nodes)
    .map(
      (n) => `  node {
    name: ${n.name}
    nodeid: ${n.nodeid}
    quorum_votes: 1
    ring0_addr: ${n.ip}
  }`,
    )
    .join("\n");
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
  cluster_name: ${spec.clusterName}
  config_version: ${spec.nodes}
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

/** The template's storage.cfg with this redundancy and the controller on a host of its own, not a VM. */
function storageCfg(redundancy: number, controller: string | null): string {
  return readFileSync(path.join(template, "pve/storage.cfg"), "utf8")
    .replace("\tcontrollervm 105\n", "")
    .replace("\tcontroller 10.10.10.4\n", controller ? `\tcontroller ${controller}\n` : "")
    .replace("\tredundancy 3\n", `\tredundancy ${redundancy}\n`);
}

function storagesOf(figures: NodeFigures) {
  const drbdUsed = 2_087_354_413_056;
  const drbdTotal = 8_796_093_022_208;
  return [
    {
      storage: "local",
      type: "dir",
      content: "backup,vztmpl,iso",
      total: 100861726720,
      used: figures.used.local,
      shared: 0,
    },
    {
      storage: "local-lvm",
      type: "lvmthin",
      content: "images,rootdir",
      total: 1836975915008,
      used: figures.used.lvm,
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
}

interface NodeFigures {
  uptime: number;
  cpu: number;
  mem: number;
  disk: number;
  used: { local: number; lvm: number };
}

function nodeEntry(n: GeneratedNode, f: NodeFigures | undefined) {
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
}

function storageEntries(nodes: GeneratedNode[], figures: Map<string, NodeFigures>) {
  return ["local", "local-lvm", "drbdstorage"].flatMap((id) =>
    nodes.map((n) => {
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
      const f = figures.get(n.name);
      if (!f) return { ...base, status: "unknown" };
      const s = storagesOf(f).find((x) => x.storage === id)!;
      return { ...base, status: "available", disk: s.used, maxdisk: s.total };
    }),
  );
}

/** Writes the scenario folder `out` (replacing it) and returns the resources it placed. */
export function writeClusterScenario(out: string, spec: ClusterSpec): GeneratedResource[] {
  const write = (relative: string, text: string) => {
    const file = path.join(out, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  const random = numbers(spec.seed);
  const nodes = clusterNodes(spec.nodes);
  rmSync(out, { recursive: true, force: true });
  const resources = placeResources(spec);
  const up = nodes.filter((n) => !spec.down.includes(n.name));
  const quorate = up.length >= quorumOf(nodes.length);
  const mounts = readFileSync(path.join(template, "nodes/pve1/proc-mounts.txt"), "utf8");
  const { name, title, description, clusterName } = spec;
  write("scenario.json", `${JSON.stringify({ name, title, description, clusterName }, null, 2)}\n`);

  // Proxmox API answers, as the first node gives them.
  write(
    "pve/cluster/status.json",
    json([
      {
        type: "cluster",
        version: spec.nodes,
        quorate: quorate ? 1 : 0,
        name: clusterName,
        id: "cluster",
        nodes: spec.nodes,
      },
      ...nodes.map((n) => ({
        name: n.name,
        nodeid: n.nodeid,
        id: `node/${n.name}`,
        online: spec.down.includes(n.name) ? 0 : 1,
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
      nodes.map((n) => ({
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
    json([{ id: "quorum", node: "pve01", quorate: quorate ? 1 : 0, status: "OK", type: "quorum" }]),
  );
  write(
    "pve/version.json",
    readFileSync(path.join(template, "pve/version.json"), "utf8").trimEnd() + "\n",
  );
  const cfg = storageCfg(spec.redundancy, spec.controller);
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
        ...(spec.controller ? { controller: spec.controller } : {}),
        redundancy: spec.redundancy,
      },
    ]),
  );

  const figures = new Map<string, NodeFigures>(
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
      nodes.map((n) => {
        const f = figures.get(n.name);
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
  for (const n of up)
    write(
      `pve/nodes/${n.name}/storage.json`,
      json(
        storagesOf(figures.get(n.name)!).map((s) => ({
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
  write(
    "pve/cluster/resources.json",
    json([
      ...guests,
      ...nodes.map((n) => nodeEntry(n, figures.get(n.name))),
      ...storageEntries(nodes, figures),
    ]),
  );

  // What each node's agent reads.
  for (const down of spec.down) write(`nodes/${down}/UNREACHABLE`, "timeout\n");
  const conf = corosyncConf(spec);
  for (const n of up) {
    const dir = `nodes/${n.name}`;
    write(`${dir}/clock-offset-ms.txt`, `${Math.round(random() * 160) - 80}\n`);
    write(`${dir}/corosync-quorumtool.txt`, quorumtool(spec, n));
    write(`${dir}/corosync.conf`, conf);
    write(`${dir}/drbdadm-status.txt`, drbdStatus(n.name, resources, spec.down));
    write(`${dir}/proc-mounts.txt`, mounts);
    write(`${dir}/uname-r.txt`, `${spec.kernel}\n`);
  }
  return resources;
}
