import { describe, expect, it } from "vitest";
import { parseMountedOcfs2 } from "./mounted-ocfs2";
import type { MountedOcfs2 } from "./mounted-ocfs2";
import { listFixtures, parsedValue, readFixture } from "./test-helpers";

function parsed(text: string): MountedOcfs2 {
  return parsedValue(parseMountedOcfs2(text));
}

const DETECT_FIXTURE = "mounted-ocfs2-d-o2cb-stack-empty-cluster-no-label-srvocfs2notes.txt";

describe("parseMountedOcfs2 on real output", () => {
  it("reads `mounted.ocfs2 -d` with empty Cluster, F and Label columns", () => {
    expect(parsed(readFixture(`ocfs2/${DETECT_FIXTURE}`))).toEqual({
      mode: "detect",
      devices: [
        {
          device: "/dev/sdb1",
          stack: "o2cb",
          cluster: null,
          flags: null,
          globalHeartbeat: false,
          uuid: "4DFB615236DC45DD8E52B2395DC7C110",
          label: null,
          mountedOn: null,
          heartbeatDevice: false,
        },
      ],
    });
  });
});

describe("fixture inventory", () => {
  it("covers every mounted.ocfs2 fixture", () => {
    // No real `-f` capture was found (SOURCES.md); the full mode is pinned below with rows laid
    // out exactly as mounted.c prints them: "%-*s  %-5s  %-*s  %c  %s".
    const files = listFixtures("ocfs2").filter((file) => file.startsWith("mounted-ocfs2-"));
    expect(files).toEqual([DETECT_FIXTURE]);
  });
});

