import { describe, expect, it } from "vitest";
import { parseO2cbStatus } from "./o2cb-status";
import type { O2cbStatus } from "./o2cb-status";
import { parseOcfs2ClusterConf } from "./ocfs2-cluster-conf";
import { listFixtures, parsedValue, readFixture } from "./test-helpers";

function parsed(text: string): O2cbStatus {
  return parsedValue(parseO2cbStatus(text));
}

const ocfs2 = (file: string): string => readFixture(`ocfs2/${file}`);

const NO_TIMEOUTS = {
  heartbeatDeadThreshold: null,
  networkIdleTimeoutMs: null,
  networkKeepaliveDelayMs: null,
  networkReconnectDelayMs: null,
};
const DEFAULT_TIMEOUTS = {
  heartbeatDeadThreshold: 31,
  networkIdleTimeoutMs: 30000,
  networkKeepaliveDelayMs: 2000,
  networkReconnectDelayMs: 2000,
};

const FIXTURES = {
  clusterStatus: "o2cb-cluster-status-online-cloudabc.txt",
  initGlobal: "o2cb-init-status-global-heartbeat-dlmfs-not-loaded-cloudabc.txt",
  initLocal: "o2cb-initd-status-local-heartbeat-active-srvocfs2notes.txt",
  initOld: "o2cb-initd-status-online-active-old-format-icicimov.txt",
  notRegistered: "o2cb-start-heartbeat-error-cluster-not-registered-cloudabc.txt",
  regionNotFound: "o2cb-start-heartbeat-error-region-not-found-cloudabc.txt",
} as const;
const LIST_CLUSTER = "o2cb-list-cluster-global-heartbeat-nodes-first-cloudabc.txt";

describe("parseO2cbStatus on real output", () => {
  it("reads `o2cb cluster-status`: online, nothing about the heartbeat", () => {
    expect(parsed(ocfs2(FIXTURES.clusterStatus))).toEqual({
      clusterName: "cloudabc",
      online: true,
      clusterState: "online",
      heartbeat: null,
      heartbeatActive: null,
      heartbeatMode: null,
      stack: null,
      drivers: {},
      filesystems: {},
      heartbeatRegions: [],
      liveNodes: null,
      timeouts: NO_TIMEOUTS,
      errors: [],
    });
  });

  it("reads the new o2cb.init status with global heartbeat regions and dlmfs not loaded", () => {
    expect(parsed(ocfs2(FIXTURES.initGlobal))).toEqual({
      clusterName: "cloudabc",
      online: true,
      clusterState: "Online",
      heartbeat: "Active",
      heartbeatActive: true,
      heartbeatMode: "global",
      stack: "o2cb",
      drivers: {
        configfs: "Loaded",
        ocfs2_stackglue: "Loaded",
        ocfs2_stack_o2cb: "Loaded",
        ocfs2_dlmfs: "Not loaded",
      },
      filesystems: { configfs: "Mounted" },
      heartbeatRegions: [
        { uuid: "0CF2E83DE01F416591FEDC9C4F29A05A", device: "/dev/sdc1" },
        { uuid: "F4533D5A02D3441BAE948A7006BB27C8", device: "/dev/sdb1" },
      ],
      liveNodes: [1, 2],
      timeouts: DEFAULT_TIMEOUTS,
      errors: [],
    });
  });

  it("reads the init status of a local-heartbeat cluster", () => {
    expect(parsed(ocfs2(FIXTURES.initLocal))).toEqual({
      clusterName: "testCluster",
      online: true,
      clusterState: "Online",
      heartbeat: "Active",
      heartbeatActive: true,
      heartbeatMode: "local",
      stack: "o2cb",
      drivers: {
        configfs: "Loaded",
        ocfs2_stackglue: "Loaded",
        ocfs2_stack_o2cb: "Loaded",
        ocfs2_dlmfs: "Loaded",
      },
      filesystems: { configfs: "Mounted", ocfs2_dlmfs: "Mounted" },
      heartbeatRegions: [],
      liveNodes: null,
      timeouts: DEFAULT_TIMEOUTS,
      errors: [],
    });
  });

  it("reads the old layout: unquoted cluster name, 'threshold = 31', no heartbeat mode line", () => {
    const status = parsed(ocfs2(FIXTURES.initOld));
    expect(status).toMatchObject({
      clusterName: "iscsi",
      online: true,
      heartbeat: "Active",
      heartbeatActive: true,
      heartbeatMode: null,
      timeouts: DEFAULT_TIMEOUTS,
      errors: [],
    });
    expect(status.filesystems).toEqual({ configfs: "Mounted", ocfs2_dlmfs: "Mounted" });
  });

  it("reads the 'cluster not registered' error as an offline cluster", () => {
    expect(parsed(ocfs2(FIXTURES.notRegistered))).toMatchObject({
      clusterName: "cloudabc",
      online: false,
      clusterState: null,
      heartbeatActive: null,
      errors: ["o2cb: Cluster 'cloudabc' not registered"],
    });
  });

  it("keeps the 'region could not be found' error without guessing a state", () => {
    expect(parsed(ocfs2(FIXTURES.regionNotFound))).toMatchObject({
      clusterName: null,
      online: null,
      heartbeat: null,
      heartbeatActive: null,
      errors: ["o2cb: Heartbeat region could not be found 8BDD5C5FC98B4F61B456F6E31F2EB8A7"],
    });
  });

  it("refuses `o2cb list-cluster`: that is cluster.conf syntax, read by ocfs2-cluster-conf", () => {
    const text = ocfs2(LIST_CLUSTER);
    expect(parseO2cbStatus(text)).toEqual({
      ok: false,
      error: { format: "o2cb-status", line: 1, message: "no o2cb status line recognised" },
    });
    expect(parseOcfs2ClusterConf(text).ok).toBe(true);
  });
});

