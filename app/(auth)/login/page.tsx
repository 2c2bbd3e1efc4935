import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/auth/auth-form";
import { currentUser } from "@/lib/auth/current-user";
import { userCount } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import { signInAction } from "@/lib/auth/auth-actions";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if ((await userCount(db())) === 0) redirect("/setup");
  if (await currentUser()) redirect("/");
  const { next } = await searchParams;
  return (
    <>
      <h1 className="mb-4 text-lg font-semibold text-fg">Sign in</h1>
      <AuthForm
        action={signInAction}
        submit="Sign in"
        next={next}
        fields={[
          { name: "email", label: "Email", type: "email", autoComplete: "username" },
          { name: "password", label: "Password", type: "password", autoComplete: "current-password" },
        ]}
      />
    </>
  );
}
