import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { assembleLinstorView, mapNodes, mapResources, mapStoragePools } from "./rest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(path.join(root, "fixtures/linstor", name), "utf8"));
const scenarioFile = (scenario: string, rel: string): unknown =>
  JSON.parse(readFileSync(path.join(root, "scenarios", scenario, "linstor", rel), "utf8"));
const AT = "2026-11-22T10:00:00.000Z";

describe("LINSTOR REST answers", () => {
  it("reads a 3-node /v1/view/resources: every copy diskful, UpToDate, connected", () => {
    const resources = mapResources(
      fixture("rest-v1-view-resources-3node-all-online-linstorcsi.json"),
    );
    expect(resources.map((r) => [r.name, r.node, r.placement, r.diskStates])).toEqual([
      ["rsc1", "node-0", "diskful", ["UpToDate"]],
      ["rsc1", "node-1", "diskful", ["UpToDate"]],
      ["rsc1", "node-2", "diskful", ["UpToDate"]],
    ]);
    expect(resources[0]).toMatchObject({
      inUse: false,
      storagePool: "thinpool",
      connections: [
        { peer: "node-1", connected: true, message: "Connected" },
        { peer: "node-2", connected: true, message: "Connected" },
      ],
    });
  });

  it("tells a diskless client by its flags and keeps StandAlone as the controller prints it", () => {
    const resources = mapResources(
      fixture("rest-v1-view-resources-node1-standalone-may-promote-false-linstorcsi.json"),
    );
    const byNode = Object.fromEntries(resources.map((r) => [r.node, r]));
    expect(byNode["node-2"]).toMatchObject({ placement: "diskless", diskStates: ["Diskless"] });
    expect(byNode["node-1"]!.connections.map((c) => c.message)).toEqual([
      "StandAlone",
      "StandAlone",
    ]);
    // LINSTOR still gives the StandAlone copy's disk as UpToDate.
    expect(byNode["node-1"]!.diskStates).toEqual(["UpToDate"]);
  });

  it("reads a resource without a state key (golinstor's demo cluster) as in-use unknown", () => {
    const [resource] = mapResources([
      fixture("rest-v1-resource-with-volumes-peer-connecting-golinstor.json"),
    ]);
    expect(resource).toMatchObject({ inUse: null, placement: "diskful", diskStates: ["UpToDate"] });
    expect(resource!.connections.find((c) => c.message === "Connecting")?.connected).toBe(false);
  });

  it("marks a TIE_BREAKER resource as the tiebreaker, before its diskless flags", () => {
    const [resource] = mapResources([
      {
        name: "vm-100-disk-1",
        node_name: "pve3",
        flags: ["DRBD_DISKLESS", "TIE_BREAKER"],
        volumes: [
          { volume_number: 0, provider_kind: "DISKLESS", state: { disk_state: "TieBreaker" } },
        ],
      },
    ]);
    expect(resource).toMatchObject({ placement: "tiebreaker", diskStates: ["TieBreaker"] });
  });

  it("reads satellites and storage pools in the REST shape", () => {
    const nodes = mapNodes(scenarioFile("linstor-satellite-offline", "v1/nodes.json"));
    expect(nodes.map((n) => [n.name, n.type, n.connectionStatus])).toEqual([
      ["pve1", "COMBINED", "ONLINE"],
      ["pve2", "COMBINED", "ONLINE"],
      ["pve3", "SATELLITE", "OFFLINE"],
    ]);
    const pools = mapStoragePools(
      scenarioFile("linstor-satellite-offline", "v1/view/storage-pools.json"),
    );
    expect(pools.find((p) => p.node === "pve1" && p.name === "drbdpool")).toMatchObject({
      providerKind: "LVM_THIN",
      totalKib: 471859200,
    });
  });

  it("rejects the legacy `linstor -m node list` format with the field it stumbled on", () => {
    expect(() => mapNodes(fixture("linstor-m-node-list-legacy-v0-format-golinstor.json"))).toThrow(
      /\/v1\/nodes: not a LINSTOR answer \(0\.name/,
    );
  });

  it("a garbled resource listing leaves resources unknown while the satellites stand", () => {
    const assembled = assembleLinstorView(
      "10.10.10.4",
      {
        "/v1/nodes": {
          ok: true,
          data: [{ name: "pve1", type: "COMBINED", connection_status: "ONLINE" }],
        },
        "/v1/view/resources": { ok: true, data: { oops: true } },
        "/v1/view/storage-pools": {
          ok: false,
          failure: { kind: "timeout", message: "no answer", at: AT },
        },
      },
      AT,
    );
    expect(assembled.ok).toBe(true);
    if (!assembled.ok) return;
    expect(assembled.view.resources).toBeNull();
    expect(assembled.view.storagePools).toBeNull();
    expect(assembled.view.endpointErrors["/v1/view/resources"]?.kind).toBe("garbage");
    expect(assembled.view.endpointErrors["/v1/view/storage-pools"]?.kind).toBe("timeout");
  });

  it("without a usable /v1/nodes the controller has not answered", () => {
    const assembled = assembleLinstorView(
      "10.10.10.4",
      { "/v1/nodes": { ok: true, data: "<html>proxy error</html>" } },
      AT,
    );
    expect(assembled).toMatchObject({ ok: false, failure: { kind: "garbage" } });
  });
});
