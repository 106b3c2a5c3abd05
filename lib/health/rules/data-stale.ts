import { SECTION_NAMES, type SectionName } from "@/lib/agents/schema";
import { formatAge } from "@/lib/format";
import type { Finding, Rule } from "../types";

const SECTION_LABEL: Record<SectionName, string> = {
  corosync: "corosync quorum (corosync-quorumtool)",
  corosyncConf: "corosync.conf",
  qdevice: "QDevice state (corosync-qdevice-tool)",
  drbd: "DRBD state",
  mounts: "mounts (/proc/mounts)",
  ocfs2Mounted: "OCFS2 devices (mounted.ocfs2)",
  o2cb: "o2cb cluster state",
  ocfs2ClusterConf: "/etc/ocfs2/cluster.conf",
  kernelLog: "kernel log",
  links: "corosync links (corosync-cfgtool, corosync-cmapctl)",
  bootKernel: "next boot kernel (proxmox-boot-tool kernel list)",
};

/**
 * Old answers and sources a fresh report could not read. A tool that is not installed is a normal
 * state (no DRBD on this node), not unknown data.
 */
export const dataStale: Rule = (snapshot) => {
  const findings: Finding[] = [];
  const limitMs = snapshot.intervalMs * snapshot.thresholds.staleIntervals;
  const limit = `${formatAge(limitMs)} (${snapshot.thresholds.staleIntervals} refresh intervals)`;
  // A source polled for the first time has neither an answer nor a failure yet: unknown, not fine.
  if (snapshot.api.data === null && snapshot.api.error === null) {
    findings.push({
      rule: "data.stale",
      severity: "unknown",
      subject: "cluster",
      title: "Waiting for the first answer from the Proxmox API",
      detail:
        "The API has not answered or failed yet since polling started; nothing from it is known.",
      remedy: "Wait one refresh interval; if this stays, see pve.api-unreachable.",
    });
  }
  if (!snapshot.api.fresh && snapshot.api.data && snapshot.api.ageMs !== null) {
    findings.push({
      rule: "data.stale",
      severity: "unknown",
      subject: "cluster",
      title: "Proxmox API data is out of date",
      detail: `The last good API answer is ${formatAge(snapshot.api.ageMs)} old, older than ${limit}. Quorum, node and storage tiles from it show unknown.`,
      remedy: "See why the API does not answer (pve.api-unreachable).",
    });
  }
  for (const node of snapshot.nodes) {
    const { agent } = node;
    if (!agent.fresh && agent.data && agent.ageMs !== null) {
      findings.push({
        rule: "data.stale",
        severity: "unknown",
        subject: `node:${node.name}`,
        title: `${node.name}'s data is out of date`,
        detail: `The last report from ${node.name}'s agent is ${formatAge(agent.ageMs)} old, older than ${limit}; its tiles show unknown.`,
        remedy: `See why the agent on ${node.name} does not answer (node.unreachable).`,
      });
      continue;
    }
    if (agent.data === null && agent.error === null && snapshot.agentsExpected !== false) {
      findings.push({
        rule: "data.stale",
        severity: "unknown",
        subject: `node:${node.name}`,
        title: `Waiting for the first report from ${node.name}'s agent`,
        detail: `${node.name}'s agent has not answered or failed yet since polling started; its tiles show unknown.`,
        remedy: `Wait one refresh interval; if this stays, see node.unreachable for ${node.name}.`,
      });
      continue;
    }
    if (!agent.fresh || !agent.data) continue;
    const sections = agent.data.sections;
    // corosync-qdevice-tool installed without a configured QDevice cannot reach its daemon: normal.
    const noQdevice =
      sections.corosyncConf.status === "ok" && sections.corosyncConf.data.qdevice === null;
    const unreadable = SECTION_NAMES.flatMap((name) => {
      const section = sections[name];
      if (section.status !== "absent" || section.reason === "not-installed") return [];
      if (name === "qdevice" && section.reason === "unavailable" && noQdevice) return [];
      return [{ name, section }];
    });
    if (unreadable.length === 0) continue;
    findings.push({
      rule: "data.stale",
      severity: "unknown",
      subject: `node:${node.name}`,
      title: `${node.name}: ${unreadable.map((u) => SECTION_LABEL[u.name]).join(", ")} could not be read`,
      detail: unreadable
        .map(
          (u) =>
            `${SECTION_LABEL[u.name]} (${u.section.source}): ${u.section.reason}: ${u.section.message}`,
        )
        .join("; "),
      remedy: unreadable.some((u) => u.section.reason === "permission-denied")
        ? "The agent must run as root to read corosync, QDevice and DRBD state; see docs/agent.md."
        : "Run the tool by hand on the node to see its output; a parse error names the line the agent could not read.",
    });
  }
  return findings;
};
