import { cleanupPrefix } from "./teardown";
import { defaultPrefix, validatePrefix } from "./topology";

// Usage: npx tsx lab/cleanup.ts [prefix]
const prefix = validatePrefix(process.argv[2] ?? defaultPrefix);
const report = cleanupPrefix(prefix);
console.log(
  `lab "${prefix}": stopped ${report.stoppedProcesses} process(es), deleted namespaces [${report.deletedNamespaces.join(", ")}]` +
    (report.deletedHostVeth ? `, host veth ${report.deletedHostVeth}` : ""),
);
if (report.survivors.length > 0) {
  console.error(`still running after SIGKILL: ${report.survivors.join(", ")}`);
  process.exitCode = 1;
}
