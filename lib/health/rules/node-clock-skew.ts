import type { Finding, Rule } from "../types";

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function ms(value: number): string {
  const rounded = Math.round(value);
  return `${rounded > 0 ? "+" : ""}${rounded} ms`;
}

function seconds(value: number): string {
  return `${(Math.abs(value) / 1000).toFixed(1)} s`;
}

export const nodeClockSkew: Rule = (snapshot) => {
  const known = snapshot.nodes.flatMap((node) =>
    node.agent.fresh && node.clockOffsetMs !== null
      ? [{ name: node.name, offset: node.clockOffsetMs }]
      : [],
  );
  if (known.length < 2) return [];
  const threshold = snapshot.thresholds.clockSkewMs;
  const offsets = known.map((k) => k.offset);
  if (Math.max(...offsets) - Math.min(...offsets) < threshold) return [];

  const center = median(offsets);
  let outliers = known.filter((k) => Math.abs(k.offset - center) >= threshold);
  if (outliers.length === 0) {
    // No node is a full threshold from the median (two nodes, or an even spread): blame those farthest
    // from it, and among equals the one farthest from the reference clock.
    const far = Math.max(...known.map((k) => Math.abs(k.offset - center)));
    const farthest = known.filter((k) => Math.abs(k.offset - center) === far);
    const fromReference = Math.max(...farthest.map((k) => Math.abs(k.offset)));
    outliers = farthest.filter((k) => Math.abs(k.offset) === fromReference);
  }

  const all = known.map((k) => `${k.name} ${ms(k.offset)}`).join(", ");
  return outliers.map((outlier): Finding => {
    const delta = outlier.offset - center;
    const direction = delta >= 0 ? "ahead of" : "behind";
    const others = known.filter((k) => k.name !== outlier.name).map((k) => k.offset);
    const spread = Math.max(...others.map((o) => Math.abs(outlier.offset - o)));
    return {
      rule: "node.clock-skew",
      severity: "warning",
      subject: `node:${outlier.name}`,
      title: `${outlier.name}'s clock is ${seconds(delta)} ${direction} the other nodes`,
      detail:
        `${outlier.name}'s clock is ${Math.round(Math.abs(delta))} ms ${direction} the median of the ${known.length} nodes and up to ${Math.round(spread)} ms apart from another node ` +
        `(offsets from the reference clock: ${all}; threshold ${threshold} ms). Skewed clocks break ticket authentication between nodes ("Ticket authentication failed - invalid ticket").`,
      remedy:
        `On ${outlier.name}, check time sync with \`chronyc tracking\` and \`chronyc sources -v\` (Proxmox uses chrony by default); make sure it reaches its NTP servers, then \`systemctl restart chrony\` ` +
        "or step the clock once with `chronyc makestep`. All nodes should use the same NTP sources.",
    };
  });
};
