"use client";

import { startTransition, useActionState, useState } from "react";
import type { FormAction } from "@/lib/actions/action-result";

type Field = { name: string; label: string; type: string; autoComplete: string };

/** A labelled form posting to a server action (which redirects on success); shows the action's error. */
export function AuthForm({
  action,
  fields,
  submit,
  next,
}: {
  action: FormAction<never>;
  fields: Field[];
  submit: string;
  next?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  // what was typed, kept here so a failed attempt can show it again (never the password)
  const [kept, setKept] = useState<Record<string, string>>({});
  return (
    // a new key after each failed attempt re-creates the fields with what was kept
    <form
      key={state?.at ?? 0}
      action={formAction}
      className="space-y-3"
      onSubmit={(event) => {
        // submitted by hand to keep the values first; `action` stays for posts before hydration
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        setKept(
          Object.fromEntries(
            fields.filter((f) => f.type !== "password").map((f) => [f.name, String(data.get(f.name) ?? "")]),
          ),
        );
        startTransition(() => formAction(data));
      }}
    >
      {next && <input type="hidden" name="next" value={next} />}
      {fields.map((f) => (
        <div key={f.name} className="space-y-1">
          <label htmlFor={f.name} className="text-sm font-medium text-fg">
            {f.label}
          </label>
          <input
            id={f.name}
            name={f.name}
            type={f.type}
            autoComplete={f.autoComplete}
            defaultValue={f.type === "password" ? undefined : kept[f.name]}
            required
            className="w-full rounded-md border border-line bg-surface px-3 py-2 text-sm text-fg focus-visible:outline-2 focus-visible:outline-accent"
          />
        </div>
      ))}
      {state?.ok === false && (
        <p role="alert" className="text-sm text-danger">
          {state.error.message}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-accent px-3 py-2 text-sm font-medium text-accent-fg disabled:opacity-60"
      >
        {pending ? `${submit}…` : submit}
      </button>
    </form>
  );
}
