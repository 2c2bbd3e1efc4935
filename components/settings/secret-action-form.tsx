"use client";
// An ActionForm whose action may answer with a secret to show once (ActionResult.secret).
import type { ReactNode } from "react";
import { ActionForm } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/actions/action-result";
import { OneTimeSecret } from "./one-time-secret";

type ServerAction = (state: ActionResult, form: FormData) => Promise<ActionResult>;

export function SecretActionForm({
  action,
  submit,
  label,
  secretLabel,
  children,
  className,
}: {
  action: ServerAction;
  submit: string;
  label: string;
  secretLabel: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <ActionForm action={action} submit={submit} label={label} className={className}>
      {(result) => (
        <>
          {children}
          {result.secret && <OneTimeSecret key={result.at} label={secretLabel} secret={result.secret} />}
        </>
      )}
    </ActionForm>
  );
}
