import {
  check,
  clockTime,
  line,
  qdeviceInstalledCheck,
  reachabilityCheck,
  type WizardCheck,
} from "./qdevice-setup-checks";
import type { ClusterFacts } from "./qdevice-setup-facts";
import type {
  ReachabilityProbe,
  WizardActor,
  WizardFlow,
  WizardStepId,
} from "./qdevice-setup-progress";
import {
  removeAppliedCheck,
  setupAppliedCheck,
  verifyCheck,
  verifyRemovedCheck,
} from "./qdevice-setup-verify";

export interface WizardCommand {
  /** "on the qnetd host (10.0.0.5)", "on pve1 (10.0.0.1)" */
  where: string;
  text: string;
  note: string | null;
}

export interface WizardStep {
  id: WizardStepId;
  number: number;
  title: string;
  why: string;
  commands: WizardCommand[];
  notes: string[];
  /** Tiebreaker cannot see this step's effect: only an admin's mark completes it. */
  manual: boolean;
  check: WizardCheck;
  mark: WizardActor | null;
  /** "Marked done by alice at 08:02:03 UTC; not seen on the cluster yet." */
  markNote: string | null;
}

export interface StepInputs {
  facts: ClusterFacts;
  host: string | null;
  probe: ReachabilityProbe | null;
  marks: ReadonlyMap<WizardStepId, WizardActor>;
}

/** Stands in for the qnetd host's address in commands until one is typed. */
export const HOST_PLACEHOLDER = "<qnetd-ip>";

/** A drop-in file, so turning password login back off is one `rm` and leaves sshd_config untouched. */
const SSH_DROP_IN = "/etc/ssh/sshd_config.d/pve-qdevice-setup.conf";

function cmd(where: string, text: string, note: string | null = null): WizardCommand {
  return { where, text, note };
}

/** "on pve1 (10.0.0.1)": where a command runs, with the address an admin would SSH to. */
function onNode(node: { name: string; address: string | null }): string {
  return `on ${node.name}${node.address ? ` (${node.address})` : ""}`;
}

function places(facts: ClusterFacts, host: string | null) {
  const first = facts.nodes[0];
  const named = first ? onNode(first) : "on one node";
  return {
    qnetd: `on the qnetd host (${host ?? HOST_PLACEHOLDER})`,
    one: first ? `${named}, one node only` : named,
    any: first ? `${named}, or any node` : "on any node",
    each: facts.nodes.map(onNode),
    target: host ?? HOST_PLACEHOLDER,
  };
}

function manualCheck(
  id: string,
  label: string,
  mark: WizardActor | undefined,
  pendingText: string,
  implied: string | null,
): WizardCheck {
  if (mark)
    return check(id, label, [
      line(
        "admin",
        "confirmed",
        `Marked done by ${mark.by} at ${clockTime(mark.at)}. Tiebreaker cannot see this itself.`,
      ),
    ]);
  if (implied) return check(id, label, [line("cluster", "ok", implied)]);
  return check(id, label, [line("admin", "pending", pendingText)]);
}

function markNote(
  mark: WizardActor | undefined,
  check: WizardCheck,
  manual: boolean,
): string | null {
  if (!mark || manual) return null;
  const done = check.state === "ok";
  return `Marked done by ${mark.by} at ${clockTime(mark.at)}${done ? "" : "; not seen on the cluster yet"}.`;
}

function step(
  input: StepInputs,
  fields: Omit<WizardStep, "number" | "mark" | "markNote" | "notes"> & { notes?: string[] },
  number: number,
): WizardStep {
  const mark = input.marks.get(fields.id);
  return {
    ...fields,
    notes: fields.notes ?? [],
    number,
    mark: mark ?? null,
    markNote: markNote(mark, fields.check, fields.manual),
  };
}

