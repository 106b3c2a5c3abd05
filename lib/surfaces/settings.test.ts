import { describe, expect, it } from "vitest";
import { checkPrivileges, failedPrivilegeCheck } from "@/lib/proxmox/permissions";
import { settingsClusterSchema, toSettingsCluster } from "./settings";

const base = {
  id: "prod",
  name: "Production",
  urls: ["https://10.0.0.11:8006"],
  tokenId: "tiebreaker@pve!dashboard",
  fingerprint: null,
  caFile: null,
};
const at = "2026-11-30T08:00:00.000Z";

describe("settings view model", () => {
  it("names the trust mode and each privilege, granted or missing", () => {
    const model = toSettingsCluster({
      ...base,
      fingerprint: "AB:CD",
      privileges: checkPrivileges({ "/": { "Sys.Audit": 1 } }, base.tokenId, at),
    });
    expect(settingsClusterSchema.parse(model)).toEqual(model);
    expect(model.trust).toBe("pinned SHA-256 fingerprint AB:CD");
    expect(model.problem).toBeNull();
    expect(model.privileges.map((p) => `${p.privilege} ${p.path} ${p.word} ${p.tone}`)).toEqual([
      "Sys.Audit / granted ok",
      "Sys.Audit /nodes granted ok",
      "Datastore.Audit /storage missing unknown",
    ]);
  });

  it("privileges that could not be read are unknown, with the reason, never granted", () => {
    const model = toSettingsCluster({
      ...base,
      caFile: "/etc/tiebreaker/pve-root-ca.pem",
      privileges: failedPrivilegeCheck(base.tokenId, {
        kind: "auth",
        message: "Proxmox API at 10.0.0.11:8006 refused the API token (401)",
        at,
      }),
    });
    expect(model.trust).toBe("certificates signed by the CA in /etc/tiebreaker/pve-root-ca.pem");
    expect(model.privileges).toEqual([]);
    expect(model.problem).toBe(
      "cannot read /access/permissions: Proxmox API at 10.0.0.11:8006 refused the API token (401)",
    );
    expect(toSettingsCluster({ ...base, privileges: null }).problem).toBe("not checked yet");
  });

  it("an answer in an unexpected shape is not read as privileges", () => {
    const check = checkPrivileges(["Sys.Audit"], base.tokenId, at);
    expect(check.results).toBeNull();
    expect(check.error?.kind).toBe("garbage");
  });
});
