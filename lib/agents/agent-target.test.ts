import { describe, expect, it } from "vitest";
import { agentTarget } from "./agent-target";

const node = (name: string, ip: string | null, nodeId: number | null = 1) => ({ name, ip, nodeId });
const target = (
  template: string,
  reported: ReturnType<typeof node>,
  configured?: { name: string; ip: string | null; agentUrl?: string },
  agentNetworks: string[] = [],
) => agentTarget({ template, node: reported, configured, agentNetworks });

describe("where an agent is asked", () => {
  it("a configured agentUrl wins over anything the cluster reports", () => {
    expect(
      target("http://{ip}:9495", node("pve1", "169.254.169.254"), {
        name: "pve1",
        ip: null,
        agentUrl: "http://10.0.0.11:9495",
      }),
    ).toEqual({ ok: true, url: "http://10.0.0.11:9495" });
  });

  it("a configured ip is used, whatever the cluster reports", () => {
    expect(
      target("http://{ip}:9495", node("pve1", "203.0.113.9"), { name: "pve1", ip: "10.0.0.11" }),
    ).toEqual({ ok: true, url: "http://10.0.0.11:9495" });
  });

  it.each([
    ["the cloud metadata address", "169.254.169.254"],
    ["an outside address", "203.0.113.9"],
    ["an address next to the allowed network", "10.0.1.1"],
  ])("a reported address outside agentNetworks is refused: %s", (_, ip) => {
    const answer = target("http://{ip}:9495", node("pve9", ip), undefined, ["10.0.0.0/24"]);
    expect(answer).toMatchObject({ ok: false });
    expect(!answer.ok && answer.reason).toContain(`${ip} comes from the cluster`);
  });

  it("a reported address inside agentNetworks is used", () => {
    expect(
      target("http://{ip}:9495", node("pve9", "10.0.0.9"), undefined, ["10.0.0.0/24"]),
    ).toEqual({ ok: true, url: "http://10.0.0.9:9495" });
    expect(target("http://{ip}:9495", node("pve9", "fd00::9"), undefined, ["fd00::/64"])).toEqual({
      ok: true,
      url: "http://[fd00::9]:9495",
    });
  });

  it("a template with a fixed host only takes the port or path from the cluster", () => {
    expect(target("http://127.0.0.1:{nodeid}", node("pve3", "203.0.113.9", 3))).toEqual({
      ok: true,
      url: "http://127.0.0.1:3",
    });
  });

  it("a node name the cluster reports never becomes a host name", () => {
    expect(target("http://{name}.lan:9495", node("169.254.169.254", null))).toMatchObject({
      ok: false,
    });
    expect(
      target("http://{name}.lan:9495", node("pve1", null), { name: "pve1", ip: null }),
    ).toEqual({ ok: true, url: "http://pve1.lan:9495" });
  });

  it("without any address, says so", () => {
    expect(target("http://{ip}:9495", node("pve1", null))).toEqual({
      ok: false,
      reason: "no address known for pve1's agent",
    });
  });
});
