import type { Finding, Rule } from "../types";
import { listNames, sectionData } from "../views";
import {
  apiAnswerer,
  apiSource,
  clusterConf,
  configuredNodes,
  corosyncViews,
  describeMembers,
  isMember,
  majorityView,
  membershipKey,
  memberName,
  membershipViews,
  type ConfiguredNode,
} from "../views-quorum";

export const nodeOffline: Rule = (snapshot) => {
  const views = membershipViews(corosyncViews(snapshot));
  const conf = clusterConf(snapshot)?.conf ?? null;
  const majority = majorityView(views);
  // The quorate partition speaks for the cluster; without one, a node any answering node sees is not offline.
  const basis = majority
    ? views.filter(
        (v) =>
          v.quorum.quorate === true && membershipKey(v.quorum) === membershipKey(majority.quorum),
      )
    : views;
  const api = snapshot.api.fresh ? snapshot.api.data : null;
  const apiState = new Map<string, boolean>();
  for (const n of api?.nodes ?? []) if (n.online !== null) apiState.set(n.name, n.online);
  for (const n of api?.status?.nodes ?? []) if (n.online !== null) apiState.set(n.name, n.online);
  const apiWho = api ? apiSource(api) : "The Proxmox API";
  const answerer = api ? apiAnswerer(api) : null;
  const apiInMajority =
    !majority || answerer === null || basis.some((v) => v.node.name === answerer);

  const candidates: ConfiguredNode[] = [...(configuredNodes(snapshot) ?? [])];
  for (const n of api?.status?.nodes ?? []) {
    if (!candidates.some((c) => c.name === n.name))
      candidates.push({ name: n.name, nodeId: n.nodeId, votes: null });
  }

  return candidates.flatMap((candidate): Finding[] => {
    const name = candidate.name;
    const listed = basis.some((v) => isMember(v.quorum, candidate, conf));
    const corosyncOut = basis.length > 0 && !listed;
    const apiOffline = apiState.get(name) === false;
    const pmxcfsOnly = !corosyncOut && apiOffline && majority !== null && listed && apiInMajority;
    if (!corosyncOut && !(apiOffline && (basis.length === 0 || pmxcfsOnly))) return [];

    const node = snapshot.nodes.find((n) => n.name === name);
    const own = node ? sectionData(node, "corosync") : null;
    const agentAnswers = node?.agent.fresh === true;
    const facts: string[] = [];
    if (corosyncOut) {
      const who = listNames(basis.map((v) => v.node.name));
      const lead = basis[0]!;
      const members = lead.quorum.members.map((m) => memberName(m, conf));
      const alone = basis.length === 1 && members.length === 1 && members[0] === lead.node.name;
      const lists = alone
        ? "lists only itself as a member"
        : `list${basis.length === 1 ? "s" : ""} members ${listNames(members)}`;
      facts.push(
        majority
          ? `${who} (quorate, ring ${lead.quorum.ringId ?? "unknown"}) ${lists}, not ${name}.`
          : `No answering node lists ${name} as a member: ${basis.map((v) => `${v.node.name} sees ${describeMembers(v, conf)}`).join("; ")}.`,
      );
    } else if (pmxcfsOnly) {
      facts.push(
        `Corosync on ${listNames(basis.map((v) => v.node.name))} lists ${name} as a member.`,
      );
    }
    if (apiOffline) facts.push(`${apiWho} reports ${name} offline.`);
    else if (apiState.get(name) === true && corosyncOut)
      facts.push(`${apiWho} still reports it online.`);
    if (corosyncOut && own) {
      facts.push(
        `${name} itself answers and sees ${own.members.length === 1 ? "only itself" : `${own.members.length} members`} (Quorate: ${own.quorate === true ? "Yes" : own.quorate === false ? "No" : "unknown"}).`,
      );
    } else if (corosyncOut && node && !agentAnswers) {
      facts.push("Its agent does not answer either.");
    }

    let title: string;
    let remedy: string;
    if (pmxcfsOnly) {
      title = `${name} is offline in Proxmox`;
      remedy = `Corosync still sees ${name}, so the cluster filesystem is the likely cause: on ${name} run \`systemctl status pve-cluster\` and \`journalctl -u pve-cluster -b\`, then \`systemctl restart pve-cluster\`.`;
    } else if (corosyncOut && agentAnswers) {
      title = `${name} is running but cut off from the cluster`;
      remedy = `${name} is up but cannot reach the others: compare \`corosync-cfgtool -s\` on ${name} and on a member to find the broken link (cables, switch ports, VLAN, MTU, firewall on UDP 5405-5412), and read \`journalctl -u corosync -b\` on ${name}.`;
    } else {
      title = `${name} is offline`;
      remedy = `Check whether ${name} is powered on (console or IPMI). If it is up, run \`systemctl status corosync pve-cluster\` and \`corosync-cfgtool -s\` on it. Guests on it are down until it returns, unless HA recovers them elsewhere.`;
    }
    return [
      {
        rule: "node.offline",
        severity: "warning",
        subject: `node:${name}`,
        title,
        detail: facts.join(" "),
        remedy,
      },
    ];
  });
};
