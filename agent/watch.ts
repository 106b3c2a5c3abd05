import { parseCorosyncCmapctlStats } from "@/lib/parsers/corosync-cmapctl-stats";
import { parseCorosyncQuorumtool } from "@/lib/parsers/corosync-quorumtool";
import type { RunOutcome } from "./exec";
import type { FollowHandle, RawReader, WatchProbe } from "./sources/raw";

/** What knet says about each link right now: "node.link=up|down", counters left out. */
export function knetFingerprint(text: string): string | null {
  const parsed = parseCorosyncCmapctlStats(text);
  if (!parsed.ok) return null;
  return parsed.value.nodes
    .flatMap((n) => n.links.map((l) => `${n.nodeId}.${l.linkId}=${l.connected ? "up" : "down"}`))
    .join(" ");
}

/** Membership and votes as corosync-quorumtool prints them, without its clock line. */
export function quorumFingerprint(text: string): string | null {
  const parsed = parseCorosyncQuorumtool(text);
  if (!parsed.ok) return null;
  const q = parsed.value;
  return JSON.stringify([
    q.quorate,
    q.ringId,
    q.expectedVotes,
    q.totalVotes,
    q.qdeviceVotes,
    q.members.map((m) => [m.nodeId, m.votes, m.qdevice]),
  ]);
}

const FINGERPRINTS: Record<WatchProbe, (text: string) => string | null> = {
  knet: knetFingerprint,
  quorum: quorumFingerprint,
};

export interface ChangeEvent {
  seq: number;
  /** Which probes changed: knet (a link went up or down), quorum (membership or votes). */
  probes: WatchProbe[];
  at: string;
  /** The quorum status block that was followed, when that is what changed; kept in the agent. */
  quorumText?: string;
}

/** Output of a followed tool kept for parsing: a few of its status blocks. */
const FOLLOW_BUFFER = 16 * 1024;
/** Quiet time after a followed tool printed, so its whole block is read at once. */
const FOLLOW_SETTLE_MS = 20;
const FOLLOW_RETRY_MS = 5_000;

/**
 * Follows what changes first when a node or link fails: knet's link state and corosync's
 * membership. Where the system offers it, membership arrives pushed (`corosync-quorumtool -m`
 * prints it again on every change); knet's link state is read each tick with one small command
 * (scenario folders: both files are read each tick). A change is announced at once, so a
 * dashboard need not wait for its next poll.
 */
export class ChangeWatcher {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private seq = 0;
  private readonly last = new Map<WatchProbe, string>();
  private readonly listeners = new Set<(event: ChangeEvent) => void>();
  private followed: FollowHandle | null = null;
  private followText = "";
  private followTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly reader: Pick<RawReader, "watch" | "follow">,
    private readonly intervalMs: number,
  ) {}

  start(): this {
    if (this.intervalMs <= 0) return this;
    this.follow();
    void this.tick();
    return this;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.followTimer) clearTimeout(this.followTimer);
    this.followed?.stop();
    this.followed = null;
  }

  /** Starts following membership; while the follower runs, ticks read only knet. */
  private follow(): void {
    if (this.stopped || !this.reader.follow) return;
    this.followText = "";
    this.followed = this.reader.follow(
      "quorum",
      (text) => {
        this.followText = (this.followText + text).slice(-FOLLOW_BUFFER);
        if (this.followTimer) clearTimeout(this.followTimer);
        this.followTimer = setTimeout(() => this.followed && this.settle(), FOLLOW_SETTLE_MS);
      },
      () => {
        this.followed = null;
        if (this.stopped) return;
        setTimeout(() => this.follow(), FOLLOW_RETRY_MS).unref();
      },
    );
  }

  private settle(): void {
    // The buffer may begin inside an older block: read from its last complete start.
    const start = this.followText.lastIndexOf("Quorum information");
    const text = start === -1 ? this.followText : this.followText.slice(start);
    this.announce(this.record("quorum", quorumFingerprint(text)) ? ["quorum"] : [], text);
  }

  /** Keeps a probe's new reading; true when it differs from the last good one. */
  private record(probe: WatchProbe, print: string | null): boolean {
    // A failed reading keeps the last good one: a tool that failed once is no change.
    if (print === null) return false;
    const before = this.last.get(probe);
    this.last.set(probe, print);
    return before !== undefined && before !== print;
  }

  private announce(probes: WatchProbe[], quorumText?: string): ChangeEvent | null {
    if (probes.length === 0) return null;
    const event: ChangeEvent = { seq: ++this.seq, probes, at: new Date().toISOString() };
    if (quorumText !== undefined) event.quorumText = quorumText;
    for (const listener of this.listeners) listener(event);
    return event;
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs the probes once; returns the event it announced, if anything changed. */
  async check(): Promise<ChangeEvent | null> {
    const changed: WatchProbe[] = [];
    const probes: WatchProbe[] = this.followed ? ["knet"] : ["knet", "quorum"];
    for (const probe of probes) {
      const outcome: RunOutcome = await this.reader.watch(probe);
      if (this.record(probe, outcome.ok ? FINGERPRINTS[probe](outcome.stdout) : null))
        changed.push(probe);
    }
    return this.announce(changed);
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const started = Date.now();
    try {
      await this.check();
    } catch (err) {
      process.stderr.write(`tiebreaker-agent: watch failed: ${String(err)}\n`);
    }
    if (this.stopped) return;
    this.timer = setTimeout(
      () => void this.tick(),
      Math.max(0, this.intervalMs - (Date.now() - started)),
    );
    this.timer.unref();
  }
}