describe("fixture inventory", () => {
  it("covers every o2cb fixture and says where list-cluster goes", () => {
    const o2cbFiles = listFixtures("ocfs2").filter((file) => file.startsWith("o2cb-"));
    const handled: Record<string, string> = {
      ...Object.fromEntries(Object.values(FIXTURES).map((file) => [file, "o2cb-status"])),
      // `o2cb list-cluster` prints cluster.conf stanzas, not a status; its test lives in
      // ocfs2-cluster-conf.test.ts.
      [LIST_CLUSTER]: "ocfs2-cluster-conf",
    };
    expect(o2cbFiles).toEqual(Object.keys(handled).sort());
  });
});

describe("parseO2cbStatus", () => {
  it("reads an offline cluster", () => {
    const text = [
      'Driver for "configfs": Loaded',
      'Filesystem "configfs": Mounted',
      'Driver for "ocfs2_dlmfs": Loaded',
      'Filesystem "ocfs2_dlmfs": Mounted',
      'Checking O2CB cluster "pve": Offline',
      "Debug file system at /sys/kernel/debug: mounted",
    ].join("\n");
    expect(parsed(text)).toMatchObject({
      clusterName: "pve",
      online: false,
      clusterState: "Offline",
      heartbeat: null,
    });
  });

  it("reads an inactive heartbeat", () => {
    const text =
      'Checking O2CB cluster "pve": Online\n  Heartbeat mode: Local\nChecking O2CB heartbeat: Not active\n';
    expect(parsed(text)).toMatchObject({
      online: true,
      heartbeat: "Not active",
      heartbeatActive: false,
      heartbeatMode: "local",
    });
  });

  it("reads the 1.2-era layout with Module lines and 'Heart beat'", () => {
    const text = [
      'Module "configfs": Loaded',
      'Filesystem "configfs": Mounted',
      'Module "ocfs2_nodemanager": Loaded',
      'Module "ocfs2_dlm": Loaded',
      "Checking O2CB cluster ocfs2: Online",
      "Heart beat: Active",
    ].join("\n");
    expect(parsed(text)).toMatchObject({
      clusterName: "ocfs2",
      online: true,
      heartbeat: "Active",
      heartbeatActive: true,
      drivers: { configfs: "Loaded", ocfs2_nodemanager: "Loaded", ocfs2_dlm: "Loaded" },
    });
  });

  it("treats configfs not loaded as offline when no cluster line is printed", () => {
    expect(parsed('Driver for "configfs": Not loaded\n')).toMatchObject({
      online: false,
      drivers: { configfs: "Not loaded" },
    });
  });

  it("reads a user-stack (pacemaker) status", () => {
    const text = [
      "Stack glue driver: Loaded",
      'Stack plugin "user": Loaded',
      'Driver for "ocfs2": Loaded',
      "Checking for control daemon: /sbin/ocfs2_controld.pcmk",
    ].join("\n");
    expect(parsed(text)).toMatchObject({
      stack: "pcmk",
      online: null,
      drivers: { ocfs2_stackglue: "Loaded", ocfs2_stack_user: "Loaded", ocfs2: "Loaded" },
    });
  });

  it("reads `o2cb cluster-status` for an offline cluster and the bare online-status word", () => {
    expect(parsed("Cluster 'pve' is offline\n")).toMatchObject({
      clusterName: "pve",
      online: false,
    });
    expect(parsed("online\n")).toMatchObject({ clusterName: null, online: true });
    expect(parsed("error\n")).toMatchObject({ online: null, clusterState: "error" });
  });

  it("tolerates CRLF line ends", () => {
    const text = ocfs2(FIXTURES.initGlobal).replaceAll("\n", "\r\n");
    expect(parsed(text)).toMatchObject({ online: true, heartbeatActive: true, liveNodes: [1, 2] });
  });

  it("ignores unknown lines among known ones", () => {
    expect(parsed("Some future line: 42\nCluster 'pve' is online\n")).toMatchObject({
      online: true,
    });
  });

  it("fails on empty input", () => {
    expect(parseO2cbStatus("")).toEqual({
      ok: false,
      error: {
        format: "o2cb-status",
        line: null,
        message: expect.stringMatching(/empty/) as unknown,
      },
    });
  });

  it("fails on garbage, naming the first non-blank line", () => {
    const result = parseO2cbStatus("\n\nbash: o2cb: command not found\n");
    expect(result).toEqual({
      ok: false,
      error: { format: "o2cb-status", line: 3, message: "no o2cb status line recognised" },
    });
  });

  it("reads a status cut off after the cluster line", () => {
    const text =
      'Driver for "configfs": Loaded\nChecking O2CB cluster "cloudabc": Online\n  Heartbeat dead thr';
    expect(parsed(text)).toMatchObject({ online: true, heartbeat: null, heartbeatActive: null });
  });
});
