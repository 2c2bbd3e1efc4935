"use client";
// The sidebar's Sign out button. Through useActionState because every server action answers
// an ActionResult, and a bare `<form action>` takes only actions that answer nothing.
import { useActionState } from "react";
import { signOutAction } from "@/lib/auth/auth-actions";

export function SignOutForm() {
  const [, formAction, pending] = useActionState(signOutAction, null);
  return (
    <form action={formAction}>
      <button
        type="submit"
        disabled={pending}
        className="text-fg-muted underline-offset-2 hover:text-fg hover:underline"
      >
        Sign out
      </button>
    </form>
  );
}
