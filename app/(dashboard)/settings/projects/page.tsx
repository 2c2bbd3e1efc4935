import type { Metadata } from "next";
import { SecretActionForm } from "@/components/settings/secret-action-form";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { CheckboxField, TextField } from "@/components/ui/form-fields";
import { formatUtcDate } from "@/components/ui/relative-time";
import { Table } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { listProjects } from "@/lib/projects/project-admin";
import { createProjectAction, renameProjectAction, setWebhookAction } from "@/lib/projects/project-actions";

export const metadata: Metadata = { title: "Projects" };
export const dynamic = "force-dynamic";

export default async function ProjectsSettingsPage() {
  const me = await requirePageUser();
  const isAdmin = me.role === "admin";
  const projects = await listProjects(db());
  return (
    <div className="space-y-5">
      {isAdmin && (
        <Card
          title="Create a project"
          description="Sessions, agents and API keys belong to a project. Ingesting with a new project slug also creates one."
        >
          <ActionForm
            action={createProjectAction}
            submit="Create project"
            label="Create project"
            resetOnSuccess
            className="grid gap-3 p-4 sm:grid-cols-2"
          >
            <TextField name="name" label="Project name" required maxLength={200} autoComplete="off" />
            <TextField
              name="slug"
              label="Slug"
              maxLength={64}
              pattern="[a-z0-9]+(-[a-z0-9]+)*"
              autoComplete="off"
              hint="Lowercase letters, digits and dashes; left empty, it is made from the name."
            />
          </ActionForm>
        </Card>
      )}
      <Card title="Projects">
        <Table
          caption="Projects"
          testId="projects-table"
          empty={
            <EmptyState title="No projects yet.">
              <p>
                {isAdmin
                  ? "Create one above; imports and the ingest API create them too."
                  : "Imports, the ingest API and admins create them."}
              </p>
            </EmptyState>
          }
          columns={[
            { key: "slug", header: "Slug", sortable: true, className: "font-mono text-xs" },
            { key: "name", header: "Name", sortable: true },
            { key: "sessions", header: "Sessions", sortable: true, align: "right" },
            { key: "apiKeys", header: "API keys", sortable: true, align: "right" },
            { key: "webhook", header: "Gate webhook", className: "max-w-56 break-all" },
            { key: "created", header: "Created", sortable: true },
            ...(isAdmin ? [{ key: "manage", header: "Manage" }] : []),
          ]}
          rows={projects.map((p) => ({
            key: p.id,
            testId: "project-row",
            sort: { created: p.createdAt.getTime() },
            cells: {
              slug: p.slug,
              name: p.name,
              sessions: p.sessions,
              apiKeys: p.apiKeys,
              webhook: p.webhookUrl ?? <span className="text-fg-muted">none</span>,
              created: formatUtcDate(p.createdAt),
              manage: isAdmin && (
                <details>
                  <summary className="cursor-pointer text-sm text-accent">Manage {p.slug}</summary>
                  <div className="mt-2 w-80 space-y-4">
                    <ActionForm
                      action={renameProjectAction}
                      submit="Rename"
                      label={`Rename ${p.slug}`}
                      variant="secondary"
                    >
                      <input type="hidden" name="projectId" value={p.id} />
                      <TextField
                        id={`name-${p.id}`}
                        name="name"
                        label="Name"
                        defaultValue={p.name}
                        required
                        maxLength={200}
                      />
                    </ActionForm>
                    <SecretActionForm
                      action={setWebhookAction}
                      submit="Save webhook"
                      label={`Gate webhook of ${p.slug}`}
                      secretLabel="Webhook signing secret"
                    >
                      <input type="hidden" name="projectId" value={p.id} />
                      <TextField
                        id={`url-${p.id}`}
                        name="url"
                        label="Webhook URL"
                        type="url"
                        defaultValue={p.webhookUrl ?? ""}
                        maxLength={2000}
                        placeholder="https://…"
                        hint="Gate events are POSTed here, signed with X-Observatory-Signature. Empty removes it."
                      />
                      <CheckboxField id={`secret-${p.id}`} name="newSecret" label="Make a new signing secret" />
                    </SecretActionForm>
                  </div>
                </details>
              ),
            },
          }))}
        />
      </Card>
    </div>
  );
}
