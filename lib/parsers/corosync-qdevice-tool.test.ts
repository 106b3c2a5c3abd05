import { describe, expect, it } from "vitest";
import { parseCorosyncQdeviceTool } from "./corosync-qdevice-tool";
import type { QdeviceStatus } from "./corosync-qdevice-tool";
import { listFixtures, parsedValue, readFixture } from "./test-helpers";

function parsed(text: string): QdeviceStatus {
  return parsedValue(parseCorosyncQdeviceTool(text));
}

function failure(text: string) {
  const result = parseCorosyncQdeviceTool(text);
  if (result.ok) throw new Error(`unexpected success: ${JSON.stringify(result.value)}`);
  expect(result.error.format).toBe("corosync-qdevice-tool");
  return result.error;
}

const covered = new Set<string>();

/** Registers a fixture as covered at collection time and tests the facts it shows. */
function fixtureCase(relPath: string, check: (q: QdeviceStatus, text: string) => void): void {
  covered.add(relPath);
  it(relPath, () => {
    const text = readFixture(relPath);
    // crm prepends `crm_node -l` lines; the block from the header on is verbatim tool output.
    const start = text.indexOf("Qdevice information");
    const q = parsed(text.slice(Math.max(start, 0)));
    check(q, text);
    expect(JSON.parse(JSON.stringify(q))).toEqual(q);
  });
}

