import type { Lab } from "./lab";

/**
 * Where the lab's agents look for corosync-qdevice-tool. It sits on each node's own /run tmpfs, so
 * "installing corosync-qdevice" on one node (linking the host's binary there) shows on that node
 * only, and the agent reports the package missing until then, as on a real node.
 */
export const QDEVICE_TOOL_PATH = "/run/tiebreaker-packages/corosync-qdevice-tool";

async function checked(lab: Lab, node: string, cmd: string, args: string[]): Promise<void> {
  const result = await lab.exec(node, cmd, args);
  if (result.code !== 0)
    throw new Error(
      `${cmd} ${args.join(" ")} on ${node} exited ${String(result.code)}: ${result.stderr.trim()}`,
    );
}

/** The lab's `apt install corosync-qdevice` on one node, as far as the agent can tell. */
export async function installQdevicePackage(lab: Lab, node: string): Promise<void> {
  await checked(lab, node, "mkdir", ["-p", "/run/tiebreaker-packages"]);
  await checked(lab, node, "ln", ["-sf", "/usr/sbin/corosync-qdevice-tool", QDEVICE_TOOL_PATH]);
}

export async function removeQdevicePackage(lab: Lab, node: string): Promise<void> {
  await checked(lab, node, "rm", ["-f", QDEVICE_TOOL_PATH]);
}
