import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  output: "standalone",
  poweredByHeader: false,
  // proxmox-api and undici open sockets with custom TLS checks; they stay plain Node modules.
  serverExternalPackages: ["proxmox-api", "undici"],
  outputFileTracingRoot: import.meta.dirname,
  headers() {
    return Promise.resolve([
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "no-referrer" },
          { key: "X-Frame-Options", value: "DENY" },
          {
            key: "Permissions-Policy",
            value:
              "camera=(), microphone=(), geolocation=(), payment=(), usb=(), screen-wake-lock=(self), fullscreen=(self)",
          },
        ],
      },
    ]);
  },
};

export default nextConfig;
