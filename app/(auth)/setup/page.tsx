import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/auth-form";
import { userCount } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import { setupAction } from "@/lib/auth/auth-actions";

export const metadata: Metadata = { title: "First-run setup" };
export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if ((await userCount(db())) > 0) redirect("/login");
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold text-fg">Create the first admin</h1>
      <p className="mb-4 text-sm text-fg-muted">
        Nobody has signed up yet. This account can then add users, approvers and API keys. From scripts:{" "}
        <code className="text-xs">npm run cli -- users create --role admin --password-stdin</code>.
      </p>
      <AuthForm
        action={setupAction}
        submit="Create admin"
        fields={[
          { name: "name", label: "Name", type: "text", autoComplete: "name" },
          { name: "email", label: "Email", type: "email", autoComplete: "username" },
          { name: "password", label: "Password", type: "password", autoComplete: "new-password" },
        ]}
      />
    </>
  );
}
