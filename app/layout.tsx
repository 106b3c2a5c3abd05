import type { Metadata } from "next";
import type { ReactNode } from "react";
import { currentTheme } from "@/lib/theme/current-theme";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: "Tiebreaker",
  description: "Proxmox VE cluster quorum and shared-storage health",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" data-theme={await currentTheme()}>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
