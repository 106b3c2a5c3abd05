/** "can lose: pve2 or the QDevice, not both": the failures the cluster survives, in one line. */
export function WallCanLose({ line }: { line: string }) {
  return (
    <p data-testid="wall-can-lose" className="text-wall-sm font-semibold text-wall-muted">
      {line}
    </p>
  );
}
