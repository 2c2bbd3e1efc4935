import type { Metadata } from "next";
import { ActionForm } from "@/components/ui/action-form";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { formatUtcDate } from "@/components/ui/relative-time";
import { Table } from "@/components/ui/table";
import { requirePageUser } from "@/lib/auth/current-user";
import { listUsers } from "@/lib/auth/user-admin";
import { ROLES } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import { changeRoleAction, createUserAction, resetPasswordAction, setDisabledAction } from "@/lib/auth/user-actions";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

const roleOptions = ROLES.map((r) => ({ value: r, label: r }));

export default async function UsersSettingsPage() {
  const me = await requirePageUser();
  const isAdmin = me.role === "admin";
  const users = await listUsers(db());
  return (
    <div className="space-y-5">
      {isAdmin && (
        <Card
          title="Create a user"
          description="Sign-up is closed: admins create accounts and hand over the initial password."
        >
          <ActionForm
            action={createUserAction}
            submit="Create user"
            label="Create user"
            resetOnSuccess
            className="grid gap-3 p-4 sm:grid-cols-2"
          >
            <TextField name="name" label="Name" required maxLength={200} autoComplete="off" />
            <TextField name="email" label="Email" type="email" required maxLength={320} autoComplete="off" />
            <SelectField
              name="role"
              label="Role"
              options={roleOptions}
              defaultValue="viewer"
              hint="viewer: read only · approver: also decides gates · admin: also manages settings"
            />
            <TextField
              name="password"
              label="Initial password"
              type="password"
              required
              minLength={8}
              autoComplete="new-password"
              hint="At least 8 characters."
            />
          </ActionForm>
        </Card>
      )}
      <Card
        title="Users"
        description={`${users.length} account${users.length === 1 ? "" : "s"}. Disabling a user signs them out everywhere.`}
      >
        <Table
          caption="Users"
          testId="users-table"
          columns={[
            { key: "name", header: "Name", sortable: true },
            { key: "email", header: "Email", sortable: true },
            { key: "role", header: "Role", sortable: true },
            { key: "status", header: "Status", sortable: true },
            { key: "created", header: "Created", sortable: true },
            ...(isAdmin ? [{ key: "manage", header: "Manage" }] : []),
          ]}
          rows={users.map((u) => ({
            key: u.id,
            testId: "user-row",
            sort: { name: u.name, status: u.disabled ? "disabled" : "active", created: u.createdAt.getTime() },
            cells: {
              name: (
                <>
                  {u.name}
                  {u.id === me.id && <span className="text-xs text-fg-muted"> (you)</span>}
                </>
              ),
              email: u.email,
              role: u.role,
              status: u.disabled ? <span className="text-danger">disabled</span> : "active",
              created: formatUtcDate(u.createdAt),
              manage: isAdmin && (
                <details>
                  <summary className="cursor-pointer text-sm text-accent">Manage {u.email}</summary>
                  <div className="mt-2 w-72 space-y-4">
                    <ActionForm
                      action={changeRoleAction}
                      submit="Change role"
                      label={`Change role of ${u.email}`}
                      variant="secondary"
                    >
                      <input type="hidden" name="userId" value={u.id} />
                      <SelectField
                        id={`role-${u.id}`}
                        name="role"
                        label="Role"
                        options={roleOptions}
                        defaultValue={u.role}
                      />
                    </ActionForm>
                    <ActionForm
                      action={setDisabledAction}
                      submit={u.disabled ? "Enable user" : "Disable user"}
                      label={`${u.disabled ? "Enable" : "Disable"} ${u.email}`}
                      variant={u.disabled ? "secondary" : "danger"}
                      confirm={
                        u.disabled
                          ? undefined
                          : `Disable ${u.email}? They are signed out at once and cannot sign in until enabled.`
                      }
                    >
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="disabled" value={u.disabled ? "false" : "true"} />
                    </ActionForm>
                    <ActionForm
                      action={resetPasswordAction}
                      submit="Reset password"
                      label={`Reset password of ${u.email}`}
                      variant="secondary"
                      resetOnSuccess
                    >
                      <input type="hidden" name="userId" value={u.id} />
                      <TextField
                        id={`password-${u.id}`}
                        name="password"
                        label="New password"
                        type="password"
                        required
                        minLength={8}
                        autoComplete="new-password"
                        hint="Ends their sessions."
                      />
                    </ActionForm>
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
