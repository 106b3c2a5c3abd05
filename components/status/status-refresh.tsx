"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Keeps the page current every `seconds`: with JavaScript by a refresh in place, which keeps the
 * reader's scroll and focus; without it by a meta refresh, which only a browser without scripts
 * ever sees (a timed full reload is what screen readers and axe object to).
 */
export function StatusRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), seconds * 1_000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return (
    <noscript>
      <meta httpEquiv="refresh" content={String(seconds)} />
    </noscript>
  );
}
