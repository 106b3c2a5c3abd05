import Link from "next/link";
import { CommandBlock } from "@/components/ui/command-block";
import type { Finding } from "@/lib/health/types";
import { remedyParts } from "@/lib/surfaces/finding-text";

/** What to do: the prose, each command as a block to copy, and the guide when there is one. */
export function FindingRemedy({ finding }: { finding: Finding }) {
  return (
    <div className="flex flex-col gap-1.5 text-sm text-slate-800" data-testid="finding-remedy">
      {remedyParts(finding.remedy).map((part, i) =>
        part.kind === "command" ? (
          <CommandBlock key={i} command={part.text} data-testid="remedy-command" />
        ) : (
          <p key={i} className="break-words">
            {part.text}
          </p>
        ),
      )}
      {finding.link && (
        <p>
          <Link href={finding.link} className="font-medium underline" data-testid="finding-link">
            Open the guide
          </Link>
        </p>
      )}
    </div>
  );
}
