import type { Metadata } from "next";
import { SecretActionForm } from "@/components/settings/secret-action-form";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { formatUtcDate, RelativeTime } from "@/components/ui/relative-time";
import { Table } from "@/components/ui/table";
import { listApiKeys } from "@/lib/auth/api-keys";
import { requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { listProjects } from "@/lib/projects/project-admin";
import { createApiKeyAction, revokeApiKeyAction } from "@/lib/auth/api-key-actions";

export const metadata: Metadata = { title: "API keys" };
export const dynamic = "force-dynamic";

export default async function ApiKeysSettingsPage() {
  const me = await requirePageUser();
  const isAdmin = me.role === "admin";
  const [keys, projects] = await Promise.all([listApiKeys(db()), listProjects(db())]);
  const now = new Date();
  return (
    <div className="space-y-5">
      {isAdmin &&
        (projects.length === 0 ? (
          <Card>
            <EmptyState title="Create a project first.">
              <p>API keys belong to a project: add one under Projects, then come back.</p>
            </EmptyState>
          </Card>
        ) : (
          <Card
            title="Create an API key"
            description="Agents send it as Authorization: Bearer <key>. It is shown once; only a hash is stored."
          >
            <SecretActionForm
              action={createApiKeyAction}
              submit="Create key"
              label="Create API key"
              secretLabel="Your new API key"
              className="space-y-3 p-4"
            >
              <div className="grid gap-3 sm:grid-cols-2">
                <SelectField
                  name="projectId"
                  label="Project"
                  options={projects.map((p) => ({ value: p.id, label: `${p.name} (${p.slug})` }))}
                />
                <TextField
                  name="name"
                  label="Key name"
                  required
                  maxLength={100}
                  placeholder="e.g. ci-runner"
                  autoComplete="off"
                />
              </div>
            </SecretActionForm>
          </Card>
        ))}
      <Card title="API keys" description="Keys are told apart by their first characters; revoked keys get 401 at once.">
        <Table
          caption="API keys"
          testId="api-keys-table"
          empty={
            <EmptyState title="No API keys yet.">
              <p>{isAdmin ? "Create one above, or with npm run cli -- keys create." : "An admin creates them."}</p>
            </EmptyState>
          }
          columns={[
            { key: "project", header: "Project", sortable: true },
            { key: "name", header: "Name", sortable: true },
            { key: "prefix", header: "Prefix", className: "font-mono text-xs" },
            { key: "created", header: "Created", sortable: true },
            { key: "lastUsed", header: "Last used", sortable: true },
            { key: "status", header: "Status", sortable: true },
            ...(isAdmin ? [{ key: "actions", header: <span className="sr-only">Actions</span> }] : []),
          ]}
          rows={keys.map((k) => ({
            key: k.id,
            testId: "api-key-row",
            sort: {
              created: k.createdAt.getTime(),
              lastUsed: k.lastUsedAt?.getTime(),
              status: k.revokedAt ? "revoked" : "active",
            },
            cells: {
              project: k.projectSlug,
              name: k.name,
              prefix: `${k.prefix}…`,
              created: formatUtcDate(k.createdAt),
              lastUsed: k.lastUsedAt ? (
                <RelativeTime date={k.lastUsedAt} now={now} />
              ) : (
                <span className="text-fg-muted">never</span>
              ),
              status: k.revokedAt ? (
                <span className="text-danger">revoked {formatUtcDate(k.revokedAt)}</span>
              ) : (
                "active"
              ),
              actions: isAdmin && !k.revokedAt && (
                <ActionForm
                  action={revokeApiKeyAction}
                  submit="Revoke"
                  label={`Revoke key ${k.name}`}
                  variant="danger"
                  confirm={`Revoke the key "${k.name}" (${k.prefix}…)? Agents using it get 401 at once.`}
                >
                  <input type="hidden" name="keyId" value={k.id} />
                </ActionForm>
              ),
            },
          }))}
        />
      </Card>
    </div>
  );
}
