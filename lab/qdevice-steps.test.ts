import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "./lab";
import { installQdevicePackage, QDEVICE_TOOL_PATH } from "./qdevice-package";
import { waitQuorum } from "./wait-quorum";

// Own prefix and subnet, apart from lab.test.ts and from a lab started by hand.
const prefix = "tbsteps";
const subnet = "172.31.216";

/** What this host sees on TCP 5403 of the qnetd host: "connected", an error code, or "timeout". */
function tcp5403(host: string, timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port: 5403 });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve("timeout");
    }, timeoutMs);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.destroy();
      resolve("connected");
    });
    socket.once("error", (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(err.code ?? err.message);
    });
  });
}

describe("QDevice setup and removal one admin step at a time", () => {
  let lab: Lab;

  beforeAll(async () => {
    lab = await startLab({ nodes: 2, qdevice: false, prefix, subnet });
  });

  afterAll(async () => {
    await lab?.teardown();
  });

  it("the qnetd host comes up on its planned address and answers on TCP 5403", async () => {
    expect(lab.qnetdIp).toBeNull();
    await lab.startQnetdHost();
    expect(lab.qnetdIp).toBe(lab.qnetdAddress);
    expect(await tcp5403(lab.qnetdAddress)).toBe("connected");
  });

  it("corosync-qdevice-tool appears on the node it is installed on only", async () => {
    await installQdevicePackage(lab, "pve1");
    expect((await lab.exec("pve1", "test", ["-e", QDEVICE_TOOL_PATH])).code).toBe(0);
    expect((await lab.exec("pve2", "test", ["-e", QDEVICE_TOOL_PATH])).code).toBe(1);
  });

  it("quorum.device and a reload raise expected votes; the vote counts once qdevice runs", async () => {
    await lab.addQdeviceConfig();
    const reloaded = await lab.quorumtool("pve1");
    expect(reloaded).toMatch(/^Expected votes:\s+3$/m);
    expect(reloaded).not.toMatch(/^Flags:.*Qdevice/m);
    const tool = await lab.exec("pve1", "corosync-qdevice-tool", ["-s"]);
    expect(tool.stderr).toContain("Can't connect to QDevice socket");
    await lab.startQdevices();
    for (const node of ["pve1", "pve2"])
      await waitQuorum(lab, node, { quorate: true, expectedVotes: 3, qdeviceFlags: "A,V,NMW" });
  });

  it("a dropped TCP 5403 on the qnetd host times out from here; lifting it restores it", async () => {
    await lab.blockQnetdPort();
    expect(await tcp5403(lab.qnetdAddress)).toBe("timeout");
    await lab.unblockQnetdPort();
    expect(await tcp5403(lab.qnetdAddress)).toBe("connected");
  });

  it("removal takes quorum.device out, stops qdevice and brings expected votes back to 2", async () => {
    await lab.removeQdevice();
    for (const node of ["pve1", "pve2"]) {
      const text = await lab.quorumtool(node);
      expect(text).toMatch(/^Expected votes:\s+2$/m);
      expect(text).not.toMatch(/Qdevice/);
      const tool = await lab.exec(node, "corosync-qdevice-tool", ["-s"]);
      expect(tool.code).not.toBe(0);
    }
  });
});
