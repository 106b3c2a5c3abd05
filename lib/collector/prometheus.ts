import "server-only";
import { Gauge, Registry } from "prom-client";
import type { MetricFamily } from "@/lib/surfaces/metrics";

/** Several clusters' samples under one family each, in the Prometheus text format via prom-client. */
export async function prometheusText(
  perCluster: readonly MetricFamily[][],
): Promise<{ text: string; contentType: string }> {
  const families = new Map<string, MetricFamily>();
  for (const list of perCluster) {
    for (const family of list) {
      const found = families.get(family.name);
      if (found) found.samples.push(...family.samples);
      else families.set(family.name, { ...family, samples: [...family.samples] });
    }
  }
  const registry = new Registry();
  for (const family of families.values()) {
    const labelNames = [...new Set(family.samples.flatMap((s) => Object.keys(s.labels)))];
    const gauge = new Gauge({
      name: family.name,
      help: family.help,
      labelNames,
      registers: [registry],
    });
    for (const sample of family.samples) gauge.set(sample.labels, sample.value);
  }
  return { text: await registry.metrics(), contentType: registry.contentType };
}
