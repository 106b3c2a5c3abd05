import type { ChildProcess } from "node:child_process";
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

import { renderCorosyncConf } from "./corosync-conf";
import { guardLab, releaseLab } from "./exit-hooks";
import { addBridge, addNamespace, assertSubnetFree, attach, attachHost, setLink } from "./network";
import {
  execIn,
  mountTmpfs,
  spawnHolder,
  spawnIn,
  waitHolderReady,
  type Spawned,
} from "./ns-process";
import { identify, stopProcess } from "./proc";
import { matchesQuorum, type QuorumExpectation } from "./quorum-text";
import { stateDirFor, writeState, type LabState, type TrackedProcess } from "./state";
import { cleanupPrefix, liveOwner } from "./teardown";
import {
  defaultPrefix,
  defaultSubnet,
  planTopology,
  type NodePlan,
  type Topology,
} from "./topology";
import { waitFor } from "./wait";

export { waitFor } from "./wait";

export interface LabOptions {
  nodes: 2 | 3;
  qdevice: boolean;
  /** Namespace and interface name prefix, default "tb". */
  prefix?: string;
  /** First three octets of a private /24 that exists only inside the lab, default "172.31.213". */
  subnet?: string;
  /** Corosync (knet) links per node, each on its own network; default 2, as Proxmox recommends. */
  links?: 1 | 2;
}

export interface LabNodeLink {
  linkId: number;
  ip: string;
  veth: string;
}

export interface LabNode {
  name: string;
  nodeId: number;
  ns: string;
  ip: string;
  corosyncPid: number;
  veth: string;
  /** Every corosync link of the node; link 0 is `ip` on `veth`. */
  links: LabNodeLink[];
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface ExecOptions {
  timeoutMs?: number;
}

export interface SpawnInNodeOptions {
  /** Added to the inherited environment. */
  env?: NodeJS.ProcessEnv;
  /** Append stdout and stderr here; without it they are pipes the caller must read. */
  logFile?: string;
}

export interface Lab {
  readonly nodes: LabNode[];
  readonly qnetdIp: string | null;
  /** The qnetd host's address, known before the host is started. */
  readonly qnetdAddress: string;
  readonly hostIp: string;
  readonly stateDir: string;
  /** Runs in the node's mount and network namespaces (those of its corosync). */
  exec(node: string, cmd: string, args: string[], opts?: ExecOptions): Promise<ExecResult>;
  /** A long-running process in the node's namespaces, stopped by teardown. */
  spawnInNode(node: string, cmd: string, args: string[], opts?: SpawnInNodeOptions): ChildProcess;
  /** Takes the node's interface for one corosync link down, or every link's (the node is cut off). */
  cutLink(node: string, link?: number): Promise<void>;
  healLink(node: string, link?: number): Promise<void>;
  stopQnetd(): Promise<void>;
  startQnetd(): Promise<void>;
  /** Adds a QDevice to a lab started without one: the three steps below, then waits for its vote. */
  enableQdevice(): Promise<void>;
  /** The external host's part: its namespace and corosync-qnetd listening on TCP 5403. */
  startQnetdHost(): Promise<void>;
  /** What `pvecm qdevice setup` does to corosync.conf: adds quorum.device and runs `corosync-cfgtool -R`. */
  addQdeviceConfig(): Promise<void>;
  /** The rest of `pvecm qdevice setup`: corosync-qdevice on every node that does not run it yet. */
  startQdevices(): Promise<void>;
  /** `pvecm qdevice remove`: quorum.device out of corosync.conf, `corosync-cfgtool -R`, qdevice stopped everywhere. */
  removeQdevice(): Promise<void>;
  /** Drops TCP 5403 on the qnetd host (nftables in its namespace), as a firewall would. */
  blockQnetdPort(): Promise<void>;
  unblockQnetdPort(): Promise<void>;
  setExpected(node: string, votes: number): Promise<void>;
  quorumtool(node: string, args?: string[]): Promise<string>;
  waitFor(
    check: () => Promise<boolean>,
    opts: { timeoutMs: number; intervalMs?: number; what: string },
  ): Promise<void>;
  teardown(): Promise<void>;
}

const clusterName = "lab";
const clusterTimeoutMs = 60_000;
const nodeTmpfs = ["/run", "/var/lib/corosync", "/dev/shm"];
/** The nftables table the lab's qnetd firewall rules live in; the namespace's removal drops it. */
const nftTable = "tiebreaker_lab";

class RunningLab implements Lab {
  readonly nodes: LabNode[] = [];
  readonly hostIp: string;
  readonly stateDir: string;
  readonly #topo: Topology;
  readonly #state: LabState;
  readonly #logDir: string;
  readonly #holders = new Map<string, TrackedProcess>();
  #qnetd: TrackedProcess | null = null;
  readonly #qdevices = new Map<string, TrackedProcess>();
  #qdeviceEnabled = false;
  #configVersion = 1;
  #tornDown = false;

