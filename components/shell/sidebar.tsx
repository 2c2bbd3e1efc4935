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
    <aside className="flex shrink-0 flex-wrap items-center justify-between border-b border-line bg-surface md:sticky md:top-0 md:h-dvh md:w-56 md:flex-col md:flex-nowrap md:items-stretch md:justify-start md:border-r md:border-b-0">
      <span className="order-1 flex items-center gap-2 px-4 py-3 text-sm font-semibold tracking-tight text-fg md:py-4">
        <LogoIcon className="size-5 text-accent" />
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
      <div className="order-2 hidden px-4 py-2 text-xs md:order-3 md:block md:border-t md:border-line">
        <p className="truncate font-medium text-fg" title={user.email}>
          {user.name}
        </p>
        <div className="flex items-center justify-between text-fg-subtle">
          <span>{user.role}</span>
          <SignOutForm />
        </div>
      </div>
      <div className="order-2 flex items-center justify-between gap-2 px-4 py-2 md:order-3 md:border-t md:border-line md:py-3">
        <span className="hidden gap-3 md:inline-flex">
          <a href="/docs/api" className="text-xs text-fg-muted underline-offset-2 hover:text-fg hover:underline">
            API docs
          </a>
          <a href="/docs/frameworks" className="text-xs text-fg-muted underline-offset-2 hover:text-fg hover:underline">
            Frameworks
          </a>
        </span>
        <ThemeToggle initialTheme={theme} />
      </div>
    </aside>
  );
}
