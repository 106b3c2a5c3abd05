import { plural } from "@/lib/health/views";
import { check, line, type CheckLine, type WizardCheck } from "./qdevice-setup-checks";
import type { ClusterFacts, NodeFacts } from "./qdevice-setup-facts";

function silent(node: NodeFacts): CheckLine {
  return line(
    node.name,
    "unknown",
    `${node.name}: ${node.silence}`,
    `Check the agent on ${node.name}.`,
  );
}

function confVersion(node: NodeFacts): string {
  const v = node.conf?.configVersion;
  return v === null || v === undefined ? "corosync.conf" : `corosync.conf (config_version ${v})`;
}

function toolState(node: NodeFacts): string | null {
  const s = node.qdeviceSection;
  return s?.status === "ok" ? (s.data.state ?? "no state") : null;
}

function deviceRunning(node: NodeFacts): boolean | null {
  const s = node.qdeviceSection;
  if (!s) return null;
  if (s.status === "ok") return true;
  return s.reason === "unavailable" || s.reason === "not-installed" ? false : null;
}

/** Step 4: quorum.device in every node's corosync.conf, pointing at the typed host, and corosync-qdevice running. */
export function setupAppliedCheck(facts: ClusterFacts, host: string | null): WizardCheck {
  const lines = facts.nodes.map((node): CheckLine => {
    if (!node.reporting) return silent(node);
    const device = node.conf?.qdevice;
    if (!node.conf)
      return line(
        node.name,
        "unknown",
        `${node.name}: corosync.conf could not be read`,
        `Check the agent on ${node.name}.`,
      );
    if (!device)
      return line(
        node.name,
        "pending",
        `${node.name}: ${confVersion(node)} has no quorum.device section yet`,
      );
    if (host && device.host && device.host !== host)
      return line(
        node.name,
        "failed",
        `${node.name}: quorum.device points at ${device.host}, not at ${host} typed here`,
        `If ${device.host} is right, type it above; otherwise run \`pvecm qdevice remove\` and set it up again with ${host}.`,
      );
    const where = `quorum.device (model ${device.model ?? "?"}, algorithm ${device.algorithm ?? "?"}, host ${device.host ?? "?"}) in ${confVersion(node)}`;
    const section = node.qdeviceSection;
    if (section?.status === "ok")
      return line(
        node.name,
        "ok",
        `${node.name}: ${where}; corosync-qdevice runs (State: ${section.data.state ?? "?"})`,
      );
    if (section?.status === "absent" && section.reason === "not-installed")
      return line(
        node.name,
        "failed",
        `${node.name}: ${where}, but corosync-qdevice is not installed`,
        `On ${node.name}: apt install -y corosync-qdevice && systemctl enable --now corosync-qdevice`,
      );
    if (section?.status === "absent" && section.reason === "unavailable")
      return line(
        node.name,
        "failed",
        `${node.name}: ${where}, but corosync-qdevice does not answer (${section.message})`,
        `On ${node.name}: systemctl status corosync-qdevice; start it with systemctl enable --now corosync-qdevice`,
      );
    return line(
      node.name,
      "unknown",
      `${node.name}: ${where}; the agent could not ask corosync-qdevice-tool (${section?.status === "absent" ? `${section.reason}: ${section.message}` : "no answer"})`,
      `Let the agent on ${node.name} run corosync-qdevice-tool (it needs root).`,
    );
  });
  return check(
    "setup-applied",
    "quorum.device in corosync.conf and corosync-qdevice running on every node",
    lines,
  );
}

