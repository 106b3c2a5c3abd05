import type { ComponentProps } from "react";
import { cn } from "./cn";
import { CopyButton } from "./copy-button";

/** A shell command as a block of its own, with a button that copies exactly that text. */
export function CommandBlock({
  command,
  className,
  ...props
}: ComponentProps<"div"> & { command: string }) {
  return (
    <div
      data-slot="command-block"
      className={cn(
        "flex min-w-0 items-start justify-between gap-2 rounded bg-slate-900 px-3 py-2",
        className,
      )}
      {...props}
    >
      <code className="min-w-0 text-sm break-all whitespace-pre-wrap text-slate-100">
        {command}
      </code>
      <CopyButton text={command} className="shrink-0" />
    </div>
  );
}
