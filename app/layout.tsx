import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { currentTheme } from "@/lib/theme/current-theme";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Tiebreaker",
  description: "Proxmox VE cluster quorum and shared-storage health",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so each gets the nonce of its own Content-Security-Policy.
  await connection();
  return (
    <html lang="en" data-theme={await currentTheme()}>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
