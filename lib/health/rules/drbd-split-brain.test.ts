import { describe, expect, it } from "vitest";
import { parseDrbdadmStatus } from "@/lib/parsers/drbdadm-status";
import type { KernelLog } from "@/lib/parsers/kernel-log";
import { parseKernelLog } from "@/lib/parsers/kernel-log";
import { parsedValue, readFixture } from "@/lib/parsers/test-helpers";
import { makeSnapshot } from "../test-helpers";
import { drbdPeerDisconnected } from "./drbd-peer-disconnected";
import { drbdSplitBrain } from "./drbd-split-brain";
import {
  connection,
  device,
  drbdFixture,
  drbdNode,
  fixtureNode,
  kernelLogFixture,
  mesh,
  meshNodes,
  resource,
} from "./drbd-test-helpers";

const SPLIT_BRAIN_LOG: KernelLog = {
  lines: 3,
  truncated: false,
  events: [
    {
      line: 3,
      time: "Jun 12 15:24:16",
      subsystem: "drbd",
      kind: "split-brain",
      severity: "critical",
      resource: "r0",
      device: "drbd1000",
      peer: "pve2",
      message: "drbd r0/0 drbd1000 pve2: Split-Brain detected but unresolved, dropping connection!",
    },
  ],
};

function splitBrainPair(
  options: { log?: KernelLog; survivorState?: string; staleSurvivor?: boolean } = {},
) {
  return makeSnapshot({
    nodes: [
      drbdNode(
        "pve1",
        [
          resource("r0", {
            role: "Primary",
            connections: [connection("pve2", { connectionState: "StandAlone", peerRole: null })],
          }),
        ],
        {
          ...(options.log ? { kernelLog: options.log } : {}),
        },
      ),
      drbdNode(
        "pve2",
        [
          resource("r0", {
            role: "Primary",
            connections: [
              connection("pve1", {
                connectionState: options.survivorState ?? "StandAlone",
                peerRole: null,
              }),
            ],
          }),
        ],
        { stale: options.staleSurvivor ?? false },
      ),
    ],
  });
}

