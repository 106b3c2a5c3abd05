import type { Metadata } from "next";
import type { ReactNode } from "react";
import { StatusRefresh } from "@/components/status/status-refresh";
import { STATUS_REFRESH_SECONDS } from "@/components/status/status-page-view";

export const metadata: Metadata = {
  title: "Status",
  robots: { index: true, follow: false },
};

/** The public status pages: no dashboard chrome, no link into it; prints on white. */
export default function StatusLayout({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-dvh bg-slate-50 print:bg-white">
      <StatusRefresh seconds={STATUS_REFRESH_SECONDS} />
      {children}
    </div>
  );
}
