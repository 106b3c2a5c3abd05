"use client";

import { useEffect, useState } from "react";
import { cn } from "./cn";

/** Clipboard API where the page is a secure context; a hidden textarea and execCommand elsewhere. */
async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // fall through to the textarea, e.g. when the page lacks clipboard permission
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const copied = document.execCommand("copy");
  area.remove();
  return copied;
}

/** Copies `text`; says "Copied" for two seconds, or asks to select and copy where it cannot. */
export function CopyButton({ text, className }: { text: string; className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2_000);
    return () => clearTimeout(timer);
  }, [state]);
  return (
    <button
      type="button"
      data-slot="copy-button"
      data-testid="copy-button"
      data-state={state}
      onClick={() => void copyText(text).then((ok) => setState(ok ? "copied" : "failed"))}
      className={cn(
        "rounded border border-slate-500 px-2 py-0.5 text-xs text-slate-100 hover:bg-slate-700",
        className,
      )}
      aria-label={`Copy: ${text}`}
    >
      {state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : "Copy"}
    </button>
  );
}
