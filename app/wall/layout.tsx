import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = { title: "Tiebreaker wall" };
export const viewport: Viewport = { colorScheme: "dark" };

/** A wall display: no navigation, dark, sized to the screen and never scrolled. */
export default function WallLayout({ children }: { children: ReactNode }) {
  return (
    <main className="h-dvh w-full overflow-hidden bg-wall-bg text-wall-fg antialiased scheme-dark">
      {children}
    </main>
  );
}
