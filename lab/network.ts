import { run, runChecked } from "./run";
import type { Topology } from "./topology";

export interface Attachment {
  ns: string;
  /** Port name on the bridge. */
  port: string;
  ip: string;
  veth: string;
  /** The bridge the port joins; the topology's link 0 bridge when left out. */
  bridge?: string;
}

async function ip(args: string[]): Promise<void> {
  await runChecked("ip", args);
}

export async function addNamespace(ns: string): Promise<void> {
  await ip(["netns", "add", ns]);
  await ip(["-n", ns, "link", "set", "lo", "up"]);
}

/** The bridge namespace with one bridge per corosync link network (br0, br1). */
export async function addBridge(topo: Topology): Promise<void> {
  await addNamespace(topo.bridgeNs);
  for (const [i] of topo.linkSubnets.entries()) {
    await ip(["-n", topo.bridgeNs, "link", "add", `br${i}`, "type", "bridge"]);
    await ip(["-n", topo.bridgeNs, "link", "set", `br${i}`, "up"]);
  }
}

async function enslave(topo: Topology, port: string, bridge = topo.bridge): Promise<void> {
  await ip(["-n", topo.bridgeNs, "link", "set", port, "master", bridge]);
  await ip(["-n", topo.bridgeNs, "link", "set", port, "up"]);
}

/** A veth pair from the bridge namespace into `ns`, addressed inside the lab /24. */
export async function attach(topo: Topology, a: Attachment): Promise<void> {
  await ip([
    "-n",
    topo.bridgeNs,
    "link",
    "add",
    a.port,
    "type",
    "veth",
    "peer",
    "name",
    a.veth,
    "netns",
    a.ns,
  ]);
  await enslave(topo, a.port, a.bridge);
  await ip(["-n", a.ns, "addr", "add", `${a.ip}/24`, "dev", a.veth]);
  await ip(["-n", a.ns, "link", "set", a.veth, "up"]);
}

/** The one link into the host namespace: lets host processes reach servers bound on node addresses. */
export async function attachHost(topo: Topology): Promise<void> {
  const port = "host";
  await ip([
    "link",
    "add",
    topo.hostVeth,
    "type",
    "veth",
    "peer",
    "name",
    port,
    "netns",
    topo.bridgeNs,
  ]);
  await enslave(topo, port);
  await ip(["addr", "add", `${topo.hostIp}/24`, "dev", topo.hostVeth]);
  await ip(["link", "set", topo.hostVeth, "up"]);
}

export async function setLink(ns: string, veth: string, state: "up" | "down"): Promise<void> {
  await ip(["-n", ns, "link", "set", veth, state]);
}

interface RouteEntry {
  dst?: string;
}

function toInt(addr: string): number {
  return addr.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

function networkOf(addr: number, len: number): number {
  return len === 0 ? 0 : addr - (addr % 2 ** (32 - len));
}

function overlaps(dst: string, subnet: string): boolean {
  const [addr = "", lenText] = dst.split("/");
  const common = Math.min(lenText === undefined ? 32 : Number(lenText), 24);
  return networkOf(toInt(addr), common) === networkOf(toInt(`${subnet}.0`), common);
}

/** Refuses a subnet the host already routes somewhere other than its default route. */
export async function assertSubnetFree(subnet: string): Promise<void> {
  const { stdout } = await run("ip", ["-j", "-4", "route", "show", "table", "all"]);
  const routes = JSON.parse(stdout || "[]") as RouteEntry[];
  const clash = routes.find(
    (r) =>
      r.dst !== undefined && r.dst !== "default" && /^\d/.test(r.dst) && overlaps(r.dst, subnet),
  );
  if (clash) {
    throw new Error(
      `lab subnet ${subnet}.0/24 overlaps the host route ${clash.dst ?? ""}; pass another subnet`,
    );
  }
}