describe("drbd.split-brain", () => {
  it("StandAlone with 'Split-Brain detected but unresolved' in that node's kernel log → critical, with the recovery steps", () => {
    const findings = drbdSplitBrain(splitBrainPair({ log: SPLIT_BRAIN_LOG }));
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding).toMatchObject({
      rule: "drbd.split-brain",
      severity: "critical",
      subject: "drbd:r0",
      title: "DRBD resource r0 is in split brain",
    });
    expect(finding!.detail).toContain("pve1 (Primary) is StandAlone towards pve2");
    expect(finding!.detail).toContain("Split-Brain detected but unresolved");
    expect(finding!.remedy).toContain("drbdadm connect --discard-my-data r0");
    expect(finding!.remedy).toContain("drbdadm secondary r0");
    expect(finding!.remedy).toContain("drbdadm verify r0");
  });

  it.each([
    [
      "StandAlone on both sides without any split-brain evidence → no finding (it is only disconnected)",
      splitBrainPair(),
    ],
    [
      "a healthy connected mesh → no finding",
      makeSnapshot({
        nodes: meshNodes(mesh("r0", { pve1: { role: "Primary" }, pve2: {}, pve3: {} })),
      }),
    ],
    ["no DRBD on any node → no finding", makeSnapshot()],
  ])("%s", (_name, snapshot) => {
    expect(drbdSplitBrain(snapshot)).toEqual([]);
  });

  it("the node with the evidence is stale → no finding (stale data judges nothing)", () => {
    const snapshot = makeSnapshot({
      nodes: [
        drbdNode(
          "pve1",
          [
            resource("r0", {
              connections: [connection("pve2", { connectionState: "StandAlone", peerRole: null })],
            }),
          ],
          {
            kernelLog: SPLIT_BRAIN_LOG,
            stale: true,
          },
        ),
        drbdNode("pve2", [
          resource("r0", {
            connections: [connection("pve1", { connectionState: "Connecting", peerRole: null })],
          }),
        ]),
      ],
    });
    expect(drbdSplitBrain(snapshot)).toEqual([]);
  });

  it("events2 flags a connection with the split-brain handler → critical even before it settles on StandAlone", () => {
    const nodes = [
      drbdNode(
        "pve1",
        [
          resource("r0", {
            connections: [
              connection("pve2", {
                connectionState: "Connecting",
                peerRole: null,
                splitBrain: true,
              }),
            ],
          }),
        ],
        { source: "drbdsetup-events2" },
      ),
    ];
    const findings = drbdSplitBrain(makeSnapshot({ nodes }));
    expect(findings).toMatchObject([{ severity: "critical", subject: "drbd:r0" }]);
    expect(findings[0]!.detail).toContain("events2");
  });

  it("events2 ran the handler for an unnamed peer while a link is down → critical; once every link is Connected again → resolved, no finding", () => {
    const down = drbdNode("pve1", [
      resource("r0", {
        splitBrain: true,
        connections: [connection("pve2", { connectionState: "Connecting", peerRole: null })],
      }),
    ]);
    expect(drbdSplitBrain(makeSnapshot({ nodes: [down] }))).toMatchObject([{ subject: "drbd:r0" }]);
    const healed = drbdNode("pve1", [
      resource("r0", { splitBrain: true, connections: [connection("pve2")] }),
    ]);
    expect(drbdSplitBrain(makeSnapshot({ nodes: [healed] }))).toEqual([]);
  });

  it("split brain on one resource does not spill over to another resource on the same nodes", () => {
    const standAlone = connection("pve2", { connectionState: "StandAlone", peerRole: null });
    const nodes = [
      drbdNode(
        "pve1",
        [
          resource("r0", { connections: [standAlone] }),
          resource("r1", { connections: [standAlone] }),
        ],
        { kernelLog: SPLIT_BRAIN_LOG },
      ),
    ];
    expect(drbdSplitBrain(makeSnapshot({ nodes })).map((f) => f.subject)).toEqual(["drbd:r0"]);
  });

  it("real drbdadm status (hwameistor, Primary StandAlone) with the real 'Split-Brain detected but unresolved' kernel log → critical", () => {
    const status = drbdFixture(
      parseDrbdadmStatus,
      "drbdadm-status-9-splitbrain-standalone-primary-hwameistor326.txt",
    );
    const log = kernelLogFixture(
      "kernel-log-drbd9-split-brain-detected-unresolved-partial-drbd58.txt",
    );
    const name = "pvc-4d6880e8-50ef-42fe-8b8d-e8f987987992";
    // The two captures come from different clusters: the log's resource and peer get the status's names.
    const events = log.events.map((e) => ({ ...e, resource: name, peer: "k8s-master" }));
    const findings = drbdSplitBrain(
      makeSnapshot({ nodes: [fixtureNode("k8s-node", status, { ...log, events })] }),
    );
    expect(findings).toMatchObject([
      { rule: "drbd.split-brain", severity: "critical", subject: `drbd:${name}` },
    ]);
    expect(findings[0]!.detail).toContain("StandAlone towards k8s-master");
  });

  it("the real StandAlone status alone, with a kernel log of another resource's split brain → no finding", () => {
    const status = drbdFixture(
      parseDrbdadmStatus,
      "drbdadm-status-9-splitbrain-standalone-primary-hwameistor326.txt",
    );
    const log = kernelLogFixture(
      "kernel-log-drbd9-split-brain-detected-unresolved-partial-drbd58.txt",
    );
    expect(drbdSplitBrain(makeSnapshot({ nodes: [fixtureNode("k8s-node", status, log)] }))).toEqual(
      [],
    );
  });
});

