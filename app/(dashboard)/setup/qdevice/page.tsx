import { Card, CardTitle } from "@/components/ui/card";

const STEPS = [
  {
    title: "Pick a third machine for qnetd",
    body: "Any small Debian host outside the cluster will do (a Raspberry Pi is enough). It must reach every node on TCP 5403.",
    command: "apt install corosync-qnetd",
  },
  {
    title: "Install the QDevice daemon on every node",
    body: "All nodes must be online. Run this on each of them.",
    command: "apt install corosync-qdevice",
  },
  {
    title: "Set it up from one node",
    body: "Needs root SSH with a password to the qnetd host, at least for this step; it copies a key and creates the certificates.",
    command: "pvecm qdevice setup <qnetd-ip>",
  },
  {
    title: "Check the result",
    body: "Expected votes become 3 and quorum 2; every member shows A,V,NMW. This dashboard turns the warning off by itself.",
    command: "pvecm status",
  },
];

export default function QdeviceSetupPage() {
  return (
    <div className="flex max-w-3xl flex-col gap-4" data-testid="qdevice-setup">
      <h1 className="text-2xl font-bold">Add a QDevice to a two-node cluster</h1>
      <p className="text-slate-700">
        A two-node cluster needs both votes to stay quorate: when one node fails, the survivor keeps
        its guests running but can no longer start, stop or change anything. A QDevice on a third
        machine adds the missing vote. Use it only with an even node count, and remove it (
        <code>pvecm qdevice remove</code>) before adding or removing nodes.
      </p>
      <ol className="flex flex-col gap-3">
        {STEPS.map((step, i) => (
          <li key={step.title}>
            <Card>
              <CardTitle>
                Step {i + 1}: {step.title}
              </CardTitle>
              <p className="text-sm text-slate-700">{step.body}</p>
              <pre className="mt-2 rounded bg-slate-900 px-3 py-2 text-sm text-slate-100">
                {step.command}
              </pre>
            </Card>
          </li>
        ))}
      </ol>
      <p className="text-sm text-slate-500">
        Tiebreaker is read-only: it shows these steps and their effect, it does not run them.
      </p>
    </div>
  );
}
