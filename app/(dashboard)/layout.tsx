import Link from "next/link";
import type { ReactNode } from "react";
import { ScenarioSwitcher } from "@/components/demo/scenario-switcher";
import { ThemeControl } from "@/components/ui/theme-control";

export default function DashboardLayout({ children }: { children: ReactNode }) {
  return (
    <div className="mx-auto max-w-7xl p-4">
      <nav className="mb-4 flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 pb-2">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
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
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <ScenarioSwitcher />
          <ThemeControl />
        </div>
      </nav>
      {children}
    </div>
  );
}
