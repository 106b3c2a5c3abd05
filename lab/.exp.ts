import { startLab } from "./lab";
import { quorumField, memberQdeviceFlags } from "./quorum-text";
const lab = await startLab({ nodes: 2, qdevice: true });
try {
  for (let round = 0; round < 2; round++) {
    const t0 = Date.now();
    await lab.cutLink("pve2");
    let last = "";
    while (Date.now() - t0 < 20000) {
      const t = await lab.quorumtool("pve1");
      const key = ["Nodes", "Quorate", "Expected votes", "Total votes", "Quorum", "Flags"].map((f) => `${f}=${quorumField(t, f)}`).join(" ") + " " + memberQdeviceFlags(t).join("|") + " " + (t.match(/^\s+0\s+\d+\s+Qdevice.*$/m)?.[0].trim() ?? "");
      if (key !== last) { console.log(Date.now() - t0, key); last = key; }
      await new Promise((r) => setTimeout(r, 100));
    }
    await lab.healLink("pve2");
    await lab.waitFor(async () => /Total votes:\s+3/.test(await lab.quorumtool("pve1")) && /Total votes:\s+3/.test(await lab.quorumtool("pve2")), { timeoutMs: 30000, what: "heal" });
    console.log("healed");
  }
} finally { await lab.teardown(); }
