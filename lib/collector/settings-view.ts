import "server-only";
import { type SettingsModel, toSettingsCluster } from "@/lib/surfaces/settings";
import { getRegistry } from "./registry";

/** A settings page view reads the privileges again unless the last reading is this recent. */
const RECHECK_AFTER_MS = 30_000;

/** Every cluster's API trust and token privileges, read again from the API when older than 30 s. */
export async function settingsResponse(nowMs = Date.now()): Promise<SettingsModel> {
  const { collectors } = getRegistry();
  const clusters = await Promise.all(
    [...collectors.values()].map(async (collector) => {
      const last = collector.privilegeCheck();
      const fresh =
        last !== null && nowMs - Date.parse(last.checkedAt) < RECHECK_AFTER_MS && last.results;
      const privileges = fresh ? last : await collector.checkPrivileges();
      const { config } = collector;
      return toSettingsCluster({
        id: config.id,
        name: config.name ?? null,
        urls: config.proxmox.urls,
        tokenId: config.proxmox.tokenId,
        fingerprint: config.proxmox.fingerprint ?? null,
        caFile: config.proxmox.caFile ?? null,
        privileges,
      });
    }),
  );
  return { clusters };
}
