import type { ComponentProps } from "react";
import { TONE_CLASSES, type Tone } from "@/lib/surfaces/tone";
import { cn } from "./cn";

export function Badge({ tone, className, ...props }: ComponentProps<"span"> & { tone: Tone }) {
  return (
    <span
      data-slot="badge"
      data-tone={tone}
      className={cn(
        "inline-flex items-center rounded border px-1.5 py-0.5 text-xs font-medium",
        TONE_CLASSES[tone],
        className,
      )}
      {...props}
    />
  );
}
