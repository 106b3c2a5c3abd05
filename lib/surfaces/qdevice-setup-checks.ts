import { listNames, plural } from "@/lib/health/views";
import type { ReachabilityProbe, WizardFlow } from "./qdevice-setup-progress";
import type { ClusterFacts, NodeFacts } from "./qdevice-setup-facts";
import type { Tone } from "./tone";

/**
 * A check's state. `confirmed` is an admin's word for what Tiebreaker cannot see; `pending` waits
 * for the admin; `unknown` means nobody could tell, and is never shown as done.
 */
export type CheckState = "ok" | "confirmed" | "warn" | "failed" | "unknown" | "pending";

export const CHECK_PRESENTATION: Record<CheckState, { tone: Tone; icon: string; word: string }> = {
  ok: { tone: "ok", icon: "✓", word: "OK" },
  confirmed: { tone: "ok", icon: "✓", word: "Confirmed" },
  warn: { tone: "warn", icon: "▲", word: "Warning" },
  failed: { tone: "crit", icon: "✕", word: "Failed" },
  unknown: { tone: "unknown", icon: "?", word: "Unknown" },
  pending: { tone: "info", icon: "○", word: "Waiting" },
};

// Worst first: one failed node fails the check, one silent node keeps it from being done.
const WORST_FIRST: CheckState[] = ["failed", "unknown", "warn", "pending", "confirmed", "ok"];

export function worstState(states: readonly CheckState[]): CheckState {
  return WORST_FIRST.find((s) => states.includes(s)) ?? "unknown";
}

/** One thing a check looked at: a node, the cluster's vote counts, the qnetd host. */
export interface CheckLine {
  subject: string;
  state: CheckState;
  /** What was seen, in plain words with the tool's own terms. */
  seen: string;
  /** What to try when it is not ok. */
  tryThis: string | null;
}

export interface WizardCheck {
  id: string;
  label: string;
  state: CheckState;
  tone: Tone;
  icon: string;
  word: string;
  seen: string;
  tryThis: string | null;
  lines: CheckLine[];
}

export function line(
  subject: string,
  state: CheckState,
  seen: string,
  tryThis: string | null = null,
): CheckLine {
  return { subject, state, seen, tryThis };
}

/** A check from its lines; `seen`/`tryThis` default to the worst line's. */
export function check(
  id: string,
  label: string,
  lines: CheckLine[],
  over: { state?: CheckState; seen?: string; tryThis?: string | null } = {},
): WizardCheck {
  const state = over.state ?? worstState(lines.map((l) => l.state));
  const worst = lines.find((l) => l.state === state);
  const seen =
    over.seen ??
    (state === "ok" || state === "confirmed"
      ? lines.map((l) => l.seen).join(" · ")
      : lines
          .filter((l) => l.state !== "ok" && l.state !== "confirmed")
          .map((l) => l.seen)
          .join(" · "));
  return {
    id,
    label,
    state,
    ...CHECK_PRESENTATION[state],
    seen,
    tryThis: over.tryThis !== undefined ? over.tryThis : (worst?.tryThis ?? null),
    lines,
  };
}

function silent(node: NodeFacts): CheckLine {
  return line(
    node.name,
    "unknown",
    `${node.name}: ${node.silence}`,
    `Check the agent on ${node.name}.`,
  );
}

const FORCE_AND_LMS =
  "With an odd node count the nodes already break ties among themselves, so Proxmox discourages a QDevice: " +
  "`pvecm qdevice setup` refuses without `--force`, and with it configures the lms (last man standing) algorithm, " +
  "which gives the QDevice nodes − 1 votes. The QDevice then decides quorum almost on its own and becomes a near single point of failure.";

function deviceText(facts: ClusterFacts, host: string | null): string {
  const d = facts.device;
  const parts = [
    host ? `host ${host}` : null,
    d?.algorithm ? `algorithm ${d.algorithm}` : null,
    plural(facts.deviceVotes, "vote"),
  ].filter((p): p is string => p !== null);
  return parts.join(", ");
}

const QDEVICE_STATE_WORDS = {
  connected: "voting on every node",
  "not-voting": "not voting on every node",
  none: "not voting",
  unknown: "state unknown",
} as const;

export function nodeCountCheck(
  facts: ClusterFacts,
  flow: WizardFlow,
  runActive: boolean,
  host: string | null,
  qdeviceState: keyof typeof QDEVICE_STATE_WORDS,
): WizardCheck {
  const id = "node-count";
  const label = flow === "setup" ? "Node count" : "QDevice to remove";
  if (!facts.nodesKnown || facts.nodes.length === 0)
    return check(id, label, [
      line(
        "cluster",
        "unknown",
        "Neither corosync.conf nor the Proxmox API lists the cluster's nodes.",
        "Check the agents and the API connection.",
      ),
    ]);
  const count = `${plural(facts.nodes.length, "node")} (${listNames(facts.nodes.map((n) => n.name))})`;
  const parity = facts.even ? "even" : "odd";
  if (flow === "remove") {
    if (facts.configured === null)
      return check(id, label, [
        line(
          "cluster",
          "unknown",
          `${count}; whether a QDevice is configured is unknown (no fresh corosync.conf).`,
        ),
      ]);
    if (facts.configured)
      return check(id, label, [
        line(
          "cluster",
          facts.even ? "ok" : "warn",
          `${count}, ${parity}; a QDevice is configured (${deviceText(facts, host)}), ${QDEVICE_STATE_WORDS[qdeviceState]}.` +
            (facts.even ? "" : ` ${FORCE_AND_LMS}`),
          facts.even ? null : "Remove it below; set one up again only once the node count is even.",
        ),
      ]);
    return check(id, label, [
      line(
        "cluster",
        runActive ? "ok" : "warn",
        runActive
          ? `${count}; corosync.conf has no quorum.device any more.`
          : `${count}; no QDevice is configured: there is nothing to remove.`,
        runActive ? null : "Use the setup flow to add one (even node counts only).",
      ),
    ]);
  }
  if (facts.configured === true && !runActive)
    return check(id, label, [
      line(
        "cluster",
        "warn",
        `${count}; a QDevice is already configured (${deviceText(facts, host)}), ${QDEVICE_STATE_WORDS[qdeviceState]}.`,
        "To replace it or to change the node count, remove it first: `pvecm qdevice remove` (the removal flow).",
      ),
    ]);
  if (facts.even)
    return check(id, label, [
      line(
        "cluster",
        "ok",
        `${count}: even. A QDevice adds the tie-breaking vote (algorithm ffsplit, 1 vote).` +
          (facts.configured ? " Its quorum.device section is in corosync.conf now." : ""),
      ),
    ]);
  return check(id, label, [
    line(
      "cluster",
      "warn",
      `${count}: odd. ${FORCE_AND_LMS}`,
      "Only go on if you mean it: step 4 then needs `--force`. Remove the QDevice before adding or removing nodes.",
    ),
  ]);
}