describe("parseMountedOcfs2 full mode (-f)", () => {
  const FULL = [
    "Device                Stack  Cluster     F  Nodes",
    "/dev/sdb1             o2cb   pvecluster  G  pve1, pve2, pve3",
    "/dev/sdc1             o2cb   pvecluster  G  Heartbeat device",
    "/dev/mapper/san-lun2  o2cb   pvecluster     Not mounted",
    "/dev/drbd0            None                  Not mounted",
    "",
  ].join("\n");

  it("lists the nodes that mount each volume", () => {
    const result = parsed(FULL);
    expect(result.mode).toBe("full");
    expect(result.devices.map((device) => [device.device, device.mountedOn])).toEqual([
      ["/dev/sdb1", ["pve1", "pve2", "pve3"]],
      ["/dev/sdc1", []],
      ["/dev/mapper/san-lun2", []],
      ["/dev/drbd0", []],
    ]);
  });

  it("keeps stack, cluster and the global-heartbeat flag per device", () => {
    const [first, heartbeat, notMounted, local] = parsed(FULL).devices;
    expect(first).toEqual({
      device: "/dev/sdb1",
      stack: "o2cb",
      cluster: "pvecluster",
      flags: "G",
      globalHeartbeat: true,
      uuid: null,
      label: null,
      mountedOn: ["pve1", "pve2", "pve3"],
      heartbeatDevice: false,
    });
    expect(heartbeat).toMatchObject({ heartbeatDevice: true, globalHeartbeat: true });
    expect(notMounted).toMatchObject({
      cluster: "pvecluster",
      flags: null,
      globalHeartbeat: false,
    });
    expect(local).toMatchObject({ stack: "None", cluster: null, mountedOn: [] });
  });

  it("keeps node numbers as printed when the o2cb cluster is offline", () => {
    const text = "Device     Stack  Cluster  F  Nodes\n/dev/sdb1  o2cb   iscsi       0, 1\n";
    expect(parsed(text).devices[0]?.mountedOn).toEqual(["0", "1"]);
  });

  it("reads the ocfs2-tools 1.4 layout (Device FS Nodes) from the man page", () => {
    const text = "Device      FS     Nodes\n/dev/sdb1   ocfs2  node15, node1\n";
    expect(parsed(text)).toEqual({
      mode: "full",
      devices: [
        {
          device: "/dev/sdb1",
          stack: null,
          cluster: null,
          flags: null,
          globalHeartbeat: false,
          uuid: null,
          label: null,
          mountedOn: ["node15", "node1"],
          heartbeatDevice: false,
        },
      ],
    });
  });

  it("stays linear on a row with a huge run of spaces in the Nodes column", () => {
    const text = `Device     Stack  Cluster  F  Nodes\n/dev/sdb1  o2cb   c        G  a${" ".repeat(1_000_000)}b\n`;
    const started = performance.now();
    expect(parsed(text).devices[0]?.mountedOn).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("returns no devices when only the header is printed", () => {
    expect(parsed("Device   Stack  Cluster  F  Nodes\n")).toEqual({ mode: "full", devices: [] });
  });
});

describe("parseMountedOcfs2 detect mode (-d)", () => {
  const DETECT = [
    "Device     Stack  Cluster     F  UUID                              Label",
    "/dev/sdb1  o2cb   pvecluster  G  F4533D5A02D3441BAE948A7006BB27C8  vmstore",
    "/dev/sdc1  pcmk   hacluster      0CF2E83DE01F416591FEDC9C4F29A05A  ",
  ].join("\n");

  it("reads UUID and label, and leaves mountedOn unknown", () => {
    expect(parsed(DETECT).devices).toEqual([
      {
        device: "/dev/sdb1",
        stack: "o2cb",
        cluster: "pvecluster",
        flags: "G",
        globalHeartbeat: true,
        uuid: "F4533D5A02D3441BAE948A7006BB27C8",
        label: "vmstore",
        mountedOn: null,
        heartbeatDevice: false,
      },
      {
        device: "/dev/sdc1",
        stack: "pcmk",
        cluster: "hacluster",
        flags: null,
        globalHeartbeat: false,
        uuid: "0CF2E83DE01F416591FEDC9C4F29A05A",
        label: null,
        mountedOn: null,
        heartbeatDevice: false,
      },
    ]);
  });

  it("reads the 1.4 layout with dashed UUIDs and a label containing spaces", () => {
    const text =
      "Device      FS     UUID                                  Label\n" +
      "/dev/sdb1   ocfs2  26d5dcdf-6d87-45a7-b01a-b98a7791bd61  logs 0405\n";
    expect(parsed(text).devices[0]).toMatchObject({
      uuid: "26d5dcdf-6d87-45a7-b01a-b98a7791bd61",
      label: "logs 0405",
    });
  });

  it("finds the UUID even when a re-spaced paste shifts it off its column", () => {
    const text =
      "Device     Stack  Cluster  F  UUID                              Label\n" +
      "/dev/sdb1 o2cb  4DFB615236DC45DD8E52B2395DC7C110 data\n";
    expect(parsed(text).devices[0]).toMatchObject({
      stack: "o2cb",
      uuid: "4DFB615236DC45DD8E52B2395DC7C110",
      label: "data",
    });
  });

  it("tolerates CRLF line ends", () => {
    expect(parsed(DETECT.replaceAll("\n", "\r\n")).devices.map((device) => device.label)).toEqual([
      "vmstore",
      null,
    ]);
  });
});

describe("parseMountedOcfs2 refusals", () => {
  it("fails on empty input: the tool always prints a header", () => {
    expect(parseMountedOcfs2("")).toEqual({
      ok: false,
      error: {
        format: "mounted-ocfs2",
        line: null,
        message: expect.stringMatching(/header/) as unknown,
      },
    });
  });

  it("names the first line of garbage", () => {
    const result = parseMountedOcfs2("\nmounted.ocfs2: command not found\n");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.line).toBe(2);
  });

  it("refuses a header with neither Nodes nor UUID", () => {
    const result = parseMountedOcfs2("Device Size\n/dev/sdb1 10G\n");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.line).toBe(1);
  });

  it("refuses -d output appended to -f output", () => {
    const text = "Device     Stack  Cluster  F  Nodes\nDevice     Stack  Cluster  F  UUID  Label\n";
    const result = parseMountedOcfs2(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.line).toBe(2);
  });
});
