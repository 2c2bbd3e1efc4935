"use client";
// Admin forms of Settings → Sources, bound to the server actions in
// lib/importers/source-actions.ts (which check the role again on the server).
import { useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import { SelectField, TextField } from "@/components/ui/form-fields";
import { failedField, type FormAction } from "@/lib/actions/action-result";

const NEW_PROJECT = "";

export function RegisterSourceForm({
  action,
  systems,
  projects,
  defaultInterval,
}: {
  action: FormAction;
  systems: readonly string[];
  projects: readonly { slug: string; name: string }[];
  defaultInterval: number;
}) {
  const [project, setProject] = useState(projects[0]?.slug ?? NEW_PROJECT);
  return (
    <ActionForm
      action={action}
      submit="Register source"
      label="Register a source"
      resetOnSuccess
      className="grid gap-3 p-4 sm:grid-cols-2"
    >
      {(result) => (
        <>
          <SelectField
            name="system"
            label="System"
            options={systems.map((s) => ({ value: s, label: s }))}
            invalid={failedField(result) === "system"}
          />
          <TextField
            name="location"
            label="Location"
            required
            placeholder="/srv/bazinga/bazinga.db or postgresql://user:password@host/db"
            hint="An absolute path on this server (a database file, or a project folder for tac and agents-orchestrator), or a PostgreSQL URL."
            invalid={failedField(result) === "location"}
            className="sm:col-span-2"
          />
          <SelectField
            name="project"
            label="Project"
            value={project}
            onChange={(e) => setProject(e.target.value)}
            options={[
              ...projects.map((p) => ({ value: p.slug, label: `${p.name} (${p.slug})` })),
              { value: NEW_PROJECT, label: "New project…" },
            ]}
            invalid={failedField(result) === "project"}
          />
          {project === NEW_PROJECT ? (
            <TextField
              name="newProject"
              label="New project slug"
              required
              pattern="[a-z0-9]+(-[a-z0-9]+)*"
              placeholder="payments-team"
              invalid={failedField(result) === "newProject"}
            />
          ) : (
            <div />
          )}
          <TextField
            name="pollIntervalSec"
            label="Poll interval (seconds)"
            type="number"
            min={1}
            max={3600}
            defaultValue={defaultInterval}
            required
            invalid={failedField(result) === "pollIntervalSec"}
          />
          <TextField
            name="timeZone"
            label="Time zone of local-time columns"
            placeholder="this server's zone, or e.g. Europe/Berlin"
            maxLength={64}
            invalid={failedField(result) === "timeZone"}
          />
        </>
      )}
    </ActionForm>
  );
}

type RowActions = { sync: FormAction; update: FormAction; remove: FormAction };

export function SourceRowActions({
  id,
  location,
  enabled,
  pollIntervalSec,
  actions,
}: {
  id: string;
  location: string;
  enabled: boolean;
  pollIntervalSec: number;
  actions: RowActions;
}) {
  const inline = "flex flex-wrap items-end gap-2";
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {enabled && (
          <ActionForm
            action={actions.sync}
            submit="Sync now"
            variant="secondary"
            label={`Sync ${location} now`}
            className={inline}
          >
            <input type="hidden" name="id" value={id} />
          </ActionForm>
        )}
        <ActionForm
          action={actions.update}
          submit={enabled ? "Pause" : "Resume"}
          variant="secondary"
          label={`${enabled ? "Pause" : "Resume"} ${location}`}
          className={inline}
        >
          <input type="hidden" name="id" value={id} />
          <input type="hidden" name="enabled" value={enabled ? "false" : "true"} />
        </ActionForm>
        <ActionForm
          action={actions.remove}
          submit="Remove"
          variant="danger"
          label={`Remove ${location}`}
          confirm={`Stop following ${location}? What it imported stays.`}
          className={inline}
        >
          <input type="hidden" name="id" value={id} />
        </ActionForm>
      </div>
      <ActionForm
        action={actions.update}
        submit="Set interval"
        variant="secondary"
        label={`Poll interval of ${location}`}
        className={inline}
      >
        {(result) => (
          <>
            <input type="hidden" name="id" value={id} />
            <TextField
              id={`interval-${id}`}
              name="pollIntervalSec"
              label="Seconds"
              type="number"
              min={1}
              max={3600}
              defaultValue={pollIntervalSec}
              required
              className="w-24"
              invalid={failedField(result) === "pollIntervalSec"}
            />
          </>
        )}
      </ActionForm>
    </div>
  );
}
