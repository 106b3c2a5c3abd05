"use client";

import { useEffect } from "react";

/**
 * Keeps the screen on where the browser offers Screen Wake Lock. Browsers drop the lock whenever
 * the page is hidden (another tab, a locked session), so it is asked for again each time the page
 * becomes visible. Without the API, or when the browser refuses, the page works as before.
 */
export function useWakeLock(enabled = true): void {
  useEffect(() => {
    if (!enabled || !("wakeLock" in navigator)) return;
    let lock: WakeLockSentinel | null = null;
    let stopped = false;
    const acquire = async () => {
      if (document.visibilityState !== "visible" || (lock && !lock.released)) return;
      try {
        const granted = await navigator.wakeLock.request("screen");
        if (stopped) void granted.release();
        else lock = granted;
      } catch {
        // Refused (a power saver, a permissions policy): the screen may sleep, nothing else changes.
      }
    };
    const onVisibility = () => void acquire();
    void acquire();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      stopped = true;
      document.removeEventListener("visibilitychange", onVisibility);
      void lock?.release();
    };
  }, [enabled]);
}
