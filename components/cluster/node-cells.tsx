import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";

/**
 * One cell per node inside a table row, wrapping onto as many lines as the width needs, so a row
 * of sixteen nodes fits a laptop and a phone alike.
 */
export function NodeCells<T extends { node: string }>({
  nodes,
  render,
  className,
}: {
  nodes: T[];
  render: (view: T) => ReactNode;
  /** The grid's column rule, e.g. grid-cols-[repeat(auto-fill,minmax(9rem,1fr))]. */
  className: string;
}) {
  return (
    <td className="py-2" data-label="nodes">
      <div className={cn("grid gap-3", className)}>
        {nodes.map((view) => (
          <div key={view.node} data-node={view.node}>
            <div className="text-xs font-semibold text-slate-600">{view.node}</div>
            {render(view)}
          </div>
        ))}
      </div>
    </td>
  );
}
