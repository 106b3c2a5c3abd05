import { isIP } from "node:net";
import { z } from "zod";

/** An IPv4 or IPv6 address, with an optional /prefix: `10.0.0.0/24`, `fd00::/64`, `127.0.0.1`. */
export const cidrSchema = z.string().refine(
  (value) => {
    const [address = "", prefix, extra] = value.split("/");
    const family = isIP(address);
    if (family === 0 || extra !== undefined) return false;
    if (prefix === undefined) return true;
    const bits = Number(prefix);
    return /^\d{1,3}$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
  },
  { message: "must be an IP address or a network such as 10.0.0.0/24" },
);

const HEADER = /^[A-Za-z0-9-]{1,64}$/;

/** A reverse proxy that signs users in and names them in a header. */
const proxyAuthSchema = z.strictObject({
  /** The header the proxy sets to the signed-in user's name, e.g. X-Forwarded-User. */
  header: z.string().regex(HEADER, "a header name: letters, digits and dashes"),
  /** Only requests whose TCP peer is one of these addresses or networks may use the header. */
  trustedProxies: z.array(cidrSchema).min(1),
  /** Users the proxy names who may change things (every cluster); everyone else reads only. */
  adminUsers: z.array(z.string().min(1).max(128)).default([]),
});

/**
 * Who may read the admin pages. "login" (the default): a signed-in viewer or admin, or a user named
 * by a trusted reverse proxy. "open": anyone who reaches the server may read; changes still need an
 * admin. Meant for the demo and a lab on loopback.
 */
export const accessSchema = z
  .strictObject({
    mode: z.enum(["login", "open"]).default("login"),
    proxyAuth: proxyAuthSchema.optional(),
    /**
     * Reverse proxies (TCP peers) whose X-Forwarded-For names the client for per-client limits;
     * from anyone else the header is ignored and the peer's own address counts.
     */
    forwardedBy: z.array(cidrSchema).default([]),
  })
  .default({ mode: "login", forwardedBy: [] });

/** Names this server answers to besides loopback (the Host header), as `dash.example` or with a port. */
export const allowedHostsSchema = z
  .array(
    z
      .string()
      .regex(
        /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/,
        "a host name or address, optionally with :port",
      ),
  )
  .default([]);

export type AccessConfig = z.infer<typeof accessSchema>;
export type ProxyAuthConfig = z.infer<typeof proxyAuthSchema>;
