/** The theme choice: follow the system's setting, or one the admin picked and the browser keeps. */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/** Read by the server so the first HTML already carries the theme; mirrored in localStorage. */
export const THEME_COOKIE = "tb-theme";
export const THEME_STORAGE_KEY = "tb-theme";
const YEAR_S = 365 * 24 * 3600;

/** Anything but a known choice (no cookie, a value from an older version) follows the system. */
export function parseTheme(value: string | null | undefined): Theme {
  return THEMES.find((t) => t === value) ?? "system";
}

export function themeCookie(theme: Theme): string {
  return `${THEME_COOKIE}=${theme}; Path=/; Max-Age=${YEAR_S}; SameSite=Lax`;
}
