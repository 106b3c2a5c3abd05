import { isLoopback } from "@/lib/net/networks";

/** `dash.example:3000` → `{ name: "dash.example", port: "3000" }`; `[::1]:3000` keeps the brackets off. */
function splitHost(value: string): { name: string; port: string | null } | null {
  const match = /^(\[[0-9A-Fa-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(value.trim());
  if (!match) return null;
  return { name: match[1]!.replace(/^\[|\]$/g, "").toLowerCase(), port: match[2] ?? null };
}

/**
 * Whether a Host header names this server: a loopback name, or one of `allowedHosts` (an entry
 * without a port allows any port). Anything else is refused, which stops DNS rebinding.
 */
export function hostAllowed(host: string | null, allowedHosts: readonly string[]): boolean {
  if (!host) return false;
  const given = splitHost(host);
  if (!given) return false;
  if (given.name === "localhost" || given.name.endsWith(".localhost") || isLoopback(given.name))
    return true;
  return allowedHosts.some((entry) => {
    const allowed = splitHost(entry);
    return (
      allowed !== null &&
      allowed.name === given.name &&
      (allowed.port === null || allowed.port === given.port)
    );
  });
}
