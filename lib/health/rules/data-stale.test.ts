import { describe, expect, it } from "vitest";
import type { AgentReport } from "@/lib/agents/schema";
import { buildSnapshot } from "@/lib/snapshot/build-snapshot";
import type { ApiView, SourceState } from "@/lib/snapshot/types";
import {
  absent,
  apiView,
  corosyncConf,
  failed,
  makeSnapshot,
  node,
  ok,
  report,
} from "../test-helpers";
import { DEFAULT_THRESHOLDS, STALE_INTERVALS } from "../thresholds";
import { dataStale } from "./data-stale";

describe("data.stale", () => {
  const pending = <T>(): SourceState<T> => ({
    data: null,
    fetchedAt: null,
    ageMs: null,
    fresh: false,
    error: null,
  });

  it("an API polled for the first time, with no answer or failure yet → unknown, never fine", () => {
    const findings = dataStale(makeSnapshot({ api: pending<ApiView>() }));
    expect(findings).toEqual([
      expect.objectContaining({
        subject: "cluster",
        severity: "unknown",
        title: "Waiting for the first answer from the Proxmox API",
      }),
    ]);
  });

  it("an agent with no report or failure yet → unknown; not when the configuration names no agents", () => {
    const snapshot = makeSnapshot({
      nodes: [node("pve1"), node("pve2", { agent: pending<AgentReport>() })],
    });
    expect(dataStale(snapshot)).toEqual([
      expect.objectContaining({
        subject: "node:pve2",
        title: "Waiting for the first report from pve2's agent",
      }),
    ]);
    expect(dataStale({ ...snapshot, agentsExpected: false })).toEqual([]);
  });

  it("an agent whose last report is older than three intervals → unknown with its age", () => {
    const agent = failed<AgentReport>({}, report("pve2"), 20_000);
    const findings = dataStale(makeSnapshot({ nodes: [node("pve1"), node("pve2", { agent })] }));
    expect(findings).toEqual([
      expect.objectContaining({ rule: "data.stale", severity: "unknown", subject: "node:pve2" }),
    ]);
    expect(findings[0]!.detail).toContain("20 s old");
  });

  it("an API whose last answer is stale → unknown for the cluster", () => {
    const findings = dataStale(makeSnapshot({ api: failed<ApiView>({}, apiView(), 60_000) }));
    expect(findings[0]).toMatchObject({ subject: "cluster", severity: "unknown" });
  });

  it("a garbled tool output in a fresh report → unknown naming the node and the source", () => {
    const r = report("pve1", {
      drbd: absent("parse-error", "drbdsetup-json at line 3: unexpected token"),
    });
    const findings = dataStale(makeSnapshot({ nodes: [node("pve1", { report: r })] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.title).toContain("DRBD state");
    expect(findings[0]!.detail).toContain("line 3");
  });

  it("a tool that needs root → remedy about privileges", () => {
    const r = report("pve1", {
      corosync: absent("permission-denied", "Cannot initialize QUORUM service"),
    });
    expect(dataStale(makeSnapshot({ nodes: [node("pve1", { report: r })] }))[0]!.remedy).toContain(
      "root",
    );
  });

  it("tools that are simply not installed → no finding", () => {
    expect(dataStale(makeSnapshot())).toEqual([]);
  });

  it("a QDevice tool that cannot reach its daemon on a node without a QDevice → no finding", () => {
    const r = report("pve1", {
      corosyncConf: ok(corosyncConf(["pve1", "pve2"])),
      qdevice: absent(
        "unavailable",
        "corosync-qdevice-tool: Can't connect to QDevice socket (is QDevice running?)",
      ),
    });
    expect(dataStale(makeSnapshot({ nodes: [node("pve1", { report: r })] }))).toEqual([]);
  });

  it("the same tool failure where corosync.conf configures a QDevice → unknown", () => {
    const conf = corosyncConf(["pve1", "pve2"], {
      qdevice: {
        model: "net",
        host: "10.0.0.9",
        algorithm: "ffsplit",
        tls: "off",
        votes: 1,
        port: null,
        tieBreaker: null,
      },
    });
    const r = report("pve1", {
      corosyncConf: ok(conf),
      qdevice: absent("unavailable", "Can't connect to QDevice socket"),
    });
    expect(dataStale(makeSnapshot({ nodes: [node("pve1", { report: r })] }))).toHaveLength(1);
  });
});

describe("data.stale at three refresh intervals", () => {
  const intervalMs = 5_000;
  const nowMs = Date.parse("2026-11-22T10:00:00.000Z");
  const limitMs = intervalMs * STALE_INTERVALS;

  /** pve2's agent stopped answering; its last good report is `ageMs` old. */
  function snapshotWithReportAged(ageMs: number) {
    return buildSnapshot({
      clusterId: "test",
      intervalMs,
      thresholds: DEFAULT_THRESHOLDS,
      nowMs,
      api: { data: apiView(), fetchedAtMs: nowMs, error: null },
      agents: new Map([
        [
          "pve2",
          {
            data: report("pve2"),
            fetchedAtMs: nowMs - ageMs,
            error: {
              kind: "timeout",
              message: "no answer within 3000 ms",
              at: "2026-11-22T10:00:00.000Z",
            },
            clockOffsetMs: 0,
          },
        ],
      ]),
      nodeStorage: new Map(),
      linstor: null,
      knownNodes: [],
    });
  }

  it.each([
    ["one millisecond less than three intervals old → no finding", limitMs - 1, []],
    ["exactly three intervals old → not yet stale, no finding", limitMs, []],
    [
      "one millisecond more than three intervals old → unknown for the node",
      limitMs + 1,
      ["node:pve2"],
    ],
  ])("a last good report %s", (_case, ageMs, subjects) => {
    expect(dataStale(snapshotWithReportAged(ageMs)).map((f) => f.subject)).toEqual(subjects);
  });
});