describe("parseCorosyncQdeviceTool: fixtures", () => {
  fixtureCase("corosync-cli/corosync-qdevice-tool-sv-manpage-example-heuristics-kap.txt", (q) => {
    expect(q).toEqual({
      state: "Connected",
      connected: true,
      castVote: true,
      algorithm: "Fifty-Fifty split",
      tieBreaker: "Node with lowest node ID",
      qnetdHost: "localhost:5403",
      model: "Net",
      nodeId: 1,
      clusterName: "Cluster",
      heartbeatInterval: 10000,
      syncHeartbeatInterval: 30000,
      netHeartbeatInterval: 8000,
      connectTimeout: 8000,
      configuredNodeList: [{ nodeId: 1 }],
      membershipNodeList: [1],
      quorumNodeList: [{ nodeId: 1, state: "member" }],
      ringId: "1.a00000000021b48",
      quorate: true,
      expectedVotes: 2,
      heuristics: "Enabled",
      heuristicsResult: "Pass (regular: Pass, membership: Fail, connect: Fail)",
      kapTieBreaker: "Enabled",
      tls: "Supported",
      tlsActive: "Yes (client certificate sent)",
      pollTimerRunning: true,
      lastPollCall: "2016-06-24T17:05:20 (cast vote)",
      connectedSince: "2016-06-24T17:02:35",
      echoReplyReceived: "2016-06-24T17:05:15",
      extra: { "VQ vote timer interval": "5000ms" },
    } satisfies QdeviceStatus);
  });

  fixtureCase("corosync-cli/crm-corosync-status-qdevice-connected-crmsh799.txt", (q, raw) => {
    expect(q.model).toBe("Net");
    expect(q.nodeId).toBe(1084783311);
    expect(q.configuredNodeList).toEqual([{ nodeId: 1084783193 }, { nodeId: 1084783311 }]);
    expect(q.heuristics).toBe("Disabled");
    expect(q.ringId).toBe("40a87a59.10c");
    expect(q.membershipNodeList).toEqual([1084783193, 1084783311]);
    expect(q.quorate).toBe(true);
    expect(q.quorumNodeList).toEqual([
      { nodeId: 1084783193, state: "member" },
      { nodeId: 1084783311, state: "member" },
    ]);
    expect(q.expectedVotes).toBe(3);
    expect(q.clusterName).toBe("hacluster");
    expect(q.qnetdHost).toBe("15sp2-3:5403");
    expect(q.tls).toBe("Supported");
    expect(q.algorithm).toBe("Fifty-Fifty split");
    expect(q.tieBreaker).toBe("Node with lowest node ID");
    // This older corosync-qdevice prints no "KAP Tie-breaker:" line.
    expect(q.kapTieBreaker).toBeNull();
    expect(q.state).toBe("Connected");
    expect(q.connected).toBe(true);
    expect(q.castVote).toBe(true);
    expect(q.tlsActive).toBe("Yes (client certificate sent)");
    expect(q.connectedSince).toBe("2021-04-12T10:36:04");
    expect(q.echoReplyReceived).toBe("2021-04-12T10:37:08");
    // Unsliced, the `crm_node -l` preamble is refused rather than guessed around.
    expect(failure(raw)).toMatchObject({ line: 1 });
  });

  fixtureCase("corosync-cli/lab/qdevice-tool-sv-connected.txt", (q) => {
    expect(q.model).toBe("Net");
    expect(q.nodeId).toBe(1);
    expect([q.heartbeatInterval, q.syncHeartbeatInterval]).toEqual([10000, 30000]);
    expect(q.configuredNodeList).toEqual([{ nodeId: 1 }, { nodeId: 2 }]);
    expect(q.heuristics).toBe("Disabled");
    expect(q.ringId).toBe("1.9");
    expect(q.membershipNodeList).toEqual([1, 2]);
    expect(q.quorate).toBe(true);
    expect(q.quorumNodeList).toEqual([
      { nodeId: 2, state: "member" },
      { nodeId: 1, state: "member" },
    ]);
    expect(q.expectedVotes).toBe(3);
    expect(q.lastPollCall).toBe("2026-11-22T01:59:03 (cast vote)");
    expect(q.clusterName).toBe("lab");
    expect(q.qnetdHost).toBe("10.213.7.100:5403");
    expect([q.connectTimeout, q.netHeartbeatInterval]).toEqual([8000, 8000]);
    expect(q.tls).toBe("Unsupported");
    expect(q.algorithm).toBe("Fifty-Fifty split");
    expect(q.tieBreaker).toBe("Node with lowest node ID");
    expect(q.kapTieBreaker).toBe("Enabled");
    expect(q.pollTimerRunning).toBe(true);
    expect(q.state).toBe("Connected");
    expect(q.connected).toBe(true);
    expect(q.castVote).toBe(true);
    expect(q.tlsActive).toBe("No");
    expect(q.connectedSince).toBe("2026-11-22T01:58:58");
    expect(q.echoReplyReceived).toBeNull();
    expect(q.extra).toEqual({ "VQ vote timer interval": "5000ms" });
  });

  fixtureCase("corosync-cli/lab/qdevice-tool-sv-qnetd-down.txt", (q) => {
    expect(q.state).toBe("Connect failed");
    expect(q.connected).toBe(false);
    // Poll timer still runs but without "(cast vote)": the device withholds its vote.
    expect(q.pollTimerRunning).toBe(true);
    expect(q.castVote).toBe(false);
    expect(q.lastPollCall).toBe("2026-11-22T01:59:28");
    expect(q.quorate).toBe(true);
    expect(q.expectedVotes).toBe(3);
    expect(q.membershipNodeList).toEqual([1, 2]);
    expect(q.qnetdHost).toBe("10.213.7.100:5403");
    expect(q.algorithm).toBe("Fifty-Fifty split");
    // TLS active / Connected since are only printed while connected.
    expect(q.tlsActive).toBeNull();
    expect(q.connectedSince).toBeNull();
  });
});

const QDEVICE_TOOL_NAME =
  /^corosync-cli\/(lab\/qdevice-tool-|corosync-qdevice-tool-|crm-corosync-status-qdevice-)/;

