import type { ComponentProps } from "react";
import { cn } from "./cn";

export function Card({ className, ...props }: ComponentProps<"section">) {
  return (
    <section
      data-slot="card"
      className={cn(
        "min-w-0 rounded-lg border border-slate-200 bg-white p-4 [overflow-wrap:anywhere] shadow-sm",
        className,
      )}
      {...props}
    />
  );
}

export function CardTitle({ className, ...props }: ComponentProps<"h2">) {
  return (
    <h2
      data-slot="card-title"
      className={cn("mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase", className)}
      {...props}
    />
  );
}
