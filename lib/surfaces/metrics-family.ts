export interface MetricSample {
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: "gauge";
  samples: MetricSample[];
}

export function family(name: string, help: string, samples: MetricSample[]): MetricFamily {
  return { name: `tiebreaker_${name}`, help, type: "gauge", samples };
}

/** A value nobody could tell is left out, never reported as 0 or 1. */
export function known(
  labels: Record<string, string>,
  value: number | boolean | null,
): MetricSample[] {
  if (value === null) return [];
  return [{ labels, value: typeof value === "boolean" ? Number(value) : value }];
}
