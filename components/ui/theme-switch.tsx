"use client";

import { useEffect, useSyncExternalStore } from "react";
import { parseTheme, THEME_STORAGE_KEY, THEMES, themeCookie, type Theme } from "@/lib/theme/theme";
import { cn } from "./cn";

const LABELS: Record<Theme, string> = { system: "System", light: "Light", dark: "Dark" };

// The theme lives on <html data-theme>, where the server put it; the switch reads and writes it there.
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function current(): Theme {
  return parseTheme(document.documentElement.dataset.theme);
}

function choose(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  document.cookie = themeCookie(theme);
  try {
    localStorage.setItem(THEME_STORAGE_KEY, theme);
  } catch {
    // storage may be off (private mode); the cookie still remembers the choice
  }
  for (const listener of listeners) listener();
}

/** System, light or dark: the choice is kept in a cookie (for the server) and in localStorage. */
export function ThemeSwitch({ initial, className }: { initial: Theme; className?: string }) {
  const theme = useSyncExternalStore(subscribe, current, () => initial);
  // A choice kept in localStorage outlives a cleared cookie: restore it, and the cookie with it.
  useEffect(() => {
    let stored: string | null = null;
    try {
      stored = localStorage.getItem(THEME_STORAGE_KEY);
    } catch {
      return;
    }
    if (stored !== null && parseTheme(stored) !== current()) choose(parseTheme(stored));
  }, []);
  return (
    <fieldset
      data-slot="theme-switch"
      data-testid="theme-switch"
      className={cn("flex items-center gap-1 text-xs", className)}
    >
      <legend className="sr-only">Theme</legend>
      {THEMES.map((t) => (
        <label
          key={t}
          className="cursor-pointer rounded border border-slate-300 px-1.5 py-0.5 has-checked:bg-slate-800 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-focus"
        >
          <input
            type="radio"
            name="theme"
            value={t}
            checked={theme === t}
            onChange={() => choose(t)}
            className="sr-only"
            data-testid={`theme-${t}`}
          />
          {LABELS[t]}
        </label>
      ))}
    </fieldset>
  );
}
