import { describe, expect, it } from "vitest";
import { readFixture } from "@/lib/parsers/test-helpers";
import type { RunOutcome } from "./exec";
import type { WatchProbe } from "./sources/raw";
import { ChangeWatcher, knetFingerprint, quorumFingerprint } from "./watch";

const HEALTHY = readFixture("lab/cmapctl-m-stats-3node-2links-healthy-pve1.txt");
const CUT = readFixture("lab/cmapctl-m-stats-3node-link1-cut-pve2-pve1.txt");
const QUORUM = readFixture("lab/quorumtool-s-3node-healthy.txt");
const QUORUM_CUT = readFixture("lab/quorumtool-s-3node-one-cut-quorate-no-margin.txt");

/** A reader whose two probes answer whatever the test sets. */
function probes(initial: Record<WatchProbe, string | null>) {
  const state = { ...initial };
  const answer = (text: string | null): RunOutcome =>
    text === null
      ? { ok: false, reason: "failed", message: "corosync is not running" }
      : { ok: true, stdout: text, exitCode: 0 };
  return { state, reader: { watch: (p: WatchProbe) => Promise.resolve(answer(state[p])) } };
}

describe("change watcher", () => {
  it("announces nothing on the first reading, then a knet link going down", async () => {
    const { state, reader } = probes({ knet: HEALTHY, quorum: QUORUM });
    const watcher = new ChangeWatcher(reader, 0);
    const seen: string[][] = [];
    watcher.subscribe((e) => seen.push(e.probes));
    expect(await watcher.check()).toBeNull();
    state.knet = CUT;
    expect(await watcher.check()).toMatchObject({ seq: 1, probes: ["knet"] });
    expect(await watcher.check()).toBeNull();
    expect(seen).toEqual([["knet"]]);
  });

  it("announces a membership change, not the quorumtool's clock line", async () => {
    const { state, reader } = probes({ knet: HEALTHY, quorum: QUORUM });
    const watcher = new ChangeWatcher(reader, 0);
    await watcher.check();
    state.quorum = QUORUM.replace(/^Date: .*$/m, "Date:             Mon Nov 23 03:00:00 2026");
    expect(await watcher.check()).toBeNull();
    state.quorum = QUORUM_CUT;
    expect(await watcher.check()).toMatchObject({ probes: ["quorum"] });
  });

  it("ignores latency and counter changes: only link state counts", () => {
    const busier = HEALTHY.replace(/(latency_ave \(u32\) = )\d+/g, "$1999");
    expect(knetFingerprint(busier)).toBe(knetFingerprint(HEALTHY));
    expect(knetFingerprint(CUT)).not.toBe(knetFingerprint(HEALTHY));
    expect(quorumFingerprint("garbage")).toBeNull();
  });

  it("a tool that fails once and answers the same again announces nothing", async () => {
    const { state, reader } = probes({ knet: HEALTHY, quorum: QUORUM });
    const watcher = new ChangeWatcher(reader, 0);
    await watcher.check();
    state.knet = null;
    expect(await watcher.check()).toBeNull();
    state.knet = HEALTHY;
    expect(await watcher.check()).toBeNull();
  });

  it("ticks on its own interval once started, and stops", async () => {
    const { state, reader } = probes({ knet: HEALTHY, quorum: QUORUM });
    const watcher = new ChangeWatcher(reader, 20).start();
    const event = new Promise((resolve) => watcher.subscribe(resolve));
    await new Promise((r) => setTimeout(r, 60));
    state.knet = CUT;
    await expect(event).resolves.toMatchObject({ probes: ["knet"] });
    watcher.stop();
  });

  it("takes membership from a followed `corosync-quorumtool -m` as it prints, and reads only knet each tick meanwhile", async () => {
    const asked: WatchProbe[] = [];
    let print: (text: string) => void = () => {};
    let exit: () => void = () => {};
    const reader = {
      watch: (p: WatchProbe): Promise<RunOutcome> => {
        asked.push(p);
        return Promise.resolve({ ok: true, stdout: p === "knet" ? HEALTHY : QUORUM, exitCode: 0 });
      },
      follow: (_p: WatchProbe, onOutput: (t: string) => void, onExit: () => void) => {
        print = onOutput;
        exit = onExit;
        return { stop: () => {} };
      },
    };
    const watcher = new ChangeWatcher(reader, 1_000_000).start();
    const events: string[][] = [];
    watcher.subscribe((e) => events.push(e.probes));
    print(QUORUM.slice(0, 200));
    print(QUORUM.slice(200));
    await new Promise((r) => setTimeout(r, 50));
    print(QUORUM_CUT);
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual([["quorum"]]);
    await watcher.check();
    expect(asked).toEqual(["knet", "knet"]);
    // The follower ended (corosync restarted): ticks read membership again until it is back.
    exit();
    await watcher.check();
    expect(asked.slice(2)).toEqual(["knet", "quorum"]);
    watcher.stop();
  });
});