describe("drbd.split-brain from the split-brain helper lines", () => {
  const DRBD84_HELPER =
    "kernel-log/drbd84-split-brain-helper-minor-0-exit-code-partial-grimore.txt";

  function logOf(text: string): KernelLog {
    return parsedValue(parseKernelLog(text));
  }

  /** DRBD 8.4 as /proc/drbd reports it: no resource names, minor 0 becomes "minor-0", no peer name. */
  function procDrbdNode(minor: number, connectionState: string, log: KernelLog) {
    return drbdNode(
      "pve1",
      [
        resource(`minor-${minor}`, {
          role: "Primary",
          devices: [device("UpToDate", { minor })],
          connections: [connection(null, { connectionState, peerRole: null })],
        }),
      ],
      { source: "proc-drbd", kernelLog: log },
    );
  }

  it("DRBD 8.4: minor 0 StandAlone and the real split-brain helper lines for drbd0 → critical on that minor", () => {
    const log = logOf(readFixture(DRBD84_HELPER));
    const findings = drbdSplitBrain(makeSnapshot({ nodes: [procDrbdNode(0, "StandAlone", log)] }));
    expect(findings).toMatchObject([
      { rule: "drbd.split-brain", severity: "critical", subject: "drbd:minor-0" },
    ]);
    expect(findings[0]!.detail).toContain("helper command: /sbin/drbdadm split-brain minor-0");
  });

  it.each([
    [
      "only the DRBD 8.4 return line (exit code 0 (0x0))",
      procDrbdNode(0, "StandAlone", logOf(readFixture(DRBD84_HELPER).split("\n")[1]!)),
    ],
    [
      "only the DRBD 9 return line (exit code 0)",
      drbdNode(
        "pve1",
        [
          resource("r0", {
            connections: [connection("pve2", { connectionState: "StandAlone", peerRole: null })],
          }),
        ],
        {
          kernelLog: logOf(
            "Jun 12 15:24:16 pve1 kernel: [  232.574101] drbd r0/0 drbd1000 pve2: helper command: /sbin/drbdadm split-brain exit code 0\n",
          ),
        },
      ),
    ],
  ])("StandAlone with %s → critical", (_name, node) => {
    expect(drbdSplitBrain(makeSnapshot({ nodes: [node] }))).toMatchObject([
      { rule: "drbd.split-brain", severity: "critical" },
    ]);
  });

  it.each([
    ["the helper ran for another minor (drbd1)", 0, "StandAlone", "drbd1"],
    ["the link is Connected again (resolved)", 0, "Connected", "drbd0"],
  ])("%s → no finding", (_name, minor, state, logged) => {
    const log = logOf(readFixture(DRBD84_HELPER).replaceAll("drbd0", logged));
    expect(drbdSplitBrain(makeSnapshot({ nodes: [procDrbdNode(minor, state, log)] }))).toEqual([]);
  });
});

describe("drbd.split-brain and drbd.peer-disconnected together", () => {
  it("a split-brain link is reported once, by split-brain, from both of its ends; other down links of the resource stay peer-disconnected", () => {
    const snapshot = makeSnapshot({
      nodes: [
        drbdNode(
          "pve1",
          [
            resource("r0", {
              role: "Primary",
              connections: [
                connection("pve2", { connectionState: "StandAlone", peerRole: null }),
                connection("pve3", { connectionState: "Connecting", peerRole: null }),
              ],
            }),
          ],
          { kernelLog: SPLIT_BRAIN_LOG },
        ),
        drbdNode("pve2", [
          resource("r0", {
            role: "Primary",
            connections: [
              connection("pve1", { connectionState: "Connecting", peerRole: null }),
              connection("pve3"),
            ],
          }),
        ]),
      ],
    });
    expect(drbdSplitBrain(snapshot)).toMatchObject([{ subject: "drbd:r0" }]);
    const disconnected = drbdPeerDisconnected(snapshot);
    expect(disconnected).toMatchObject([{ rule: "drbd.peer-disconnected", subject: "drbd:r0" }]);
    expect(disconnected[0]!.detail).toBe(
      "pve1 → pve3: Connecting. Writes on this resource are not replicated over that link.",
    );
  });

  it("when every down link is the split-brain one → only split-brain fires", () => {
    const snapshot = splitBrainPair({ log: SPLIT_BRAIN_LOG, survivorState: "Connecting" });
    expect(drbdSplitBrain(snapshot)).toHaveLength(1);
    expect(drbdPeerDisconnected(snapshot)).toEqual([]);
  });
});
