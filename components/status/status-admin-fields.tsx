import type { ComponentProps, ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/** A labelled form field for the admin page; the label wraps its control. */
export function AdminField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex flex-col gap-1 text-sm font-semibold">
      {label}
      {children}
    </label>
  );
}

export const inputClass = "rounded border border-slate-300 p-1.5 font-normal";

export function AdminButton({ className, ...props }: ComponentProps<"button">) {
  return (
    <button
      type="submit"
      className={cn(
        "self-start rounded bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white",
        className,
      )}
      {...props}
    />
  );
}
