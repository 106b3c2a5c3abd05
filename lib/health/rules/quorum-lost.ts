import { qdeviceSetupLink } from "../links";
import type { Finding, Rule } from "../types";
import { listNames } from "../views";
import {
  apiSource,
  clusterConf,
  corosyncViews,
  describeMembers,
  voteNumbers,
} from "../views-quorum";

export const quorumLost: Rule = (snapshot) => {
  const views = corosyncViews(snapshot);
  const conf = clusterConf(snapshot)?.conf ?? null;
  const lost = views.filter((v) => v.quorum.quorate === false);
  const quorate = views.filter((v) => v.quorum.quorate === true);
  const api = snapshot.api.fresh ? snapshot.api.data : null;
  const apiLost = api?.status?.quorate === false;
  if (lost.length === 0 && !apiLost) return [];

  const observations = lost.map(
    (v) =>
      `${v.node.name} reports Quorate: No (${voteNumbers(v.quorum)}) and sees ${describeMembers(v, conf)}.`,
  );
  if (apiLost) {
    observations.push(`${apiSource(api)} reports quorate 0.`);
  }
  if (quorate.length > 0) {
    observations.push(
      `${listNames(quorate.map((v) => v.node.name))} ${quorate.length === 1 ? "reports" : "report"} Quorate: Yes.`,
    );
  }

  const names = lost.map((v) => v.node.name);
  const title =
    quorate.length > 0 && names.length > 0
      ? `${listNames(names)} ${names.length === 1 ? "has" : "have"} lost quorum`
      : "The cluster has lost quorum";
  const twoNodeTrap = conf !== null && conf.nodes.length === 2 && conf.qdevice === null;

  return [
    {
      rule: "quorum.lost",
      severity: "critical",
      subject: "cluster",
      title,
      detail: `${observations.join(" ")} Without quorum, guests keep running but nothing can be started, stopped, migrated or configured there.`,
      remedy:
        "Bring the missing node or link back: `corosync-cfgtool -s` shows the link state, `journalctl -u corosync -b` why members left. " +
        "Only if the missing node is certainly powered off, `pvecm expected <votes still present>` on the survivor restores quorum by hand; " +
        "doing that while the other side still runs invites split brain." +
        (twoNodeTrap
          ? " A two-node cluster needs a QDevice on a third machine to survive losing one node."
          : ""),
      ...(twoNodeTrap ? { link: qdeviceSetupLink(snapshot.clusterId) } : {}),
    } satisfies Finding,
  ];
};
