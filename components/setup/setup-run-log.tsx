import { Card, CardTitle } from "@/components/ui/card";
import type { WizardRunView } from "@/lib/surfaces/qdevice-setup";

const KIND_WORDS = {
  start: "started the run",
  host: "set the qnetd host",
  mark: "marked done",
  unmark: "took back the mark on",
  probe: "checked TCP 5403",
  finish: "finished the run",
} as const;

/** Who did what and when, as the server kept it. */
export function SetupRunLog({
  run,
  titles,
}: {
  run: WizardRunView | null;
  /** Step titles by id, so the log reads as the page does. */
  titles: Record<string, string>;
}) {
  if (!run || run.events.length === 0) return null;
  return (
    <Card data-testid="wizard-log">
      <CardTitle>Progress log</CardTitle>
      <ol className="flex flex-col gap-1 text-sm">
        {run.events.map((event, i) => (
          <li key={i} data-testid="log-entry" data-kind={event.kind}>
            <time
              dateTime={event.at}
              suppressHydrationWarning
              className="mr-2 text-slate-500 tabular-nums"
            >
              {new Date(event.at).toLocaleString()}
            </time>
            <span className="font-medium">{event.by}</span> {KIND_WORDS[event.kind]}
            {event.step ? ` "${titles[event.step] ?? event.step}"` : ""}
            {event.detail ? `: ${event.detail}` : ""}
          </li>
        ))}
      </ol>
    </Card>
  );
}
