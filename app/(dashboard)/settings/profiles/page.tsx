import type { Metadata } from "next";
import Link from "next/link";
import { BudgetMeter, formatUsage } from "@/components/settings/budget-meter";
import { ProfileFields } from "@/components/settings/profile-fields";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { listProfilesWithUsage } from "@/lib/profiles/profile-list";
import { projectOptions } from "@/lib/projects/projects";
import { createProfileAction } from "@/lib/profiles/profile-actions";

export const metadata: Metadata = { title: "Agent profiles" };
export const dynamic = "force-dynamic";

export default async function ProfilesPage() {
  const user = await requirePageUser();
  const admin = user.role === "admin";
  const [profiles, projects] = await Promise.all([listProfilesWithUsage(db()), projectOptions(db())]);
  return (
    <div className="space-y-5">
      <p className="max-w-3xl text-sm text-fg-muted">
        Agents ask for their budget (GET /api/v1/budgets/&#123;profile&#125;) and their active prompt (GET
        /api/v1/profiles/&#123;profile&#125;) by profile name before they start. Today&apos;s use is counted per UTC day
        from the usage of that agent type: in the profile&apos;s project, or in every project for a global profile.
      </p>
      <Card
        title="Agent profiles"
        description={`${profiles.length} profile${profiles.length === 1 ? "" : "s"}. Warning from 80 % of the daily limit, over from 100 %.`}
      >
        <Table
          caption="Agent profiles"
          empty={
            <EmptyState title="No agent profiles yet.">
              <p>
                {admin
                  ? "Create one below, or import one from an orchestrator."
                  : "An admin creates them here, or an import brings them in."}
              </p>
            </EmptyState>
          }
          columns={[
            { key: "profile", header: "Profile", sortable: true, rowHeader: true },
            { key: "scope", header: "Scope", sortable: true },
            { key: "model", header: "Provider / model", sortable: true, className: "text-fg-muted text-xs" },
            { key: "limit", header: "Daily limit", sortable: true, className: "whitespace-nowrap tabular-nums" },
            { key: "today", header: "Today", sortable: true },
            { key: "versions", header: "Prompt versions", sortable: true, className: "tabular-nums" },
          ]}
          rows={profiles.map((p) => ({
            key: p.id,
            testId: "profile-row",
            sort: {
              profile: p.name,
              scope: p.project ? p.project.name : "",
              model: `${p.provider ?? ""} / ${p.model ?? ""}`,
              limit: p.dailyLimit > 0 ? p.dailyLimit : null,
              today: p.share,
            },
            cells: {
              profile: (
                <Link href={`/settings/profiles/${p.id}`} className="text-accent hover:underline">
                  {p.name}
                </Link>
              ),
              scope: p.project ? p.project.name : <span className="text-fg-muted">Global</span>,
              model: `${p.provider ?? "—"} / ${p.model ?? "—"}`,
              limit: (
                <>
                  {p.dailyLimit > 0 ? (
                    formatUsage(p.dailyLimit, p.usageUnit)
                  ) : (
                    <span className="text-fg-muted">No limit</span>
                  )}
                  {p.dailyLimit > 0 && (
                    <span className="text-xs text-fg-muted"> · {p.hardLimit ? "hard" : "soft"}</span>
                  )}
                </>
              ),
              today: (
                <BudgetMeter
                  state={p.state}
                  share={p.share}
                  used={p.budget.usedToday}
                  limit={p.dailyLimit}
                  unit={p.usageUnit}
                />
              ),
              versions: p._count.promptVersions,
            },
          }))}
        />
      </Card>
      {admin && (
        <Card title="Create a profile">
          <ActionForm
            action={createProfileAction}
            submit="Create profile"
            label="Create a profile"
            resetOnSuccess
            className="space-y-3 p-4"
          >
            <ProfileFields idPrefix="new-profile" projects={projects} />
          </ActionForm>
        </Card>
      )}
    </div>
  );
}
