import type { Lab } from "./lab";
import { matchesQuorum, type QuorumExpectation } from "./quorum-text";

function describe(want: QuorumExpectation): string {
  return Object.entries(want)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(", ");
}

/** Polls `corosync-quorumtool -s` on a node until it matches; returns the output that matched. */
export async function waitQuorum(
  lab: Lab,
  node: string,
  want: QuorumExpectation,
  timeoutMs = 30_000,
): Promise<string> {
  let last = "";
  const check = async (): Promise<boolean> => {
    last = await lab.quorumtool(node);
    return matchesQuorum(last, want);
  };
  try {
    await lab.waitFor(check, {
      timeoutMs,
      intervalMs: 100,
      what: `${node} to report ${describe(want)}`,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${message}\nlast corosync-quorumtool -s on ${node}:\n${last}`);
  }
  return last;
}
