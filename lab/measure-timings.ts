import { startLab, type Lab, type LabOptions } from "./lab";
import { memberQdeviceFlags, quorumField } from "./quorum-text";
import { waitQuorum } from "./wait-quorum";

// Usage: npx tsx lab/measure-timings.ts [samples]   (root; prints startLab and fault-detection times)

const samples = Number(process.argv[2] ?? 3);
const pollMs = 100;
const settleMs = 20_000;

function summary(text: string): string {
  const fields = ["Nodes", "Quorate", "Expected votes", "Total votes"].map(
    (f) => `${f}=${quorumField(text, f) ?? "?"}`,
  );
  const flags = memberQdeviceFlags(text);
  return [...fields, ...(flags.length > 0 ? [`qdevice=${flags.join("|")}`] : [])].join(" ");
}

/** Cuts the last node and logs every change the first node's quorumtool shows until it settles. */
async function sampleCut(lab: Lab): Promise<string> {
  const cut = lab.nodes[lab.nodes.length - 1]?.name ?? "";
  const healthy = await lab.quorumtool("pve1");
  const changes: string[] = [];
  let last = summary(healthy);
  const started = Date.now();
  await lab.cutLink(cut);
  while (Date.now() - started < settleMs) {
    const now = summary(await lab.quorumtool("pve1"));
    if (now !== last) changes.push(`+${Date.now() - started} ms: ${now}`);
    last = now;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  await lab.healLink(cut);
  await waitQuorum(lab, "pve1", { quorate: true, nodes: lab.nodes.length });
  await waitQuorum(lab, cut, { quorate: true, nodes: lab.nodes.length });
  return `  cut ${cut}, seen from pve1:\n${changes.map((c) => `    ${c}`).join("\n")}`;
}

async function measure(opts: LabOptions): Promise<void> {
  const started = Date.now();
  const lab = await startLab(opts);
  console.log(
    `${opts.nodes} nodes${opts.qdevice ? " + qdevice" : ""}: startLab ${Date.now() - started} ms`,
  );
  try {
    for (let i = 0; i < samples; i++) console.log(await sampleCut(lab));
  } finally {
    const tornDown = Date.now();
    await lab.teardown();
    console.log(`  teardown ${Date.now() - tornDown} ms`);
  }
}

for (const opts of [
  { nodes: 2, qdevice: false },
  { nodes: 2, qdevice: true },
  { nodes: 3, qdevice: false },
  { nodes: 3, qdevice: true },
] satisfies LabOptions[]) {
  await measure(opts);
}
