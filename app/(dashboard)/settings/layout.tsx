import type { ReactNode } from "react";
import { SettingsNav } from "@/components/settings/settings-nav";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/current-user";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <>
      <PageHeader
        title="Settings"
        description={
          user.role === "admin"
            ? "Projects, API keys, users, prices, agent profiles and sources."
            : "Read-only: only admins can change settings."
        }
      />
      <SettingsNav />
      {children}
    </>
  );
}
