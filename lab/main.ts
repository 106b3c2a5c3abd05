import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { installQdevicePackage } from "./qdevice-package";
import { startLabStack } from "./stack";

const projectDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1]! : fallback;
}

const HELP = `commands: cut <node> | heal <node> | qnetd stop | qnetd start | qnetd block | qnetd unblock | qdevice enable | qdevice remove | expected <node> <votes> | quit`;

async function main() {
  const nodes = Number(flag("nodes", "2"));
  if (nodes !== 2 && nodes !== 3) throw new Error("--nodes must be 2 or 3");
  const stack = await startLabStack({
    projectDir,
    nodes,
    qdevice: process.argv.includes("--qdevice"),
    dashboardPort: Number(flag("port", "3000")),
    pvePort: Number(flag("pve-port", "8006")),
    controlPort: Number(flag("control-port", "8399")),
    agentPort: Number(flag("agent-port", "9495")),
    intervalMs: Number(flag("interval-ms", "1000")),
    agentCacheMs: 200,
    startDashboard: !process.argv.includes("--no-dashboard"),
  });
  const stop = () => {
    stack.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`lab: teardown failed: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  console.log(
    `\nTiebreaker lab: open ${stack.dashboardUrl}; nodes ${stack.lab.nodes.map((n) => `${n.name} ${n.ip}`).join(", ")}; qnetd host ${stack.lab.qnetdAddress}` +
      `\nAdmin sign-in: ${stack.dashboardUrl}/admin/login with token ${stack.adminToken}`,
  );
  if (process.argv.includes("--no-prompt") || !process.stdin.isTTY) return;
  console.log(HELP);
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: "lab> " });
  rl.prompt();
  rl.on("line", (line) => {
    const [cmd, a, b] = line.trim().split(/\s+/);
    const lab = stack.lab;
    const run: Record<string, () => Promise<void>> = {
      cut: () => lab.cutLink(a ?? "pve2"),
      heal: () => lab.healLink(a ?? "pve2"),
      qnetd: () =>
        a === "start"
          ? lab.startQnetd()
          : a === "block"
            ? lab.blockQnetdPort()
            : a === "unblock"
              ? lab.unblockQnetdPort()
              : lab.stopQnetd(),
      qdevice: async () => {
        if (a === "remove") return lab.removeQdevice();
        for (const node of lab.nodes) await installQdevicePackage(lab, node.name);
        await lab.enableQdevice();
      },
      expected: () => lab.setExpected(a ?? "pve1", Number(b ?? "1")),
    };
    if (cmd === "quit" || cmd === "exit") {
      rl.close();
      stop();
      return;
    }
    const action = cmd ? run[cmd] : undefined;
    if (!action) {
      if (cmd) console.log(HELP);
      rl.prompt();
      return;
    }
    action().then(
      () => {
        console.log("done");
        rl.prompt();
      },
      (err: unknown) => {
        console.log(`failed: ${err instanceof Error ? err.message : String(err)}`);
        rl.prompt();
      },
    );
  });
}

main().catch((err: unknown) => {
  console.error(`lab: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