export function setupSteps(input: StepInputs): WizardStep[] {
  const { facts, host, probe, marks } = input;
  const at = places(facts, host);
  const applied = setupAppliedCheck(facts, host);
  const force = facts.even ? "" : " --force";
  const first = facts.nodes[0]?.name ?? "one node";
  const qnetdRunning = reachabilityCheck(
    facts,
    host,
    probe,
    "qnetd-running",
    "corosync-qnetd answers on TCP 5403",
  );
  // Nodes connected to the host prove qnetd runs there, whatever this server's own path says.
  const running =
    qnetdRunning.lines.some((l) => l.subject === "nodes") && qnetdRunning.state === "failed"
      ? check(qnetdRunning.id, qnetdRunning.label, qnetdRunning.lines, { state: "ok" })
      : qnetdRunning;
  const steps: Omit<WizardStep, "number" | "mark" | "markNote">[] = [
    {
      id: "install-qnetd",
      title: "Install corosync-qnetd on the external host",
      why: "A small Debian machine outside the cluster (a Raspberry Pi will do) runs corosync-qnetd, which casts the QDevice's vote. It listens on TCP 5403; every node must reach it there.",
      commands: [
        cmd(at.qnetd, "apt update && apt install -y corosync-qnetd"),
        cmd(at.qnetd, "systemctl enable --now corosync-qnetd"),
      ],
      notes: [],
      manual: false,
      check: running,
    },
    {
      id: "install-qdevice",
      title: "Install corosync-qdevice on every node",
      why: "Every node runs corosync-qdevice, which talks to corosync-qnetd for it. The setup in step 4 fails on a node without it.",
      commands: at.each.map((where) => cmd(where, "apt install -y corosync-qdevice")),
      notes: [],
      manual: false,
      check: qdeviceInstalledCheck(facts, "qdevice-installed-step"),
    },
    {
      id: "allow-root-ssh",
      title: "Allow root SSH with a password on the external host, for now",
      why: `\`pvecm qdevice setup\` logs in to the qnetd host as root once: it copies ${first}'s SSH key there and exchanges the certificates it creates with corosync-qdevice-net-certutil.`,
      commands: [
        cmd(at.qnetd, "passwd root", "only if root has no password there yet"),
        cmd(at.qnetd, `echo 'PermitRootLogin yes' > ${SSH_DROP_IN}`),
        cmd(at.qnetd, "systemctl reload ssh"),
        cmd(
          at.one,
          `ssh root@${at.target} true`,
          "asks for the root password, then returns without output",
        ),
      ],
      notes: [],
      manual: true,
      check: manualCheck(
        "root-ssh-allowed",
        "Root SSH with a password allowed",
        marks.get("allow-root-ssh"),
        `Tiebreaker cannot see the qnetd host's SSH settings: mark this step done once \`ssh root@${at.target} true\` works from ${first}.`,
        applied.state === "ok"
          ? "pvecm qdevice setup has run on every node, so its SSH login worked."
          : null,
      ),
    },
    {
      id: "run-setup",
      title: "Run pvecm qdevice setup on one node",
      why:
        "It creates the certificates, adds quorum.device (model net, " +
        (facts.even ? "algorithm ffsplit" : "algorithm lms because of --force") +
        ", tls on) to corosync.conf, reloads corosync and starts corosync-qdevice on every node. No REST endpoint does this; it is a shell command.",
      commands: [cmd(at.one, `pvecm qdevice setup ${at.target}${force}`)],
      notes: facts.even ? [] : ["--force: the node count is odd (see the preflight check)."],
      manual: false,
      check: applied,
    },
    {
      id: "verify",
      title: "Verify",
      why: `Expected votes become ${facts.nodeVotes + facts.deviceVotes} (the node votes plus the QDevice's), the flags include Qdevice, every node shows A,V,NMW and every node's corosync-qdevice is Connected.`,
      commands: [
        cmd(at.any, "pvecm status"),
        ...at.each.map((where) => cmd(where, "corosync-qdevice-tool -sv")),
      ],
      notes: [],
      manual: false,
      check: verifyCheck(facts, host, applied),
    },
    {
      id: "disallow-root-ssh",
      title: "Turn root password SSH back off",
      why: `Once set up, nothing needs to log in to the qnetd host with a password. Without the drop-in, Debian's default (PermitRootLogin prohibit-password) applies again: ${first}'s copied key keeps working, passwords do not.`,
      commands: [cmd(at.qnetd, `rm ${SSH_DROP_IN}`), cmd(at.qnetd, "systemctl reload ssh")],
      notes: [],
      manual: true,
      check: manualCheck(
        "root-ssh-disallowed",
        "Root password SSH turned off",
        marks.get("disallow-root-ssh"),
        "Tiebreaker cannot see the qnetd host's SSH settings: mark this step done once the drop-in is removed and ssh reloaded.",
        null,
      ),
    },
  ];
  return steps.map((s, i) => step(input, s, i + 1));
}

export function removeSteps(input: StepInputs): WizardStep[] {
  const { facts, host } = input;
  const at = places(facts, host);
  const applied = removeAppliedCheck(facts);
  const steps: Omit<WizardStep, "number" | "mark" | "markNote">[] = [
    {
      id: "run-remove",
      title: "Run pvecm qdevice remove on one node",
      why: "It removes quorum.device from corosync.conf, reloads corosync, and stops and disables corosync-qdevice on every node. Remove the QDevice before adding or removing nodes.",
      commands: [cmd(at.one, "pvecm qdevice remove")],
      notes: [],
      manual: false,
      check: applied,
    },
    {
      id: "verify-removed",
      title: "Verify the QDevice is gone",
      why: `Every node drops the Qdevice flag and row, and expected votes fall back to the node votes (${facts.nodeVotes}).`,
      commands: [cmd(at.any, "pvecm status")],
      notes: [
        host
          ? `If ${host} serves no other cluster, it can be switched off, or \`apt remove corosync-qnetd\` there.`
          : "If the qnetd host serves no other cluster, it can be switched off.",
      ],
      manual: false,
      check: verifyRemovedCheck(facts, applied),
    },
  ];
  return steps.map((s, i) => step(input, s, i + 1));
}

export function stepsFor(flow: WizardFlow, input: StepInputs): WizardStep[] {
  return flow === "setup" ? setupSteps(input) : removeSteps(input);
}
