// Shared by the root layout (reads the cookie on the server) and the toggle (writes it).
export const THEMES = ["light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "theme";
export const DEFAULT_THEME: Theme = "dark";
export const THEME_COOKIE_MAX_AGE_S = 60 * 60 * 24 * 365;

export function parseTheme(value: string | undefined): Theme {
  return value === "light" || value === "dark" ? value : DEFAULT_THEME;
}
