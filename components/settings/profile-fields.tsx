// The fields of an agent profile, shared by the create and edit forms.
import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/ui/form-fields";
import { USAGE_UNITS } from "@/lib/profiles/profile-schemas";

export type ProfileDefaults = {
  projectId?: string | null;
  name?: string;
  provider?: string | null;
  model?: string | null;
  dailyLimit?: number;
  usageUnit?: string;
  hardLimit?: boolean;
  envOverrides?: unknown;
};

const UNIT_LABELS: Record<(typeof USAGE_UNITS)[number], string> = { runs: "runs", tokens: "tokens", usd: "USD" };

export function ProfileFields({
  idPrefix,
  projects,
  values = {},
}: {
  idPrefix: string;
  projects: readonly { id: string; slug: string; name: string }[];
  values?: ProfileDefaults;
}) {
  const id = (name: string) => `${idPrefix}-${name}`;
  const env =
    values.envOverrides === null || values.envOverrides === undefined
      ? ""
      : JSON.stringify(values.envOverrides, null, 2);
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      <TextField
        id={id("name")}
        name="name"
        label="Name"
        required
        defaultValue={values.name}
        hint="The agent type the agents report; they ask for their budget by this name."
      />
      <SelectField
        id={id("projectId")}
        name="projectId"
        label="Project"
        defaultValue={values.projectId ?? ""}
        options={[
          { value: "", label: "Global (every project)" },
          ...projects.map((p) => ({ value: p.id, label: p.name })),
        ]}
        hint="A project's profile overrides a global one of the same name."
      />
      <TextField id={id("provider")} name="provider" label="Provider" defaultValue={values.provider ?? ""} />
      <TextField id={id("model")} name="model" label="Model" defaultValue={values.model ?? ""} />
      <TextField
        id={id("dailyLimit")}
        name="dailyLimit"
        label="Daily limit"
        inputMode="decimal"
        defaultValue={String(values.dailyLimit ?? 0)}
        hint="0 means no limit. Days are UTC."
      />
      <SelectField
        id={id("usageUnit")}
        name="usageUnit"
        label="Limit unit"
        defaultValue={values.usageUnit ?? "runs"}
        options={USAGE_UNITS.map((u) => ({ value: u, label: UNIT_LABELS[u] }))}
      />
      <CheckboxField
        id={id("hardLimit")}
        name="hardLimit"
        label="Hard limit"
        defaultChecked={values.hardLimit ?? false}
        hint="Agents are told not to start once the limit is reached; otherwise it is a warning."
      />
      <TextAreaField
        id={id("envOverrides")}
        name="envOverrides"
        label="Environment overrides (JSON)"
        rows={3}
        defaultValue={env}
        placeholder='{"LOG_LEVEL": "debug"}'
        className="sm:col-span-2"
      />
    </div>
  );
}
