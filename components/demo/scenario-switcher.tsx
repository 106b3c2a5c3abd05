"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { DemoControlState } from "@/lib/demo/control";
import { demoQuery } from "@/lib/queries/demo";

type DemoScenario = DemoControlState["scenarios"][number];

function ScenarioOption({ scenario }: { scenario: DemoScenario }) {
  return (
    <option value={scenario.name}>
      {scenario.title}
      {scenario.timeline ? " (changes over time)" : ""}
    </option>
  );
}

/** Shown only when the server runs the simulated demo cluster. */
export function ScenarioSwitcher() {
  const client = useQueryClient();
  const { data } = useQuery(demoQuery.options());
  const switchTo = useMutation({
    mutationFn: async (scenario: string) => {
      const response = await fetch("/api/demo", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ scenario }),
      });
      if (!response.ok) throw new Error(`switch failed: ${response.status}`);
    },
    onSuccess: () => client.invalidateQueries(),
  });
  if (!data?.enabled) return null;
  const extra = data.scenarios.filter((s) => s.extra);
  const builtIn = data.scenarios.filter((s) => !s.extra);
  return (
    <label className="flex max-w-full min-w-0 flex-wrap items-center gap-x-2 gap-y-1 text-sm">
      <span className="text-slate-600">Demo scenario</span>
      <select
        data-testid="scenario-select"
        className="max-w-full min-w-0 rounded border border-slate-300 bg-white px-2 py-1"
        value={data.current}
        disabled={switchTo.isPending}
        onChange={(e) => switchTo.mutate(e.target.value)}
      >
        {extra.length === 0 ? (
          builtIn.map((s) => <ScenarioOption key={s.name} scenario={s} />)
        ) : (
          <>
            <optgroup label="From --scenarios" data-testid="extra-scenarios">
              {extra.map((s) => (
                <ScenarioOption key={s.name} scenario={s} />
              ))}
            </optgroup>
            <optgroup label="Built-in">
              {builtIn.map((s) => (
                <ScenarioOption key={s.name} scenario={s} />
              ))}
            </optgroup>
          </>
        )}
      </select>
      {data.appliedSteps.length > 0 && (
        <span className="text-xs break-words text-slate-600" data-testid="timeline-steps">
          timeline: {data.appliedSteps.join(" → ")}
        </span>
      )}
    </label>
  );
}
