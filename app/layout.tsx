import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { parseTheme, THEME_COOKIE } from "@/components/shell/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Agent Observatory", template: "%s · Agent Observatory" },
  description: "Watch and steer multi-agent LLM orchestration systems.",
  // files in public/: a private dashboard, so no indexing either way
  icons: { icon: [{ url: "/favicon.svg", type: "image/svg+xml" }], apple: "/icon.svg" },
  manifest: "/manifest.webmanifest",
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The theme comes from a cookie so the first paint is right without an inline script.
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" className={theme === "dark" ? "dark" : undefined}>
      <body className="min-h-dvh bg-bg text-fg">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-surface focus:px-3 focus:py-2 focus:text-sm focus:text-fg focus:shadow"
        >
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
