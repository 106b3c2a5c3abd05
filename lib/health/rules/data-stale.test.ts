import { describe, expect, it } from "vitest";
import type { AgentReport } from "@/lib/agents/report";
import type { ApiView } from "@/lib/snapshot/types";
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
import { dataStale } from "./data-stale";

describe("data.stale", () => {
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
