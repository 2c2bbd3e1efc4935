import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BudgetMeter } from "@/components/settings/budget-meter";
import { ProfileFields } from "@/components/settings/profile-fields";
import { PromptDiffView } from "@/components/settings/prompt-diff-view";
import { PromptVersionList } from "@/components/settings/prompt-version-list";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { buttonClass, SelectField, TextAreaField, TextField } from "@/components/ui/form-fields";
import { TextLink } from "@/components/ui/text-link";
import { requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { listProfilesWithUsage, readProfile } from "@/lib/profiles/profile-list";
import { projectOptions } from "@/lib/projects/projects";
import { diffLines, diffStats } from "@/lib/profiles/prompt-diff";
import { listPromptVersions } from "@/lib/profiles/prompt-versions";
import {
  activatePromptVersionAction,
  addPromptVersionAction,
  deleteProfileAction,
  updateProfileAction,
} from "@/lib/profiles/profile-actions";

export const metadata: Metadata = { title: "Agent profile" };
export const dynamic = "force-dynamic";

type Search = { from?: string | string[]; to?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function ProfilePage({
  params,
  searchParams,
}: {
  params: Promise<{ profileId: string }>;
  searchParams: Promise<Search>;
}) {
  const user = await requirePageUser();
  const admin = user.role === "admin";
  const { profileId } = await params;
  const profile = await readProfile(db(), profileId);
  if (!profile) notFound();
  const [versions, usage, projects] = await Promise.all([
    listPromptVersions(db(), profile.id),
    listProfilesWithUsage(db()),
    projectOptions(db()),
  ]);
  const mine = usage.find((p) => p.id === profile.id);

  const search = await searchParams;
  const byNumber = new Map(versions.map((v) => [String(v.versionNumber), v]));
  const from = byNumber.get(one(search.from) ?? "") ?? versions[1];
  const to = byNumber.get(one(search.to) ?? "") ?? versions[0];
  const diff = from && to ? diffLines(from.content, to.content) : null;
  const stats = diff ? diffStats(diff) : null;
  const options = versions.map((v) => ({
    value: String(v.versionNumber),
    label: `v${v.versionNumber}${v.note ? ` · ${v.note.slice(0, 40)}` : ""}`,
  }));

  return (
    <div className="space-y-5">
      <TextLink href="/settings/profiles">← All agent profiles</TextLink>
      <Card
        title={profile.name}
        description={
          profile.project
            ? `Project ${profile.project.name}`
            : "Global profile (every project without its own of this name)"
        }
      >
        <dl className="grid gap-3 p-4 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-xs text-fg-muted">Provider / model</dt>
            <dd>
              {profile.provider ?? "—"} / {profile.model ?? "—"}
            </dd>
          </div>
          <div className="sm:col-span-2">
            <dt className="text-xs text-fg-muted">Today</dt>
            <dd>
              {mine && (
                <BudgetMeter
                  state={mine.state}
                  share={mine.share}
                  used={mine.budget.usedToday}
                  limit={profile.dailyLimit}
                  unit={profile.usageUnit}
                />
              )}
            </dd>
          </div>
          <div>
            <dt className="text-xs text-fg-muted">Limit kind</dt>
            <dd>{profile.dailyLimit > 0 ? (profile.hardLimit ? "Hard" : "Soft (warning only)") : "No limit"}</dd>
          </div>
        </dl>
      </Card>

      <Card title="Prompt versions" description="Agents get the active version from GET /api/v1/profiles/{profile}.">
        <PromptVersionList
          versions={versions}
          profileId={profile.id}
          activate={admin ? activatePromptVersionAction : undefined}
        />
      </Card>

      {versions.length >= 2 && (
        <Card
          title="Compare versions"
          description={
            stats && from && to
              ? `v${from.versionNumber} → v${to.versionNumber}: ${stats.added} added, ${stats.removed} removed lines`
              : undefined
          }
        >
          <form method="get" className="flex flex-wrap items-end gap-3 p-4" aria-label="Compare versions">
            <SelectField
              name="from"
              id="diff-from"
              label="From"
              options={options}
              defaultValue={from ? String(from.versionNumber) : undefined}
            />
            <SelectField
              name="to"
              id="diff-to"
              label="To"
              options={options}
              defaultValue={to ? String(to.versionNumber) : undefined}
            />
            <button type="submit" className={buttonClass.secondary}>
              Show diff
            </button>
          </form>
          {diff && <PromptDiffView lines={diff} />}
        </Card>
      )}

      {admin && (
        <>
          <Card
            title="Add a prompt version"
            description="It gets the next version number and stays inactive until you activate it."
          >
            <ActionForm
              action={addPromptVersionAction}
              submit="Add version"
              label="Add a prompt version"
              resetOnSuccess
              className="space-y-3 p-4"
            >
              <input type="hidden" name="profileId" value={profile.id} />
              <TextAreaField name="content" id="prompt-content" label="Prompt" rows={10} required />
              <TextField
                name="note"
                id="prompt-note"
                label="Note"
                hint="What changed and why, for whoever compares versions later."
              />
            </ActionForm>
          </Card>
          <Card title="Edit profile">
            <ActionForm
              action={updateProfileAction}
              submit="Save profile"
              label="Edit profile"
              className="space-y-3 p-4"
            >
              <input type="hidden" name="id" value={profile.id} />
              <ProfileFields idPrefix="edit-profile" projects={projects} values={profile} />
            </ActionForm>
          </Card>
          <Card
            title="Delete profile"
            description="Deletes its prompt versions too. Agents asking for it get 404 (or the global profile of the same name)."
          >
            <ActionForm
              action={deleteProfileAction}
              submit="Delete profile"
              variant="danger"
              label="Delete profile"
              confirm={`Delete the profile ${profile.name} and its prompt versions?`}
              className="p-4"
            >
              <input type="hidden" name="id" value={profile.id} />
            </ActionForm>
          </Card>
        </>
      )}
    </div>
  );
}
