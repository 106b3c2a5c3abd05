export const defaultPrefix = "tb";
export const defaultSubnet = "172.31.213";
export const maxNodes = 3;

export interface NodePlan {
  name: string;
  nodeId: number;
  ns: string;
  ip: string;
  /** Interface inside the node's namespace; its peer sits on the bridge. */
  veth: string;
}

export interface Topology {
  prefix: string;
  subnet: string;
  bridgeNs: string;
  bridge: string;
  qnetdNs: string;
  qnetdIp: string;
  hostVeth: string;
  hostIp: string;
  nodes: NodePlan[];
}

const nodeVeth = "eth0";

// Interface names are limited to 15 characters and the host veth is "<prefix>-host".
const prefixPattern = /^[a-z][a-z0-9]{0,9}$/;
const subnetPattern = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function validatePrefix(prefix: string): string {
  if (!prefixPattern.test(prefix)) {
    throw new Error(`lab prefix "${prefix}" must match ${String(prefixPattern)}`);
  }
  return prefix;
}

/** Accepts only the first three octets of a private /24 (10/8, 172.16/12, 192.168/16). */
export function validateSubnet(subnet: string): string {
  const match = subnetPattern.exec(subnet);
  const octets = match ? match.slice(1).map(Number) : [];
  const [a, b = -1] = octets;
  const inRange = octets.length === 3 && octets.every((o) => o <= 255);
  const isPrivate = a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
  if (!inRange || !isPrivate) {
    throw new Error(
      `lab subnet "${subnet}" must be the first three octets of a private /24, e.g. "${defaultSubnet}"`,
    );
  }
  return subnet;
}

export function nodeNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `pve${i + 1}`);
}

/** Every name the lab may create for a prefix, whatever its size; cleanup relies on it. */
export function allNamespaces(prefix: string): string[] {
  return [`${prefix}-br`, `${prefix}-qnetd`, ...nodeNames(maxNodes).map((n) => `${prefix}-${n}`)];
}

export function hostVethName(prefix: string): string {
  return `${prefix}-host`;
}

export function planTopology(prefix: string, subnet: string, nodeCount: number): Topology {
  validatePrefix(prefix);
  validateSubnet(subnet);
  return {
    prefix,
    subnet,
    bridgeNs: `${prefix}-br`,
    bridge: "br0",
    qnetdNs: `${prefix}-qnetd`,
    qnetdIp: `${subnet}.100`,
    hostVeth: hostVethName(prefix),
    hostIp: `${subnet}.254`,
    nodes: nodeNames(nodeCount).map((name, i) => ({
      name,
      nodeId: i + 1,
      ns: `${prefix}-${name}`,
      ip: `${subnet}.${i + 1}`,
      veth: nodeVeth,
    })),
  };
}
