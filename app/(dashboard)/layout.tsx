import Link from "next/link";
import type { ReactNode } from "react";
import { ScenarioSwitcher } from "@/components/demo/scenario-switcher";

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div className="mx-auto max-w-7xl p-4">
      <nav className="mb-4 flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 pb-2">
        <div className="flex items-center gap-4">
          <Link href="/" className="font-bold">
            Tiebreaker
          </Link>
          <Link href="/fleet" className="text-sm text-slate-600 hover:underline">
            Fleet
          </Link>
          <Link href="/setup/qdevice" className="text-sm text-slate-600 hover:underline">
            QDevice setup
          </Link>
          <Link href="/settings" className="text-sm text-slate-600 hover:underline">
            Settings
          </Link>
        </div>
        <ScenarioSwitcher />
      </nav>
      {children}
    </div>
  );
}
