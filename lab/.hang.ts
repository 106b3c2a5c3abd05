import { startLab } from "./lab";
const lab = await startLab({ nodes: 2, qdevice: true });
const agent = lab.spawnInNode("pve1", "sleep", ["1000"]);
console.log("ready", agent.pid);
setInterval(() => {}, 1000);
