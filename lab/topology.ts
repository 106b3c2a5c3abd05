export const defaultPrefix = "tb";
export const defaultSubnet = "172.31.213";
export const maxNodes = 3;

/** One corosync (knet) link of a node: its own interface, network and bridge. */
export interface LinkPlan {
  linkId: number;
  ip: string;
  /** Interface inside the node's namespace; its peer sits on the link's bridge. */
  veth: string;
  /** The veth's peer on the bridge. */
  port: string;
  bridge: string;
}

export interface NodePlan {
  name: string;
  nodeId: number;
  ns: string;
  /** Link 0's address: the one the host, the agent and qnetd use. */
  ip: string;
  /** Link 0's interface. */
  veth: string;
  links: LinkPlan[];
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
  /** The /24 of each corosync link; link 0's is `subnet`, the only one the host reaches. */
  linkSubnets: string[];
  nodes: NodePlan[];
}

export const maxLinks = 2;

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

/**
 * Link 1's network: 10.<b>.<c> for a link 0 subnet a.b.c. It exists only inside the node
 * namespaces (the host has no port on it), so two labs never clash on it.
 */
export function secondLinkSubnet(subnet: string): string {
  const [, b, c] = subnet.split(".");
  return `10.${b}.${c}`;
}

export function planTopology(
  prefix: string,
  subnet: string,
  nodeCount: number,
  linkCount = maxLinks,
): Topology {
  validatePrefix(prefix);
  validateSubnet(subnet);
  if (!Number.isInteger(linkCount) || linkCount < 1 || linkCount > maxLinks) {
    throw new Error(`a lab has 1 to ${maxLinks} corosync links, not ${linkCount}`);
  }
  const linkSubnets = [subnet, secondLinkSubnet(subnet)].slice(0, linkCount);
  return {
    prefix,
    subnet,
    bridgeNs: `${prefix}-br`,
    bridge: "br0",
    qnetdNs: `${prefix}-qnetd`,
    qnetdIp: `${subnet}.100`,
    hostVeth: hostVethName(prefix),
    hostIp: `${subnet}.254`,
    linkSubnets,
    nodes: nodeNames(nodeCount).map((name, i) => {
      const links = linkSubnets.map((net, linkId) => ({
        linkId,
        ip: `${net}.${i + 1}`,
        veth: `eth${linkId}`,
        port: linkId === 0 ? name : `${name}-l${linkId}`,
        bridge: `br${linkId}`,
      }));
      return {
        name,
        nodeId: i + 1,
        ns: `${prefix}-${name}`,
        ip: links[0]!.ip,
        veth: "eth0",
        links,
      };
    }),
  };
}
