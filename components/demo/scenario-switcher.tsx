"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { demoQuery } from "@/lib/queries/demo";

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
  if (!data?.enabled || !data.scenarios) return null;
  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="text-slate-500">Demo scenario</span>
      <select
        data-testid="scenario-select"
        className="rounded border border-slate-300 bg-white px-2 py-1"
        value={data.current}
        disabled={switchTo.isPending}
        onChange={(e) => switchTo.mutate(e.target.value)}
      >
        {data.scenarios.map((s) => (
          <option key={s.name} value={s.name}>
            {s.title}
            {s.timeline ? " (changes over time)" : ""}
          </option>
        ))}
      </select>
      {data.appliedSteps && data.appliedSteps.length > 0 && (
        <span className="text-xs text-slate-500" data-testid="timeline-steps">
          timeline: {data.appliedSteps.join(" → ")}
        </span>
      )}
    </label>
  );
}