export function nodesOnlineCheck(facts: ClusterFacts): WizardCheck {
  const lines = facts.nodes.map((node): CheckLine => {
    if (!node.reporting && node.online !== false) return silent(node);
    if (node.online === false)
      return line(
        node.name,
        "failed",
        `${node.name}: offline (not in the quorate partition's membership)`,
        `Bring ${node.name} back first: the setup must reach every node over SSH and start corosync-qdevice there.`,
      );
    const quorate = node.quorum?.quorate ?? null;
    if (quorate === null) return silent(node);
    return quorate
      ? line(node.name, "ok", `${node.name}: online and quorate`)
      : line(
          node.name,
          "failed",
          `${node.name}: corosync-quorumtool says Quorate: No`,
          "Restore quorum before changing the quorum configuration: corosync.conf can only be changed on a quorate cluster.",
        );
  });
  return check("nodes-online", "Every node online and quorate", lines);
}

export function qdeviceInstalledCheck(facts: ClusterFacts, id = "qdevice-installed"): WizardCheck {
  const lines = facts.nodes.map((node): CheckLine => {
    const section = node.qdeviceSection;
    if (!section) return silent(node);
    if (section.status === "ok")
      return line(node.name, "ok", `${node.name}: installed (corosync-qdevice-tool answers)`);
    if (section.reason === "not-installed")
      return line(
        node.name,
        "failed",
        `${node.name}: corosync-qdevice-tool not found, so corosync-qdevice is not installed`,
        `On ${node.name}: apt install -y corosync-qdevice`,
      );
    const why =
      section.reason === "unavailable"
        ? "its daemon does not run yet, as expected before setup"
        : `the agent could not ask it (${section.reason}: ${section.message})`;
    return line(node.name, "ok", `${node.name}: installed; ${why}`);
  });
  return check(id, "corosync-qdevice installed on every node", lines);
}

const REFUSED = /ECONNREFUSED|refused/i;

/** "08:02:03 UTC": a stored timestamp in words that do not depend on the reader's locale. */
export function clockTime(iso: string): string {
  const time = /T(\d\d:\d\d:\d\d)/.exec(iso)?.[1];
  return time ? `${time} UTC` : iso;
}

function probeTry(host: string): string {
  return `Is corosync-qnetd installed and running on ${host} (\`systemctl status corosync-qnetd\` there)? Its firewall must let TCP 5403 in from every node and from this server.`;
}

/** The Tiebreaker server's own TCP 5403 probe, backed by the nodes' connections when there is none. */
export function reachabilityCheck(
  facts: ClusterFacts,
  host: string | null,
  probe: ReachabilityProbe | null,
  id = "qnetd-reachable",
  label = "qnetd host reachable on TCP 5403",
): WizardCheck {
  if (!host)
    return check(id, label, [
      line(
        "qnetd",
        "pending",
        "No qnetd host typed yet.",
        "Type the address of the machine that runs (or will run) corosync-qnetd.",
      ),
    ]);
  const connected = facts.nodes.filter((n) => {
    const s = n.qdeviceSection;
    return (
      s?.status === "ok" &&
      s.data.connected &&
      (s.data.qnetdHost ?? "").replace(/:\d+$/, "") === host
    );
  });
  const nodesLine =
    connected.length > 0
      ? line(
          "nodes",
          "ok",
          `${listNames(connected.map((n) => n.name))} ${connected.length === 1 ? "is" : "are"} connected to ${host} (corosync-qdevice-tool says Connected).`,
        )
      : null;
  const current = probe && probe.host === host ? probe : null;
  if (!current) {
    if (nodesLine) return check(id, label, [nodesLine]);
    return check(id, label, [
      line(
        "qnetd",
        "pending",
        `${host}:5403 not checked yet.`,
        "Check it from here once corosync-qnetd runs there.",
      ),
    ]);
  }
  const probeLine = current.reachable
    ? line(
        "qnetd",
        "ok",
        `This server reached ${host}:5403 in ${current.ms ?? "?"} ms (checked by ${current.by} at ${clockTime(current.at)}).`,
      )
    : line(
        "qnetd",
        "failed",
        `This server could not reach ${host}:5403: ${current.error ?? "no answer"} (checked by ${current.by} at ${clockTime(current.at)}).`,
        REFUSED.test(current.error ?? "")
          ? `Nothing listens on TCP 5403 there. ${probeTry(host)}`
          : probeTry(host),
      );
  return check(id, label, nodesLine ? [probeLine, nodesLine] : [probeLine]);
}
