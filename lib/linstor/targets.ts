import type { StorageDef } from "@/lib/snapshot/types";

/** The REST ports the linstor-proxmox plugin uses: plain HTTP, or HTTPS when it has a client certificate. */
export const LINSTOR_HTTP_PORT = 3370;
export const LINSTOR_HTTPS_PORT = 3371;

export interface LinstorSourceConfig {
  enabled: boolean;
  urls?: string[];
}

function hostUrl(host: string, https: boolean): string {
  const bare = host.replace(/^\[|\]$/g, "");
  const literal = bare.includes(":") ? `[${bare}]` : bare;
  return https
    ? `https://${literal}:${LINSTOR_HTTPS_PORT}`
    : `http://${literal}:${LINSTOR_HTTP_PORT}`;
}

/**
 * Where to ask the LINSTOR controller: the configured URLs, else every controller a `drbd`
 * storage in storage.cfg names (`controller` is a comma-separated list, as the plugin reads it).
 * [] = no LINSTOR to ask; null = cannot tell yet (storage.cfg unknown).
 */
export function linstorControllerUrls(
  config: LinstorSourceConfig | undefined,
  storages: readonly StorageDef[] | null,
): string[] | null {
  if (config?.enabled === false) return [];
  if (config?.urls && config.urls.length > 0) return config.urls;
  if (storages === null) return null;
  const urls = storages
    .filter((s) => s.type === "drbd" && !s.disabled && s.controller !== null)
    .flatMap((s) => {
      const https = Boolean(s.properties.apicrt && s.properties.apikey);
      return (s.controller ?? "")
        .split(",")
        .map((h) => h.trim())
        .filter((h) => h !== "")
        .map((h) => hostUrl(h, https));
    });
  return [...new Set(urls)];
}
