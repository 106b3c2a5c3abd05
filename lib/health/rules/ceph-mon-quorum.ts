import type { Finding, Rule } from "../types";
import { listNames } from "../views";

export const cephMonQuorum: Rule = (snapshot) => {
  const ceph = snapshot.api.fresh ? (snapshot.api.data?.ceph ?? null) : null;
  if (!ceph || ceph.monitors.length === 0) return [];
  const inQuorum = new Set(ceph.quorumNames);
  const out = ceph.monitors.filter((m) => !inQuorum.has(m.name));
  if (out.length === 0) return [];
  const monDown = ceph.checks.find((c) => c.name === "MON_DOWN");
  const quorum = `${inQuorum.size} of ${ceph.monitors.length} monitors are in quorum (${listNames(ceph.quorumNames)})`;
  const majority = Math.floor(ceph.monitors.length / 2) + 1;
  const margin = inQuorum.size - majority;
  return out.map((mon): Finding => {
    const onNode = snapshot.nodes.some((n) => n.name === mon.name);
    const where = [mon.rank !== null ? `rank ${mon.rank}` : null, mon.addr]
      .filter((x): x is string => x !== null)
      .join(", ");
    return {
      rule: "ceph.mon-quorum",
      severity: "critical",
      subject: onNode ? `node:${mon.name}` : "cluster",
      title: `Ceph monitor ${mon.name} is out of the monitors' quorum`,
      detail:
        `${quorum}; mon.${mon.name}${where ? ` (${where})` : ""} is not.` +
        (monDown?.summary ? ` Ceph: "${monDown.summary}".` : "") +
        (margin <= 0
          ? " The remaining monitors have no margin left: one more monitor failure stops Ceph, and with it every guest on Ceph storage."
          : ` ${margin === 1 ? "One more monitor" : `${margin} more monitors`} may fail before Ceph stops.`),
      remedy:
        `On ${onNode ? mon.name : "the monitor's host"}, \`systemctl status ceph-mon@${mon.name}\` and \`journalctl -u ceph-mon@${mon.name} -b\` tell why it left; ` +
        "check that it reaches the other monitors on TCP 3300 and 6789 and that its clock is in sync. `ceph mon stat` shows the quorum.",
    };
  });
};
