"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { WizardAction } from "@/lib/surfaces/qdevice-setup-progress";

export interface ReachabilityAnswer {
  host: string;
  port: number;
  reachable: boolean;
  ms?: number;
  error?: string;
}

async function post<T>(url: string, body: object): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const answer = (await response.json().catch(() => null)) as ({ error?: string } & T) | null;
  if (!response.ok)
    throw new Error(answer?.error ?? `the dashboard server answered ${response.status}`);
  return answer as T;
}

/** The wizard's writes: progress actions and the qnetd reachability check; both refresh the wizard. */
export function useQdeviceSetupActions(clusterId: string) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: ["qdevice-setup"] });
  const progress = useMutation({
    mutationFn: (action: WizardAction) =>
      post("/api/setup/qdevice/progress", { cluster: clusterId, ...action }),
    onSettled: refresh,
  });
  const reachability = useMutation({
    mutationFn: (host: string) =>
      post<ReachabilityAnswer>("/api/setup/qdevice/reachability", { cluster: clusterId, host }),
    onSettled: refresh,
  });
  return { progress, reachability };
}
