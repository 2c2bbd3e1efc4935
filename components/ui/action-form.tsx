"use client";
// A form posting to a role-checked server action (lib/actions/role-action.ts). It shows the
// action's success line or its error, disables the submit button while pending, keeps the
// user's input after an error, and resets its fields after a success when asked to.
import { startTransition, useActionState, type ReactNode } from "react";
import type { ActionResult, FormAction, Notice } from "@/lib/actions/action-result";
import { buttonClass } from "./form-fields";

/** The action's last answer, null before the first submit. */
export type FormState = ActionResult<Notice> | null;

export function ActionForm({
  action,
  submit,
  children,
  variant = "primary",
  resetOnSuccess = false,
  className = "space-y-3",
  label,
  confirm,
}: {
  action: FormAction;
  submit: string;
  children?: ReactNode | ((result: FormState) => ReactNode);
  variant?: keyof typeof buttonClass;
  resetOnSuccess?: boolean;
  className?: string;
  /** the form's accessible name */
  label?: string;
  /** asks before submitting (destructive actions) */
  confirm?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const key = resetOnSuccess && state?.ok ? state.at : undefined;
  return (
    <form
      key={key}
      action={formAction}
      aria-label={label}
      className={className}
      onSubmit={(event) => {
        // Submitting by hand: React resets a form after its `action` runs, which would wipe
        // what the user typed when the server refuses it. `action` stays for no-JS posts.
        event.preventDefault();
        if (confirm && !window.confirm(confirm)) return;
        // with the clicked button's name and value, as a native submit would send
        const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
        startTransition(() => formAction(data));
      }}
    >
      {typeof children === "function" ? children(state) : children}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass[variant]}>
          {pending ? `${submit}…` : submit}
        </button>
        <ActionMessage result={state} />
      </div>
    </form>
  );
}

export function ActionMessage({ result }: { result: FormState }) {
  if (!result) return null;
  if (!result.ok)
    return (
      <p role="alert" className="text-sm text-danger">
        {result.error.message}
      </p>
    );
  return (
    <p role="status" className="text-sm text-ok">
      {result.data.message}
    </p>
  );
}
