import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { Sidebar } from "@/components/shell/sidebar";
import { parseTheme, THEME_COOKIE } from "@/components/shell/theme";
import { requirePageUser } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";

// Every dashboard page needs a signed-in user; with no users yet, first-run setup.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <div className="flex min-h-dvh flex-col md:flex-row">
      <Sidebar theme={theme} user={{ name: user.name, email: user.email, role: user.role }} />
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-5 outline-none md:px-8 md:py-6">
        <div className="mx-auto max-w-7xl">{children}</div>
      </main>
    </div>
  );
}
