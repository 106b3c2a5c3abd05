import type { Finding, Rule } from "../types";
import { listNames, sectionData } from "../views";
import {
  apiSource,
  clusterConf,
  configuredNodes,
  corosyncViews,
  memberName,
  membershipViews,
  qdeviceConfigured,
} from "../views-quorum";

/** Membership flags that mean the node's QDevice is not alive, not voting, or not registered. */
const BAD_FLAGS = new Set(["NA", "NV", "NR"]);

export const quorumQdeviceNotVoting: Rule = (snapshot) => {
  const views = corosyncViews(snapshot);
  if (qdeviceConfigured(snapshot, views) !== true) return [];
  const conf = clusterConf(snapshot)?.conf ?? null;

  const flags = new Map<string, string>();
  const evidence = new Map<string, string[]>();
  const add = (name: string, what: string) =>
    evidence.set(name, [...(evidence.get(name) ?? []), what]);

  const withMembers = membershipViews(views);
  // A node's own row first; another node's view of it only fills in for nodes that cannot answer.
  for (const own of [true, false]) {
    for (const view of withMembers) {
      for (const member of view.quorum.members) {
        const name = memberName(member, conf);
        if (member.local !== own || flags.has(name) || !member.qdevice) continue;
        if (member.qdevice.some((f) => BAD_FLAGS.has(f))) {
          flags.set(
            name,
            own
              ? member.qdevice.join(",")
              : `${member.qdevice.join(",")} (as ${view.node.name} sees it)`,
          );
        }
      }
    }
  }

  for (const view of withMembers) {
    const q = view.quorum;
    if (q.qdeviceName !== null && q.qdeviceVotes === 0) {
      add(
        view.node.name,
        `Qdevice votes 0${q.qdeviceConfiguredVotes !== null ? ` (configured ${q.qdeviceConfiguredVotes})` : ""}`,
      );
    } else if (q.qdeviceName === null && conf?.qdevice && q.members.some((m) => m.votes !== null)) {
      add(view.node.name, "corosync-quorumtool shows no registered QDevice");
    }
  }

  // An absent qdevice-tool section proves nothing (a scenario may simply omit it); NR in the
  // membership flags is what shows a node whose corosync-qdevice is missing or stopped.
  for (const node of snapshot.nodes) {
    const tool = sectionData(node, "qdevice");
    if (!tool) continue;
    const problems: string[] = [];
    if (tool.state !== null && tool.state !== "Connected") problems.push(`State: ${tool.state}`);
    if (tool.castVote === false) problems.push("not casting its vote");
    if (problems.length > 0) add(node.name, `corosync-qdevice-tool ${problems.join(", ")}`);
  }

  const api = snapshot.api.fresh ? snapshot.api.data : null;
  const apiState =
    api?.qdevice?.state && api.qdevice.state !== "Connected" ? api.qdevice.state : null;

  const order = (configuredNodes(snapshot) ?? []).map((n) => n.name);
  const names = [
    ...new Set([
      ...order,
      ...snapshot.nodes.map((n) => n.name),
      ...flags.keys(),
      ...evidence.keys(),
    ]),
  ].filter((name) => flags.has(name) || evidence.has(name));
  if (names.length === 0 && apiState === null) return [];

  const lines = names.map((name) => {
    const parts = [...(flags.has(name) ? [flags.get(name)!] : []), ...(evidence.get(name) ?? [])];
    return `${name}: ${parts.join("; ")}`;
  });
  const host = conf?.qdevice?.host ?? api?.qdevice?.qnetdHost ?? null;
  if (api && apiState !== null) lines.push(`${apiSource(api)} reports State: ${apiState}`);

  return [
    {
      rule: "quorum.qdevice-not-voting",
      severity: "warning",
      subject: "cluster",
      title: `The QDevice is not voting${names.length > 0 ? ` on ${listNames(names)}` : ""}`,
      detail: `A QDevice is configured, but its vote is missing. ${lines.join(". ")}. Flags read A/NA alive, V/NV voting, NR not registered. Without its vote the cluster can no longer ride out the node failure the QDevice is there for.`,
      remedy:
        `Check the QNetd host${host ? ` ${host}` : ""}: \`systemctl status corosync-qnetd\` there and that TCP 5403 is reachable from every node. ` +
        "On each affected node run `corosync-qdevice-tool -sv` and `systemctl status corosync-qdevice`; NR means the daemon is not running there (`systemctl enable --now corosync-qdevice`). " +
        "Note that the API's /cluster/config/qdevice returns {} both with no QDevice and with the local daemon down.",
    } satisfies Finding,
  ];
};
