"use client";

import { useState } from "react";
import { MoonIcon, SunIcon } from "@/components/icons";
import { THEME_COOKIE, THEME_COOKIE_MAX_AGE_S, type Theme } from "./theme";

// Switches the class on <html> at once and stores the choice in a cookie, which the root
// layout reads on the next request. No inline script is needed, so a strict CSP holds.
export function ThemeToggle({ initialTheme }: { initialTheme: Theme }) {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  const next: Theme = theme === "dark" ? "light" : "dark";

  function toggle() {
    document.documentElement.classList.toggle("dark", next === "dark");
    const secure = window.location.protocol === "https:" ? "; Secure" : "";
    document.cookie = `${THEME_COOKIE}=${next}; Path=/; Max-Age=${THEME_COOKIE_MAX_AGE_S}; SameSite=Lax${secure}`;
    setTheme(next);
  }

  return (
    <button
      type="button"
      onClick={toggle}
      aria-label="Toggle theme"
      title={`Switch to ${next} theme`}
      data-theme={theme}
      className="inline-flex size-8 items-center justify-center rounded-md border border-line text-fg-muted hover:bg-surface-hover hover:text-fg"
    >
      {theme === "dark" ? <MoonIcon /> : <SunIcon />}
    </button>
  );
}
