import { startLab } from "./lab";
await startLab({ nodes: 2, qdevice: false });
console.log("ready");
setTimeout(() => { throw new Error("boom"); }, 100);
