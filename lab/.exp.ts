import { startLab } from "./lab";
import { waitQuorum } from "./wait-quorum";
const lab = await startLab({ nodes: 2, qdevice: true });
try {
  await lab.cutLink("pve2");
  console.log(await waitQuorum(lab, "pve1", { quorate: true, nodes: 1 }));
  console.log(await lab.exec("pve1", "corosync-quorumtool", ["-e", "1"]));
  console.log(await lab.exec("pve1", "corosync-quorumtool", ["-e", "2"]));
  console.log(await lab.quorumtool("pve1"));
  await lab.stopQnetd();
  console.log(await waitQuorum(lab, "pve1", { quorate: false, nodes: 1 }));
  console.log(await lab.exec("pve1", "corosync-quorumtool", ["-e", "1"]));
  console.log(await lab.quorumtool("pve1"));
} finally { await lab.teardown(); }
