"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Refreshes a status page in place every `seconds`, keeping the reader's scroll and focus. Pages
 * also carry a meta refresh inside <noscript>, which only a browser without scripts follows: a
 * timed full reload is what screen readers (and axe) object to.
 */
export function StatusRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), seconds * 1_000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return null;
}
