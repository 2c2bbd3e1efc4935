"use client";
// An ActionForm whose action may answer with a secret to show once (Notice.secret).
import type { ReactNode } from "react";
import { ActionForm } from "@/components/ui/action-form";
import type { FormAction } from "@/lib/actions/action-result";
import { OneTimeSecret } from "./one-time-secret";

export function SecretActionForm({
  action,
  submit,
  label,
  secretLabel,
  children,
  className,
}: {
  action: FormAction;
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
          {result?.ok && result.data.secret && (
            <OneTimeSecret key={result.at} label={secretLabel} secret={result.data.secret} />
          )}
        </>
      )}
    </ActionForm>
  );
}
