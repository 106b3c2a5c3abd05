import type { WallDenial } from "@/lib/queries/wall";

const PAIRING_NOTES: Record<string, string> = {
  refused: "That pairing link was not accepted: its key is unknown or was revoked.",
  throttled: "Too many pairing attempts from this address; wait a minute and open the link again.",
};

/** What a wall without access shows in place of any cluster: why, and how to get it back. */
export function WallAccessNote({
  reason,
  pairing,
}: {
  reason: WallDenial;
  /** The outcome of a pairing attempt that led here, if one did. */
  pairing?: string | null;
}) {
  const note = pairing ? PAIRING_NOTES[pairing] : undefined;
  return (
    <section
      data-testid="wall-access"
      data-reason={reason}
      className="flex h-full flex-col justify-center gap-[3vmin] p-[6vmin]"
    >
      <h1 className="flex items-center gap-[0.4em] text-[7vmin] leading-tight font-black text-wall-unknown">
        <span aria-hidden>?</span>
        {reason === "revoked" ? "This display was revoked" : "This display is not paired"}
      </h1>
      <p className="max-w-[70ch] text-[2.6vmin] leading-snug text-wall-fg">
        {reason === "revoked"
          ? "An operator revoked the display key this screen was paired with, so it shows no cluster data any more. To show the wall here again, open a new pairing link from an operator."
          : "This screen shows cluster data once it is paired: open the pairing link an operator gives you (it looks like /wall/pair?code=…) on this screen, or sign in as an admin."}
      </p>
      {note && (
        <p data-testid="wall-pairing-note" className="text-[2.6vmin] font-semibold text-wall-warn">
          {note}
        </p>
      )}
    </section>
  );
}