describe("parseCorosyncQdeviceTool: fixture coverage", () => {
  it("covers every qdevice-tool-format fixture with a named test", () => {
    const all = [
      ...listFixtures("corosync-cli").map((name) => `corosync-cli/${name}`),
      ...listFixtures("corosync-cli/lab").map((name) => `corosync-cli/lab/${name}`),
    ];
    const expected = all.filter((f) => QDEVICE_TOOL_NAME.test(f));
    expect(expected.length).toBeGreaterThanOrEqual(4);
    expect(expected.filter((f) => !covered.has(f))).toEqual([]);
    expect([...covered].filter((f) => !expected.includes(f))).toEqual([]);
  });

  it("refuses the qnetd-side outputs, which are a different format", () => {
    for (const relPath of [
      "corosync-cli/pcs-qdevice-status-net-full-qnetd-2clients-sbd76.txt",
      "corosync-cli/corosync-qnetd-tool-lv-manpage-example-partial.txt",
      "corosync-cli/lab/qnetd-tool-lv.txt",
      "corosync-cli/lab/quorumtool-s-2node-qdevice-connected.txt",
    ]) {
      expect(failure(readFixture(relPath)).line, relPath).toBe(1);
    }
  });
});

const LAB = "corosync-cli/lab/qdevice-tool-sv-connected.txt";

/** `corosync-qdevice-tool -s` without -v, as qdevice-ipc-cmd.c / qdevice-net-ipc-cmd.c print it. */
const NON_VERBOSE = [
  "Qdevice information",
  "-------------------",
  "Model:\t\t\tNet",
  "Node ID:\t\t1",
  "Configured node list:",
  "    0\tNode ID = 1",
  "    1\tNode ID = 2, Data center ID = 7",
  "Membership node list:\t1, 2",
  "",
  "Qdevice-net information",
  "----------------------",
  "Cluster name:\t\tlab",
  "QNetd host:\t\t10.213.7.100:5403",
  "Algorithm:\t\tLMS",
  "Tie-breaker:\t\tNode with node ID 2",
  "State:\t\t\tConnecting",
  "",
].join("\n");

describe("parseCorosyncQdeviceTool: layouts", () => {
  it("reads the non-verbose -s output, leaving verbose-only fields null", () => {
    const q = parsed(NON_VERBOSE);
    expect(q.state).toBe("Connecting");
    expect(q.connected).toBe(false);
    expect(q.castVote).toBeNull();
    expect(q.quorate).toBeNull();
    expect(q.heartbeatInterval).toBeNull();
    expect(q.algorithm).toBe("LMS");
    expect(q.tieBreaker).toBe("Node with node ID 2");
    expect(q.configuredNodeList).toEqual([{ nodeId: 1 }, { nodeId: 2, dataCenterId: 7 }]);
    expect(q.membershipNodeList).toEqual([1, 2]);
  });

  it("reads CRLF line endings like LF", () => {
    const text = readFixture(LAB);
    expect(parsed(text.replace(/\n/g, "\r\n"))).toEqual(parsed(text));
  });

  it("reads space-aligned output (man page, crm) like tab-aligned output", () => {
    const text = readFixture(LAB);
    expect(parsed(text.replace(/\t+/g, "    "))).toEqual(parsed(text));
  });

  it("keeps unknown fields and sections in extra", () => {
    const text = readFixture(LAB)
      .replace("QNetd host:", "Force IP version:\t4\nQNetd host:")
      .concat("\nQdevice-future information\n--------------------------\nNew thing:\tyes\n");
    const q = parsed(text);
    expect(q.extra).toEqual({
      "Force IP version": "4",
      "VQ vote timer interval": "5000ms",
      "New thing": "yes",
    });
    expect(q.state).toBe("Connected");
  });

  it("reads an empty membership list and a disconnected state", () => {
    const text = readFixture(LAB)
      .replace("Membership node list:\t1, 2", "Membership node list:\t")
      .replace("State:\t\t\tConnected", "State:\t\t\tDisconnected");
    const q = parsed(text);
    expect(q.membershipNodeList).toEqual([]);
    expect(q.state).toBe("Disconnected");
    expect(q.connected).toBe(false);
  });

  it("falls back to the last poll call for castVote when no poll timer line is printed", () => {
    const text = readFixture(LAB).replace("Poll timer running:\tYes (cast vote)\n", "");
    expect(parsed(text).castVote).toBe(true);
    const never = text.replace("2026-11-22T01:59:03 (cast vote)", "Never");
    expect(parsed(never).castVote).toBe(false);
  });
});

