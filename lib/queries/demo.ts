import { queryOptions } from "@tanstack/react-query";
import type { DemoState } from "@/lib/demo/control";
import { demoPollMs } from "./polling";

export const demoQuery = {
  key: () => ["demo"] as const,
  options: () =>
    queryOptions({
      queryKey: demoQuery.key(),
      queryFn: async (): Promise<DemoState> => {
        const response = await fetch("/api/demo", { cache: "no-store" });
        if (!response.ok) return { enabled: false };
        return (await response.json()) as DemoState;
      },
      refetchInterval: demoPollMs,
      retry: 0,
    }),
};
