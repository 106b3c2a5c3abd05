import { Fragment } from "react";

/** Model text with `backticked` commands and file names set as code. */
export function SetupText({ text }: { text: string }) {
  return text.split("`").map((part, i) =>
    i % 2 === 1 ? (
      <code key={i} className="rounded bg-slate-900/10 px-1 font-mono text-[0.9em]">
        {part}
      </code>
    ) : (
      <Fragment key={i}>{part}</Fragment>
    ),
  );
}
