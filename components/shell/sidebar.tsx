import {
  AgentsIcon,
  ApprovalsIcon,
  AuditIcon,
  LogoIcon,
  OverviewIcon,
  SessionsIcon,
  SettingsIcon,
  UsageIcon,
} from "@/components/icons";
import { NavLink } from "./nav-link";
import { SignOutForm } from "./sign-out-form";
import type { Theme } from "./theme";
import { ThemeToggle } from "./theme-toggle";

const links = [
  { href: "/", label: "Overview", icon: <OverviewIcon /> },
  { href: "/sessions", label: "Sessions", icon: <SessionsIcon /> },
  { href: "/approvals", label: "Approvals", icon: <ApprovalsIcon /> },
  { href: "/agents", label: "Agents", icon: <AgentsIcon /> },
  { href: "/usage", label: "Usage", icon: <UsageIcon /> },
  { href: "/audit", label: "Audit", icon: <AuditIcon /> },
  { href: "/settings", label: "Settings", icon: <SettingsIcon /> },
];

// One toggle instance: on narrow screens it sits beside the product name, on wide screens
// at the foot of the sidebar (CSS order, so the DOM and tab order stay simple).
export function Sidebar({ theme, user }: { theme: Theme; user: { name: string; email: string; role: string } }) {
  return (
    <aside className="border-line bg-surface flex shrink-0 flex-wrap items-center justify-between border-b md:sticky md:top-0 md:h-dvh md:w-56 md:flex-col md:flex-nowrap md:items-stretch md:justify-start md:border-r md:border-b-0">
      <span className="text-fg order-1 flex items-center gap-2 px-4 py-3 text-sm font-semibold tracking-tight md:py-4">
        <LogoIcon className="text-accent size-5" />
        Agent Observatory
      </span>
      <nav
        aria-label="Main"
        className="order-3 w-full overflow-x-auto px-2 pb-2 md:order-2 md:flex-1 md:overflow-y-auto"
      >
        <ul className="flex gap-0.5 md:flex-col">
          {links.map((link) => (
            <li key={link.href}>
              <NavLink href={link.href} icon={link.icon} label={link.label} />
            </li>
          ))}
        </ul>
      </nav>
      <div className="md:border-line order-2 hidden px-4 py-2 text-xs md:order-3 md:block md:border-t">
        <p className="text-fg truncate font-medium" title={user.email}>
          {user.name}
        </p>
        <div className="text-fg-subtle flex items-center justify-between">
          <span>{user.role}</span>
          <SignOutForm />
        </div>
      </div>
      <div className="md:border-line order-2 flex items-center justify-between gap-2 px-4 py-2 md:order-3 md:border-t md:py-3">
        <span className="hidden gap-3 md:inline-flex">
          <a href="/docs/api" className="text-fg-muted hover:text-fg text-xs underline-offset-2 hover:underline">
            API docs
          </a>
          <a href="/docs/frameworks" className="text-fg-muted hover:text-fg text-xs underline-offset-2 hover:underline">
            Frameworks
          </a>
        </span>
        <ThemeToggle initialTheme={theme} />
      </div>
    </aside>
  );
}
