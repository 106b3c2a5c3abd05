/** Exit codes of the demo, so a suite driving it can tell a usage mistake from a busy port. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
export const EXIT_PORT_IN_USE = 3;

/** A mistake in the flags or the scenario folders; printed as one line, exit code 2. */
export class DemoUsageError extends Error {
  override name = "DemoUsageError";
}

/** A port the demo listens on, and the flag that moves it. */
export interface PortClaim {
  host: string;
  port: number;
  flag: string;
  /** What listens there, for the message: "the dashboard", "the agent of pve2". */
  what: string;
}

/** A port the demo needs is taken (or not allowed); printed as one line, exit code 3. */
export class DemoPortError extends Error {
  override name = "DemoPortError";

  constructor(
    readonly claim: PortClaim,
    code: string | undefined,
  ) {
    const problem = code === "EACCES" ? "may not be used by this user" : "is already in use";
    super(
      `port ${claim.port} on ${claim.host} (${claim.what}) ${problem}; choose another with ${claim.flag} <port>`,
    );
  }
}

export const EXIT_WORK_DIR_IN_USE = 4;

/** Another running demo keeps its state in the same folder; printed as one line, exit code 4. */
export class DemoWorkDirBusyError extends Error {
  override name = "DemoWorkDirBusyError";

  constructor(dir: string, pid: number) {
    super(
      `${dir} holds the state of the demo running as process ${pid}; stop it or choose another folder with --work-dir <dir>`,
    );
  }
}
