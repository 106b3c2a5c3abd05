// Preloaded (node --require) into every process the demo starts. Each child runs in a process group
// of its own; when the demo's main process is gone, by any signal including SIGKILL, the child is
// re-parented, and this ends the child's whole group. Linux offers PR_SET_PDEATHSIG for the same,
// but Node cannot set it, and this also reaches what the child starts itself.
"use strict";
const expected = Number(process.env.TB_DEMO_PARENT_PID);
if (Number.isInteger(expected) && expected > 0) {
  const timer = setInterval(() => {
    if (process.ppid === expected) return;
    try {
      process.kill(-process.pid, "SIGKILL");
    } catch {
      process.kill(process.pid, "SIGKILL");
    }
  }, 200);
  timer.unref();
}
