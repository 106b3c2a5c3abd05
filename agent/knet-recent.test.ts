import { describe, expect, it } from "vitest";
import { readFixture } from "@/lib/parsers/test-helpers";
import { collectReport } from "./collect";
import { KnetRecent } from "./knet-recent";
import type { RawName, RawReader } from "./sources/raw";

const captured = readFixture("lab/cmapctl-m-stats-3node-1link-healthy-pve1.txt");

/** The real capture with node 2's link 0 at this average and sample count. */
function statsText(aveUs: number, samples: number): string {
  return captured
    .replace(/(node2\.link0\.latency_ave \(u32\) = )\d+/, `$1${aveUs}`)
    .replace(/(node2\.link0\.latency_samples \(u32\) = )\d+/, `$1${samples}`);
}

function readerOf(text: string): RawReader {
  const outcomes: Partial<Record<RawName, string>> = { "corosync-cmapctl-stats.txt": text };
  return {
    mode: "root",
    nodeName: () => "pve1",
    read: (name) =>
      Promise.resolve(
        outcomes[name] !== undefined
          ? { ok: true, stdout: outcomes[name], exitCode: 0 }
          : { ok: false, reason: "not-installed", message: `${name} does not exist` },
      ),
    watch: () => Promise.resolve({ ok: false, reason: "not-installed", message: "no watch" }),
    kernelRelease: () => Promise.resolve(null),
    clock: () => Promise.resolve({ epochMs: 0, offsetMs: null }),
  };
}

async function recentAt(tracker: KnetRecent, atMs: number, aveUs: number, samples: number) {
  const report = tracker.enrich(await collectReport(readerOf(statsText(aveUs, samples))), atMs);
  const links = report.sections.links;
  if (links.status !== "ok") throw new Error("no links section");
  const link = links.data.stats!.nodes.find((n) => n.nodeId === 2)!.links[0]!;
  return { recent: link.latencyRecentUs, ave: link.latencyAveUs };
}

describe("recent knet latency", () => {
  it("after a slow spell, the last 30 s are fast again while the all-time average stays high", async () => {
    const tracker = new KnetRecent();
    // 40 pongs averaging 21.7 ms (a heal on a starved machine), then 40 more at 0.2 ms.
    expect(await recentAt(tracker, 0, 21_700, 40)).toEqual({ recent: undefined, ave: 21_700 });
    const ave = Math.floor((21_700 * 40 + 200 * 40) / 80);
    expect(await recentAt(tracker, 31_000, ave, 80)).toEqual({ recent: 200, ave: 10_950 });
  });

  it("measures over the newest reading at least 30 s old, not over the whole history", async () => {
    const tracker = new KnetRecent();
    await recentAt(tracker, 0, 20_000, 10);
    await recentAt(tracker, 30_000, 10_100, 20); // ten pongs of 200 µs
    // Ten more of 500 µs: the baseline is now the reading at 30 s, so the spike is out of view.
    const ave = Math.round((10_100 * 20 + 500 * 10) / 30);
    expect((await recentAt(tracker, 60_000, ave, 30)).recent).toBe(500);
  });

  it("a sample count that drops (the link went down and up) starts again from that reading", async () => {
    const tracker = new KnetRecent();
    await recentAt(tracker, 0, 200, 500);
    expect((await recentAt(tracker, 10_000, 9_000, 4)).recent).toBeUndefined();
    expect(
      (await recentAt(tracker, 40_000, Math.round((9_000 * 4 + 300 * 26) / 30), 30)).recent,
    ).toBe(300);
  });

  it("no new pongs, or knet's count held at its precision, gives no recent figure", async () => {
    const tracker = new KnetRecent();
    await recentAt(tracker, 0, 5_000, 2_048);
    expect((await recentAt(tracker, 31_000, 4_990, 2_048)).recent).toBeUndefined();
  });
});