/** Step 5: the vote arithmetic and every node's view of the QDevice. */
export function verifyCheck(
  facts: ClusterFacts,
  host: string | null,
  applied: WizardCheck,
): WizardCheck {
  const want = facts.nodeVotes + facts.deviceVotes;
  const label = `Expected votes ${want}, flags include Qdevice, every node A,V,NMW and Connected`;
  if (applied.state === "pending" && facts.configured !== true)
    return check("verify", label, [
      line("cluster", "pending", "Waits for step 4: corosync.conf has no quorum.device yet."),
    ]);
  const target = host ?? "the qnetd host";
  const header = line(
    "cluster",
    "ok",
    `Want Expected votes ${want} = ${plural(facts.nodeVotes, "node vote")} + ${plural(facts.deviceVotes, "QDevice vote")}.`,
  );
  const lines = facts.nodes.map((node): CheckLine => {
    const q = node.quorum;
    if (!node.reporting || !q) return silent(node);
    const problems: string[] = [];
    const tries: string[] = [];
    if (q.quorate !== true) problems.push("Quorate: No");
    if (q.expectedVotes !== want) {
      problems.push(`Expected votes ${q.expectedVotes ?? "?"} (want ${want})`);
      tries.push(
        "corosync-cfgtool -R reloads corosync.conf; pvecm status shows what votequorum counts.",
      );
    }
    if (!q.flags.includes("Qdevice"))
      problems.push(`Flags: ${q.flags.join(" ") || "none"} (no Qdevice)`);
    const flags = q.members.find((m) => m.local)?.qdevice?.join(",") ?? null;
    if (flags !== "A,V,NMW") problems.push(`member flags ${flags ?? "none"} (want A,V,NMW)`);
    const state = toolState(node);
    if (state !== "Connected") {
      problems.push(
        `corosync-qdevice-tool says ${state ?? "nothing (the daemon does not answer)"}`,
      );
      tries.push(
        state === null
          ? `Start corosync-qdevice on ${node.name}: systemctl enable --now corosync-qdevice`
          : `Check TCP 5403 from ${node.name} to ${target} (\`nc -zv ${target} 5403\` on ${node.name}) and that corosync-qnetd runs there.`,
      );
    }
    if (problems.length === 0)
      return line(
        node.name,
        "ok",
        `${node.name}: Expected votes ${want}, Flags ${q.flags.join(" ")}, A,V,NMW, corosync-qdevice-tool says Connected`,
      );
    return line(
      node.name,
      "failed",
      `${node.name}: ${problems.join(", ")}`,
      tries.reverse().join(" ") || null,
    );
  });
  return check("verify", label, [header, ...lines]);
}

/** Removal step 1: quorum.device gone from every corosync.conf and corosync-qdevice stopped. */
export function removeAppliedCheck(facts: ClusterFacts): WizardCheck {
  const lines = facts.nodes.map((node): CheckLine => {
    if (!node.reporting) return silent(node);
    if (!node.conf)
      return line(
        node.name,
        "unknown",
        `${node.name}: corosync.conf could not be read`,
        `Check the agent on ${node.name}.`,
      );
    if (node.conf.qdevice)
      return line(
        node.name,
        "pending",
        `${node.name}: ${confVersion(node)} still has quorum.device (host ${node.conf.qdevice.host ?? "?"})`,
      );
    const running = deviceRunning(node);
    if (running === null)
      return line(
        node.name,
        "unknown",
        `${node.name}: no quorum.device in ${confVersion(node)}; whether corosync-qdevice still runs is unknown`,
      );
    return running
      ? line(
          node.name,
          "failed",
          `${node.name}: no quorum.device in ${confVersion(node)}, but corosync-qdevice still runs (State: ${toolState(node)})`,
          `On ${node.name}: systemctl disable --now corosync-qdevice`,
        )
      : line(
          node.name,
          "ok",
          `${node.name}: no quorum.device in ${confVersion(node)}; corosync-qdevice stopped`,
        );
  });
  return check(
    "remove-applied",
    "quorum.device gone and corosync-qdevice stopped on every node",
    lines,
  );
}

/** Removal step 2: no node counts a QDevice any more and expected votes equal the node votes. */
export function verifyRemovedCheck(facts: ClusterFacts, applied: WizardCheck): WizardCheck {
  const want = facts.nodeVotes;
  const label = `QDevice gone on every node, Expected votes ${want}`;
  if (applied.state === "pending" && facts.nodes.every((n) => n.conf?.qdevice))
    return check("verify-removed", label, [
      line("cluster", "pending", "Waits for step 1: corosync.conf still has quorum.device."),
    ]);
  const lines = facts.nodes.map((node): CheckLine => {
    const q = node.quorum;
    if (!node.reporting || !q) return silent(node);
    const problems: string[] = [];
    if (q.quorate !== true) problems.push("Quorate: No");
    if (q.flags.includes("Qdevice")) problems.push(`Flags: ${q.flags.join(" ")} (still Qdevice)`);
    if (q.qdeviceName !== null) problems.push(`a ${q.qdeviceName} row in the membership`);
    if (q.expectedVotes !== want)
      problems.push(`Expected votes ${q.expectedVotes ?? "?"} (want ${want})`);
    if (problems.length === 0)
      return line(
        node.name,
        "ok",
        `${node.name}: Expected votes ${want}, Flags ${q.flags.join(" ") || "none"}, no Qdevice`,
      );
    return line(
      node.name,
      "failed",
      `${node.name}: ${problems.join(", ")}`,
      `Run \`corosync-cfgtool -R\` on ${node.name} so it rereads corosync.conf; \`pvecm status\` shows what votequorum counts.`,
    );
  });
  return check("verify-removed", label, lines);
}
