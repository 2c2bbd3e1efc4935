"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { isCurrentPath } from "@/components/shell/nav-link";

export const SETTINGS_SECTIONS = [
  { href: "/settings/projects", label: "Projects" },
  { href: "/settings/api-keys", label: "API keys" },
  { href: "/settings/users", label: "Users" },
  { href: "/settings/prices", label: "Model prices" },
  { href: "/settings/profiles", label: "Agent profiles" },
  { href: "/settings/sources", label: "Sources" },
] as const;

export function SettingsNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="mb-5 overflow-x-auto border-b border-line">
      <ul className="flex gap-1">
        {SETTINGS_SECTIONS.map((s) => {
          const current = isCurrentPath(pathname, s.href);
          return (
            <li key={s.href}>
              <Link
                href={s.href}
                aria-current={current ? "page" : undefined}
                className={`-mb-px inline-block border-b-2 px-3 py-2 text-sm whitespace-nowrap ${
                  current ? "border-accent font-medium text-fg" : "border-transparent text-fg-muted hover:text-fg"
                }`}
              >
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
