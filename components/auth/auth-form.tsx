"use client";

import { useActionState } from "react";
import type { FormState } from "@/app/(auth)/actions";

type Field = { name: string; label: string; type: string; autoComplete: string };

/** A labelled form posting to a server action; shows the action's error. */
export function AuthForm({
  action,
  fields,
  submit,
  next,
}: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  fields: Field[];
  submit: string;
  next?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    // a new key after each failed attempt re-creates the fields with what was typed (not the password)
    <form key={state.attempt ?? 0} action={formAction} className="space-y-3">
      {next && <input type="hidden" name="next" value={next} />}
      {fields.map((f) => (
        <div key={f.name} className="space-y-1">
          <label htmlFor={f.name} className="text-fg text-sm font-medium">
            {f.label}
          </label>
          <input
            id={f.name}
            name={f.name}
            type={f.type}
            autoComplete={f.autoComplete}
            defaultValue={f.type === "password" ? undefined : state.fields?.[f.name]}
            required
            className="border-line bg-surface text-fg focus-visible:outline-accent w-full rounded-md border px-3 py-2 text-sm focus-visible:outline-2"
          />
        </div>
      ))}
      {state.error && (
        <p role="alert" className="text-danger text-sm">
          {state.error}
        </p>
      )}
      <button type="submit" disabled={pending} className="bg-accent text-accent-fg w-full rounded-md px-3 py-2 text-sm font-medium disabled:opacity-60">
        {pending ? `${submit}…` : submit}
      </button>
    </form>
  );
}
