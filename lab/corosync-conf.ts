export interface ConfNode {
  name: string;
  nodeId: number;
  ip: string;
  /** Every corosync link's address in link order (ring0_addr, ring1_addr, ...); just `ip` when left out. */
  links?: { ip: string }[];
}

export interface ConfDevice {
  host: string;
  nodeCount: number;
}

export interface ConfInput {
  clusterName: string;
  configVersion: number;
  nodes: ConfNode[];
  device: ConfDevice | null;
}

type Section = { [key: string]: string | number | Section | Section[] };

/** Renders corosync.conf in the key order and two-space layout Proxmox writes. */
export function renderCorosyncConf(input: ConfInput): string {
  const quorum: Section = input.device
    ? { device: deviceSection(input.device), provider: "corosync_votequorum" }
    : { provider: "corosync_votequorum" };
  const blocks: Array<[string, Section]> = [
    [
      "logging",
      { debug: "off", timestamp: "on", to_logfile: "no", to_stderr: "yes", to_syslog: "no" },
    ],
    ["nodelist", { node: input.nodes.map(nodeSection) }],
    ["quorum", quorum],
    [
      "totem",
      {
        cluster_name: input.clusterName,
        config_version: input.configVersion,
        crypto_cipher: "none",
        crypto_hash: "none",
        interface: linkNumbers(input.nodes).map((linknumber) => ({ linknumber })),
        ip_version: "ipv4",
        link_mode: "passive",
        transport: "knet",
        version: 2,
      },
    ],
  ];
  return `${blocks.map(([name, body]) => renderSection(name, body, 0)).join("\n\n")}\n`;
}

// ffsplit only makes sense for even node counts; for odd ones corosync-qdevice(8) asks for lms with the
// votes key left out (it then gets nodes-1 votes), which is what `pvecm qdevice setup --force` does.
function deviceSection(device: ConfDevice): Section {
  const even = device.nodeCount % 2 === 0;
  const net: Section = { algorithm: even ? "ffsplit" : "lms", host: device.host, tls: "off" };
  return even ? { model: "net", net, votes: 1 } : { model: "net", net };
}

function nodeAddrs(node: ConfNode): string[] {
  return node.links && node.links.length > 0 ? node.links.map((l) => l.ip) : [node.ip];
}

function linkNumbers(nodes: ConfNode[]): number[] {
  const count = Math.max(1, ...nodes.map((n) => nodeAddrs(n).length));
  return Array.from({ length: count }, (_, i) => i);
}

// Proxmox writes one ringN_addr per link and one totem interface block per link number.
function nodeSection(node: ConfNode): Section {
  const section: Section = { name: node.name, nodeid: node.nodeId, quorum_votes: 1 };
  for (const [i, ip] of nodeAddrs(node).entries()) section[`ring${i}_addr`] = ip;
  return section;
}

function renderSection(name: string, body: Section, depth: number): string {
  const pad = "  ".repeat(depth);
  const lines = [`${pad}${name} {`];
  for (const [key, value] of Object.entries(body)) {
    if (Array.isArray(value)) {
      lines.push(...value.map((item) => renderSection(key, item, depth + 1)));
    } else if (typeof value === "object") {
      lines.push(renderSection(key, value, depth + 1));
    } else {
      lines.push(`${pad}  ${key}: ${String(value)}`);
    }
  }
  lines.push(`${pad}}`);
  return lines.join("\n");
}