describe("parseCorosyncQdeviceTool: refusals", () => {
  it("refuses empty input", () => {
    expect(failure("")).toEqual({
      format: "corosync-qdevice-tool",
      line: null,
      message: "no output",
    });
  });

  it("refuses the tool's error when the daemon is not running", () => {
    const error = failure(
      "corosync-qdevice-tool: Can't connect to QDevice socket (is QDevice running?): No such file or directory\n",
    );
    expect(error.line).toBe(1);
    expect(error.message).toMatch(/Can't connect/);
  });

  it("refuses random bytes and unrelated text", () => {
    let seed = 11;
    let bytes = "";
    for (let i = 0; i < 512; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      bytes += String.fromCharCode(1 + (seed % 255));
    }
    expect(failure(bytes).line).toBe(1);
    expect(failure("hello world\n").line).toBe(1);
    expect(failure("Other information\n---\nSome: thing\n")).toMatchObject({ line: 1 });
    expect(failure("Qdevice information\n-------------------\n")).toMatchObject({
      line: null,
      message: "no corosync-qdevice-tool fields found",
    });
  });

  it("refuses a node list entry outside a node list", () => {
    const text = readFixture(LAB).replace(
      "Heuristics:\t\tDisabled\n",
      "Heuristics:\t\tDisabled\n    2\tNode ID = 3\n",
    );
    expect(failure(text)).toMatchObject({ line: 11 });
  });

  it("refuses malformed values, naming the line", () => {
    expect(failure(readFixture(LAB).replace("Node ID:\t\t1", "Node ID:\t\tone"))).toMatchObject({
      line: 4,
    });
    expect(failure(readFixture(LAB).replace("10000ms", "ten seconds"))).toMatchObject({
      line: 5,
    });
    expect(
      failure(readFixture(LAB).replace("Quorate:\t\tYes", "Quorate:\t\tPerhaps")),
    ).toMatchObject({
      line: 13,
    });
  });
});

describe("parseCorosyncQdeviceTool: truncated output", () => {
  const full = readFixture(LAB);
  const lines = full.split("\n");
  const firstLines = (n: number) => `${lines.slice(0, n).join("\n")}\n`;

  it("refuses output cut before Model / Node ID", () => {
    expect(failure(firstLines(3)).message).toMatch(/Model or Node ID/);
  });

  it("refuses output cut before the Qdevice-net block", () => {
    expect(failure(firstLines(18)).message).toMatch(/no Qdevice-net information/);
  });

  it("refuses output cut before the State line", () => {
    expect(failure(firstLines(28)).message).toMatch(/no "State:" line/);
  });

  it("refuses a node list entry cut mid-line, naming it", () => {
    expect(failure(`${firstLines(8)}    1\tNode ID =`)).toMatchObject({ line: 9 });
  });

  it("never throws on any prefix of a fixture", () => {
    for (let end = 0; end <= full.length; end++) {
      expect(typeof parseCorosyncQdeviceTool(full.slice(0, end)).ok).toBe("boolean");
    }
  });
});

describe("parseCorosyncQdeviceTool: cost", () => {
  it("handles pathological lines in linear time", () => {
    const size = 1_000_000;
    const started = performance.now();
    failure(" ".repeat(size) + "x");
    failure(`Qdevice information\nMembership node list:\t${"1, ".repeat(size / 3)}x`);
    failure(
      `Qdevice information\nConfigured node list:\n0 Node ID = 1${", a = b".repeat(size / 7)}, x`,
    );
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
