import Link from "next/link";
import { VoteBar } from "@/components/cluster/vote-bar";
import type { QdeviceSetupModel } from "@/lib/surfaces/qdevice-setup";

export interface WizardViewer {
  name: string;
  /** An admin of this cluster: may start runs, mark steps and check the qnetd host. */
  mayAct: boolean;
}

function flowHref(clusterId: string, flow: string): string {
  return `/setup/qdevice?cluster=${encodeURIComponent(clusterId)}&flow=${flow}`;
}

const TITLES = {
  setup: "Add a QDevice",
  remove: "Remove the QDevice",
} as const;

export function SetupHeader({
  model,
  viewer,
}: {
  model: QdeviceSetupModel;
  viewer: WizardViewer | null;
}) {
  const other = model.flow === "setup" ? "remove" : "setup";
  const loginHref = `/admin/login?next=${encodeURIComponent(flowHref(model.clusterId, model.flow))}`;
  return (
    <header className="flex flex-col gap-2" data-testid="wizard-header">
      <h1 className="text-2xl font-bold">
        {TITLES[model.flow]}: {model.name}
      </h1>
      <p className="text-slate-700">
        {model.flow === "setup"
          ? "A QDevice on a third machine adds the vote that lets one node of two fail without stopping the cluster. Each step below shows the exact commands for this cluster and checks their effect on the live cluster by itself."
          : "Remove the QDevice before adding or removing nodes, or when the node count is odd. The checks below confirm the removal on every node."}{" "}
        Tiebreaker only shows the commands and watches their effect; it never runs anything on a
        node.
      </p>
      <p className="text-lg font-semibold" data-testid="wizard-headline">
        {model.headline}
      </p>
      <div data-testid="wizard-votes">
        <VoteBar bar={model.votes} />
      </div>
      {model.suggestedFlow !== model.flow && (
        <p className="rounded border border-warn/30 bg-warn-soft px-3 py-2 text-sm text-warn">
          {model.suggestedFlow === "remove"
            ? "This cluster already has a QDevice configured."
            : "This cluster has no QDevice configured."}{" "}
          <Link
            href={flowHref(model.clusterId, model.suggestedFlow)}
            className="font-medium underline"
            data-testid="suggested-flow-link"
          >
            {model.suggestedFlow === "remove" ? "Open the removal flow" : "Open the setup flow"}
          </Link>
        </p>
      )}
      <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
        {model.run ? (
          <span data-testid="run-started" suppressHydrationWarning>
            Run started by {model.run.started.by} at{" "}
            {new Date(model.run.started.at).toLocaleString()}
            {model.run.finished
              ? `; finished by ${model.run.finished.by} at ${new Date(model.run.finished.at).toLocaleString()}`
              : ""}
            .
          </span>
        ) : (
          <span>No run recorded yet.</span>
        )}
        {!viewer ? (
          <Link href={loginHref} className="underline" data-testid="wizard-sign-in">
            Sign in as an admin to record progress and check the qnetd host
          </Link>
        ) : !viewer.mayAct ? (
          <span>{viewer.name} is not an admin of this cluster: read only.</span>
        ) : null}
        <Link href={flowHref(model.clusterId, other)} className="underline">
          {other === "remove" ? "Removal flow" : "Setup flow"}
        </Link>
      </div>
    </header>
  );
}