  constructor(topo: Topology, state: LabState) {
    this.#topo = topo;
    this.#state = state;
    this.hostIp = topo.hostIp;
    this.stateDir = stateDirFor(topo.prefix);
    this.#logDir = path.join(this.stateDir, "logs");
  }

  get qnetdAddress(): string {
    return this.#topo.qnetdIp;
  }

  get qnetdIp(): string | null {
    return this.#holders.has(this.#topo.qnetdNs) ? this.#topo.qnetdIp : null;
  }

  async boot(qdevice: boolean): Promise<void> {
    mkdirSync(this.#logDir, { recursive: true });
    await this.#buildNetwork();
    if (qdevice) await this.#startQnetdMachine();
    this.#qdeviceEnabled = qdevice;
    for (const plan of this.#topo.nodes) await this.#startNode(plan);
    if (qdevice) await this.#startQdevices();
    await this.#waitAllNodes(
      this.#healthyQuorum(),
      "every node to be quorate with full membership",
    );
  }

  exec(node: string, cmd: string, args: string[], opts: ExecOptions = {}): Promise<ExecResult> {
    return execIn(this.#holderOf(node).pid, cmd, args, opts);
  }

  spawnInNode(
    node: string,
    cmd: string,
    args: string[],
    opts: SpawnInNodeOptions = {},
  ): ChildProcess {
    const spawned = spawnIn(this.#holderOf(node).pid, cmd, args, opts);
    this.#track(`spawn:${node}:${cmd}`, spawned);
    return spawned.child;
  }

  async cutLink(node: string, link?: number): Promise<void> {
    const plan = this.#plan(node);
    for (const l of this.#links(plan, link)) await setLink(plan.ns, l.veth, "down");
  }

  async healLink(node: string, link?: number): Promise<void> {
    const plan = this.#plan(node);
    for (const l of this.#links(plan, link)) await setLink(plan.ns, l.veth, "up");
  }

  async stopQnetd(): Promise<void> {
    const qnetd = this.#qnetd;
    if (!qnetd) return;
    await stopProcess(qnetd, 5_000);
    this.#untrack(qnetd);
    this.#qnetd = null;
  }

  async startQnetd(): Promise<void> {
    if (this.#qnetd) return;
    const holder = this.#holders.get(this.#topo.qnetdNs);
    if (!holder) throw new Error("this lab has no QDevice: call enableQdevice() first");
    const spawned = spawnIn(holder.pid, "corosync-qnetd", ["-f", "-s", "off"], {
      logFile: this.#log("qnetd"),
    });
    this.#qnetd = this.#track("qnetd", spawned);
    await waitFor(
      async () => (await execIn(holder.pid, "corosync-qnetd-tool", ["-s"])).code === 0,
      {
        timeoutMs: 10_000,
        what: "corosync-qnetd to answer on its control socket",
      },
    );
  }

  async enableQdevice(): Promise<void> {
    if (this.#qdeviceEnabled) return;
    await this.startQnetdHost();
    await this.addQdeviceConfig();
    await this.startQdevices();
    await this.#waitAllNodes(this.#healthyQuorum(), "every node to count the QDevice vote");
  }

  async startQnetdHost(): Promise<void> {
    await this.#startQnetdMachine();
  }

  async addQdeviceConfig(): Promise<void> {
    if (this.#qdeviceEnabled) return;
    this.#qdeviceEnabled = true;
    await this.#reloadConf(true);
  }

  async startQdevices(): Promise<void> {
    await this.#startQdevices();
  }

  async removeQdevice(): Promise<void> {
    if (this.#qdeviceEnabled) {
      this.#qdeviceEnabled = false;
      await this.#reloadConf(false);
    }
    for (const [node, qdevice] of this.#qdevices) {
      await stopProcess(qdevice, 5_000);
      this.#untrack(qdevice);
      this.#qdevices.delete(node);
    }
    await this.#waitAllNodes(this.#healthyQuorum(), "every node to drop the QDevice vote");
  }

  async blockQnetdPort(): Promise<void> {
    const holder = this.#qnetdHolder();
    await this.unblockQnetdPort();
    for (const args of [
      ["add", "table", "inet", nftTable],
      [
        "add",
        "chain",
        "inet",
        nftTable,
        "input",
        "{ type filter hook input priority 0 ; policy accept ; }",
      ],
      ["add", "rule", "inet", nftTable, "input", "tcp", "dport", "5403", "drop"],
    ]) {
      const result = await execIn(holder.pid, "nft", args);
      if (result.code !== 0)
        throw new Error(
          `nft ${args.join(" ")} on the qnetd host exited ${String(result.code)}: ${result.stderr.trim()}`,
        );
    }
  }

  async unblockQnetdPort(): Promise<void> {
    const holder = this.#holders.get(this.#topo.qnetdNs);
    if (!holder) return;
    // Deleting a table that is not there fails; that is the state wanted, so the result is not checked.
    await execIn(holder.pid, "nft", ["delete", "table", "inet", nftTable]);
  }

  async setExpected(node: string, votes: number): Promise<void> {
    await this.#checked(node, "corosync-quorumtool", ["-e", String(votes)]);
  }

  async quorumtool(node: string, args: string[] = ["-s"]): Promise<string> {
    // Exits non-zero when not quorate; only empty output means the tool itself failed.
    const result = await this.exec(node, "corosync-quorumtool", args);
    if (result.stdout === "" && result.code !== 0) {
      throw new Error(
        `corosync-quorumtool ${args.join(" ")} on ${node} exited ${String(result.code)}: ${result.stderr.trim()}`,
      );
    }
    return result.stdout;
  }

  waitFor(
    check: () => Promise<boolean>,
    opts: { timeoutMs: number; intervalMs?: number; what: string },
  ): Promise<void> {
    return waitFor(check, opts);
  }

  // Synchronous underneath: the same cleanup must also run inside "exit" handlers.
  teardown(): Promise<void> {
    if (this.#tornDown) return Promise.resolve();
    this.#tornDown = true;
    try {
      const report = cleanupPrefix(this.#topo.prefix);
      releaseLab(this.#topo.prefix);
      if (report.survivors.length > 0) {
        throw new Error(`lab teardown left processes running: ${report.survivors.join(", ")}`);
      }
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  async #buildNetwork(): Promise<void> {
    const topo = this.#topo;
    this.#record({ namespaces: [topo.bridgeNs] });
    await addBridge(topo);
    this.#record({ hostVeth: topo.hostVeth });
    await attachHost(topo);
    for (const plan of topo.nodes) {
      this.#record({ namespaces: [plan.ns] });
      await addNamespace(plan.ns);
      for (const link of plan.links) {
        await attach(topo, {
          ns: plan.ns,
          port: link.port,
          ip: link.ip,
          veth: link.veth,
          bridge: link.bridge,
        });
      }
    }
  }

  async #startQnetdMachine(): Promise<void> {
    const topo = this.#topo;
    if (!this.#holders.has(topo.qnetdNs)) {
      this.#record({ namespaces: [topo.qnetdNs] });
      await addNamespace(topo.qnetdNs);
      await attach(topo, { ns: topo.qnetdNs, port: "qnetd", ip: topo.qnetdIp, veth: "eth0" });
      const holder = await this.#startHolder(topo.qnetdNs, ["/run"]);
      await execIn(holder.pid, "mkdir", ["-p", "/run/corosync-qnetd"]);
    }
    await this.startQnetd();
  }

  async #startHolder(ns: string, tmpfsDirs: string[]): Promise<TrackedProcess> {
    const holder = this.#track(`holder:${ns}`, spawnHolder(ns));
    this.#holders.set(ns, holder);
    await waitHolderReady(holder.pid);
    await mountTmpfs(holder.pid, tmpfsDirs);
    return holder;
  }

  async #startNode(plan: NodePlan): Promise<void> {
    this.#writeConf(plan);
    const holder = await this.#startHolder(plan.ns, nodeTmpfs);
    const corosync = this.#track(
      `corosync:${plan.name}`,
      spawnIn(holder.pid, "corosync", ["-f"], { logFile: this.#log(`${plan.name}-corosync`) }),
    );
    this.nodes.push({
      name: plan.name,
      nodeId: plan.nodeId,
      ns: plan.ns,
      ip: plan.ip,
      corosyncPid: corosync.pid,
      veth: plan.veth,
      links: plan.links.map((l) => ({ linkId: l.linkId, ip: l.ip, veth: l.veth })),
    });
  }

  async #startQdevices(): Promise<void> {
    for (const plan of this.#topo.nodes) {
      if (this.#qdevices.has(plan.name)) continue;
      await waitFor(
        async () => (await this.exec(plan.name, "corosync-quorumtool", ["-s"])).stdout !== "",
        {
          timeoutMs: 15_000,
          what: `corosync on ${plan.name} to answer before starting its qdevice`,
        },
      );
      await this.#checked(plan.name, "mkdir", ["-p", "/run/corosync-qdevice"]);
      const holder = this.#holderOf(plan.name);
      const qdevice = this.#track(
        `qdevice:${plan.name}`,
        spawnIn(holder.pid, "corosync-qdevice", ["-f"], {
          logFile: this.#log(`${plan.name}-qdevice`),
        }),
      );
      this.#qdevices.set(plan.name, qdevice);
    }
  }

  #healthyQuorum(): QuorumExpectation {
    const count = this.#topo.nodes.length;
    if (!this.#qdeviceEnabled) return { quorate: true, nodes: count, totalVotes: count };
    // ffsplit gives the device 1 vote; lms (odd node counts) gives it nodes - 1.
    const deviceVotes = count % 2 === 0 ? 1 : count - 1;
    return {
      quorate: true,
      nodes: count,
      totalVotes: count + deviceVotes,
      qdeviceFlags: "A,V,NMW",
    };
  }

  async #waitAllNodes(want: QuorumExpectation, what: string): Promise<void> {
    for (const plan of this.#topo.nodes) {
      await waitFor(async () => matchesQuorum(await this.quorumtool(plan.name), want), {
        timeoutMs: clusterTimeoutMs,
        what: `${what} (${plan.name})`,
      });
    }
  }

  /** Writes every node's corosync.conf with or without quorum.device and waits until each has reloaded it. */
  async #reloadConf(device: boolean): Promise<void> {
    this.#configVersion += 1;
    for (const plan of this.#topo.nodes) this.#writeConf(plan);
    const first = this.#topo.nodes[0];
    if (!first) throw new Error("lab has no nodes");
    await this.#checked(first.name, "corosync-cfgtool", ["-R"]);
    for (const plan of this.#topo.nodes) {
      await waitFor(
        async () =>
          ((await this.exec(plan.name, "corosync-cmapctl", ["-g", "quorum.device.model"])).code ===
            0) ===
          device,
        {
          timeoutMs: 10_000,
          what: `${plan.name} to ${device ? "load" : "drop"} quorum.device after corosync-cfgtool -R`,
        },
      );
    }
  }

  #qnetdHolder(): TrackedProcess {
    const holder = this.#holders.get(this.#topo.qnetdNs);
    if (!holder) throw new Error("this lab has no qnetd host yet: call startQnetdHost() first");
    return holder;
  }

  #writeConf(plan: NodePlan): void {
    const dir = path.join("/etc/netns", plan.ns, "corosync");
    this.#record({ etcNetnsDirs: [path.dirname(dir)] });
    mkdirSync(dir, { recursive: true });
    const text = renderCorosyncConf({
      clusterName,
      configVersion: this.#configVersion,
      nodes: this.#topo.nodes,
      device: this.#qdeviceEnabled
        ? { host: this.#topo.qnetdIp, nodeCount: this.#topo.nodes.length }
        : null,
    });
    // The directory, not the file, is bind-mounted into the namespace, so a rename stays visible there.
    const file = path.join(dir, "corosync.conf");
    writeFileSync(`${file}.tmp`, text);
    renameSync(`${file}.tmp`, file);
  }

  async #checked(node: string, cmd: string, args: string[]): Promise<string> {
    const result = await this.exec(node, cmd, args);
    if (result.code !== 0)
      throw new Error(
        `${cmd} ${args.join(" ")} on ${node} exited ${String(result.code)}: ${result.stderr.trim()}`,
      );
    return result.stdout;
  }

  #plan(node: string): NodePlan {
    const plan = this.#topo.nodes.find((n) => n.name === node);
    if (!plan)
      throw new Error(
        `no lab node "${node}" (have ${this.#topo.nodes.map((n) => n.name).join(", ")})`,
      );
    return plan;
  }

  #links(plan: NodePlan, link: number | undefined): NodePlan["links"] {
    if (link === undefined) return plan.links;
    const found = plan.links.filter((l) => l.linkId === link);
    if (found.length === 0)
      throw new Error(
        `lab node "${plan.name}" has no corosync link ${link} (links ${plan.links.map((l) => l.linkId).join(", ")})`,
      );
    return found;
  }

  #holderOf(node: string): TrackedProcess {
    const holder = this.#holders.get(this.#plan(node).ns);
    if (!holder) throw new Error(`lab node "${node}" is not running`);
    return holder;
  }

  #log(name: string): string {
    return path.join(this.#logDir, `${name}.log`);
  }

  #track(role: string, spawned: Spawned): TrackedProcess {
    const tracked: TrackedProcess = { ...spawned.identity, role, group: true };
    this.#state.processes.push(tracked);
    writeState(this.#state);
    return tracked;
  }

  #untrack(proc: TrackedProcess): void {
    this.#state.processes = this.#state.processes.filter((p) => p.pid !== proc.pid);
    writeState(this.#state);
  }

  #record(add: { namespaces?: string[]; hostVeth?: string; etcNetnsDirs?: string[] }): void {
    const state = this.#state;
    state.namespaces = [...new Set([...state.namespaces, ...(add.namespaces ?? [])])];
    state.etcNetnsDirs = [...new Set([...state.etcNetnsDirs, ...(add.etcNetnsDirs ?? [])])];
    if (add.hostVeth) state.hostVeth = add.hostVeth;
    writeState(state);
  }
}

/** Starts a corosync cluster in network namespaces; resolves once every node reports the expected quorate membership. */
export async function startLab(opts: LabOptions): Promise<Lab> {
  const topo = planTopology(
    opts.prefix ?? defaultPrefix,
    opts.subnet ?? defaultSubnet,
    opts.nodes,
    opts.links ?? 2,
  );
  const owner = liveOwner(topo.prefix);
  if (owner)
    throw new Error(
      `lab "${topo.prefix}" is in use by process ${owner.pid}; stop it or pick another prefix`,
    );
  cleanupPrefix(topo.prefix);
  rmSync(stateDirFor(topo.prefix), { recursive: true, force: true });
  await assertSubnetFree(topo.subnet);

  const self = identify(process.pid);
  if (!self) throw new Error("cannot read this process's own /proc entry");
  const state: LabState = {
    prefix: topo.prefix,
    subnet: topo.subnet,
    owner: self,
    createdAt: new Date().toISOString(),
    namespaces: [],
    hostVeth: null,
    etcNetnsDirs: [],
    processes: [],
  };
  writeState(state);
  guardLab(topo.prefix);

  const lab = new RunningLab(topo, state);
  try {
    await lab.boot(opts.qdevice);
  } catch (error) {
    await lab.teardown().catch(() => undefined);
    throw error;
  }
  return lab;
}
